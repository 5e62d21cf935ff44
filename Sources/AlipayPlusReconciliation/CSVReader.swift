public import Foundation

/// A streaming RFC 4180 CSV reader that yields one record at a time with flat memory.
///
/// Reads UTF-8 from a file (in chunks, 64 KiB by default) or from `Data`. Accepts CRLF, LF or a lone
/// CR as line ends, an optional UTF-8 byte order mark, quoted fields with commas, doubled quotes (`""`)
/// and line breaks inside, and an optional trailing `<END>` line (an unquoted single-field record).
/// Blank lines come back as rows with no fields. Only the current record is kept in memory.
///
/// ```swift
/// let reader = try CSVReader(contentsOf: url)
/// while let row = try reader.next() { print(row.line, row.fields) }
/// ```
public final class CSVReader {
    private enum Source {
        case file(FileHandle)
        case data(Data, offset: Int)
    }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    /// The name used in errors (the file's last path component, or the name given with `Data`).
    public let name: String
    /// True once the `<END>` marker line has been read.
    public private(set) var sawEndMarker = false

    private var source: Source
    private let chunkSize: Int
    private var chunk: [UInt8] = []
    private var storage: UnsafeMutableBufferPointer<UInt8> = .allocate(capacity: 0)
    private var storageCount = 0
    private var position = 0
    private var atStartOfInput = true
    private var finished = false
    private var line = 1
    private var skipLineFeed = false
    /// A CR inside a quoted field was just counted as a line end: an LF right after it (even in the next
    /// chunk) belongs to the same line end.
    private var quotedCarriageReturn = false

    private var state = State.fieldStart
    private var field: [UInt8] = []
    private var fields: [String] = []
    private var recordLine = 1
    private var fieldLine = 1
    private var recordHasContent = false
    private var fieldWasQuoted = false

    /// Opens a file for streaming.
    ///
    /// - Parameters:
    ///   - url: A file URL.
    ///   - chunkSize: Bytes read per call; at least 1.
    /// - Throws: ``ReportError/Code/unreadableFile`` when the file cannot be opened.
    public init(contentsOf url: URL, chunkSize: Int = 65_536) throws {
        name = url.lastPathComponent
        do {
            source = .file(try FileHandle(forReadingFrom: url))
        } catch {
            throw ReportError(.unreadableFile, file: url.lastPathComponent, detail: "cannot open \(url.path): \(error.localizedDescription)",
                              hint: "check that the file exists and is readable")
        }
        self.chunkSize = max(1, chunkSize)
        field.reserveCapacity(256)
    }

    /// Reads from bytes in memory.
    ///
    /// - Parameters:
    ///   - data: The CSV bytes.
    ///   - name: The name used in errors.
    ///   - chunkSize: Bytes processed per step (tests use small values to cross chunk borders).
    public init(data: Data, name: String = "data.csv", chunkSize: Int = 65_536) {
        self.name = name
        source = .data(data, offset: 0)
        self.chunkSize = max(1, chunkSize)
        field.reserveCapacity(256)
    }

    deinit {
        storage.deallocate()
        if case .file(let handle) = source { try? handle.close() }
    }

    /// Returns the next record, a blank row for a blank line, or nil at the end (or after `<END>`).
    ///
    /// - Throws: ``ReportError`` for bad quoting, invalid UTF-8, content after `<END>` or a read failure.
    public func next() throws -> CSVRow? {
        while true {
            guard let row = try nextRaw() else { return nil }
            if !sawEndMarker, row.fields.count == 1, row.fields[0] == "<END>", !fieldWasQuoted {
                sawEndMarker = true
                while let after = try nextRaw() {
                    if !after.isBlank {
                        throw ReportError(.contentAfterEndMarker, file: name, line: after.line,
                                          detail: "found data after the <END> marker",
                                          hint: "<END> must be the last non-blank line; remove what follows it or the marker")
                    }
                }
                return nil
            }
            return row
        }
    }

    private func loadChunk() throws -> Bool {
        guard try readChunk() else { return false }
        if atStartOfInput {
            atStartOfInput = false
            // Gather at least three bytes so a byte order mark split across tiny chunks is still seen.
            while chunk.count < 3 {
                let head = chunk
                guard try readChunk() else { chunk = head; break }
                chunk = head + chunk
            }
            if chunk.count >= 3, chunk[0] == 0xEF, chunk[1] == 0xBB, chunk[2] == 0xBF { position = 3 }
        }
        if storage.count < chunk.count {
            storage.deallocate()
            storage = .allocate(capacity: chunk.count)
        }
        _ = storage.initialize(from: chunk)
        storageCount = chunk.count
        return true
    }

    private func readChunk() throws -> Bool {
        switch source {
        case .file(let handle):
            let data: Data?
            do { data = try handle.read(upToCount: chunkSize) } catch {
                throw ReportError(.unreadableFile, file: name, line: line, detail: "read failed: \(error.localizedDescription)",
                                  hint: "check the file system and retry")
            }
            guard let data, !data.isEmpty else { return false }
            chunk = [UInt8](data)
        case .data(let data, let offset):
            guard offset < data.count else { return false }
            let end = min(data.count, offset + chunkSize)
            let start = data.startIndex + offset
            chunk = [UInt8](data[start..<(data.startIndex + end)])
            source = .data(data, offset: end)
        }
        position = 0
        return true
    }

    private func nextRaw() throws -> CSVRow? {
        if finished { return nil }
        while true {
            if position >= storageCount {
                if try !loadChunk() {
                    finished = true
                    return try finishAtEndOfInput()
                }
                continue
            }
            if let row = try scanChunk() { return row }
        }
    }

    private func finishAtEndOfInput() throws -> CSVRow? {
        switch state {
        case .quoted:
            throw ReportError(.unterminatedQuote, file: name, line: fieldLine,
                              detail: "a quoted field opened on line \(fieldLine) is never closed",
                              hint: "close the field with a \" or double any quote inside it (\"\")")
        case .fieldStart where !recordHasContent:
            return nil
        default:
            return try endRecord()
        }
    }

    /// Scans bytes of the current chunk; returns a row when a record ends.
    ///
    /// The hot state lives in locals (class property access costs an exclusivity check per byte) and is
    /// written back on every exit; there is no closure in the loop so the locals stay in registers.
    private func scanChunk() throws -> CSVRow? {
        enum Action { case none, endField, endRecord, blankRow }
        var state = self.state
        var line = self.line
        var skipLineFeed = self.skipLineFeed
        var quotedCarriageReturn = self.quotedCarriageReturn
        var recordHasContent = self.recordHasContent
        var fieldWasQuoted = self.fieldWasQuoted
        var recordLine = self.recordLine
        var fieldLine = self.fieldLine
        var position = self.position
        var field = self.field
        self.field = []
        defer {
            self.state = state
            self.line = line
            self.skipLineFeed = skipLineFeed
            self.quotedCarriageReturn = quotedCarriageReturn
            self.recordHasContent = recordHasContent
            self.fieldWasQuoted = fieldWasQuoted
            self.recordLine = recordLine
            self.fieldLine = fieldLine
            self.position = position
            self.field = field
        }
        let buffer = storage
        let count = storageCount
        while position < count {
            let byte = buffer[position]
            position += 1
            if skipLineFeed {
                skipLineFeed = false
                if byte == 0x0A { continue }
            }
            var action = Action.none
            switch state {
            case .fieldStart:
                if !recordHasContent { recordLine = line }
                fieldLine = line
                fieldWasQuoted = false
                switch byte {
                case 0x22: state = .quoted; recordHasContent = true; fieldWasQuoted = true
                case 0x2C: recordHasContent = true; action = .endField
                case 0x0A, 0x0D:
                    line += 1
                    if byte == 0x0D { skipLineFeed = true }
                    action = recordHasContent ? .endRecord : .blankRow
                default: state = .unquoted; recordHasContent = true; field.append(byte)
                }
            case .unquoted:
                switch byte {
                case 0x2C: action = .endField
                case 0x0A, 0x0D:
                    line += 1
                    if byte == 0x0D { skipLineFeed = true }
                    action = .endRecord
                case 0x22:
                    throw ReportError(.quoteInUnquotedField, file: name, line: line, column: columnLabel,
                                      detail: "a \" appears inside a field that does not start with a quote",
                                      hint: "quote the whole field and double the inner quote: \"a \"\"b\"\" c\"")
                default: field.append(byte)
                }
            case .quoted:
                switch byte {
                case 0x22: quotedCarriageReturn = false; state = .quoteInQuoted
                case 0x0A:
                    // A CRLF is one line end, counted at the CR, wherever the chunk boundary falls.
                    if !quotedCarriageReturn { line += 1 }
                    quotedCarriageReturn = false
                    field.append(byte)
                case 0x0D: line += 1; quotedCarriageReturn = true; field.append(byte)
                default: quotedCarriageReturn = false; field.append(byte)
                }
            case .quoteInQuoted:
                switch byte {
                case 0x22: field.append(0x22); state = .quoted
                case 0x2C: action = .endField
                case 0x0A, 0x0D:
                    line += 1
                    if byte == 0x0D { skipLineFeed = true }
                    action = .endRecord
                default:
                    throw ReportError(.characterAfterClosingQuote, file: name, line: line, column: columnLabel,
                                      detail: "unexpected character after the closing quote of a field",
                                      hint: "a quoted field must be followed by a comma or a line end; double quotes inside it (\"\")")
                }
            }
            switch action {
            case .none:
                continue
            case .blankRow:
                return CSVRow(fields: [], line: recordLine)
            case .endField, .endRecord:
                self.fieldLine = fieldLine
                fields.append(try decode(field))
                field.removeAll(keepingCapacity: true)
                state = .fieldStart
                if action == .endRecord {
                    let row = CSVRow(fields: fields, line: recordLine)
                    fields.removeAll(keepingCapacity: true)
                    recordHasContent = false
                    return row
                }
            }
        }
        return nil
    }

    private var columnLabel: String { "#\(fields.count + 1)" }

    private func endField() throws {
        fields.append(try decode(field))
        field.removeAll(keepingCapacity: true)
    }

    private func endRecord() throws -> CSVRow {
        try endField()
        let row = CSVRow(fields: fields, line: recordLine)
        fields.removeAll(keepingCapacity: true)
        state = .fieldStart
        recordHasContent = false
        return row
    }

    private func decode(_ bytes: [UInt8]) throws -> String {
        var ascii = true
        for byte in bytes where byte >= 0x80 { ascii = false; break }
        if ascii { return String(decoding: bytes, as: UTF8.self) }
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return String(decoding: bytes, as: UTF8.self)
            case .error(let length):
                let bad = bytes[offset..<min(bytes.count, offset + max(1, length))].map { String(format: "%02X", $0) }.joined(separator: " ")
                throw ReportError(.invalidUTF8, file: name, line: fieldLine, column: columnLabel,
                                  detail: "invalid UTF-8 byte(s) \(bad) at byte \(offset) of the field",
                                  hint: "report files are UTF-8; re-export or convert the file (e.g. iconv -f GBK -t UTF-8)")
            }
        }
    }
}
