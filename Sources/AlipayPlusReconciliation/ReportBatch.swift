public import Foundation

/// The files of one report batch (same kind, participant, currency, batch and agreement), in `seq` order.
///
/// Build one from a directory listing with ``batches(in:)`` or from known files with
/// ``init(files:)``; a gap in `seq` (000, 002 without 001, or a first file other than 000) is an error,
/// because the batch cannot be reconciled with a file missing.
public struct ReportBatch: Sendable {
    /// The parsed name of the first file (seq 000).
    public let name: ReportFileName
    /// The files in `seq` order.
    public let files: [URL]

    /// The sources to hand to a ``ReportReader``.
    public var sources: [ReportSource] { files.map { ReportSource.file($0) } }

    /// Groups files of one batch and sorts them by `seq`.
    ///
    /// - Throws: ``ReportError/Code/badFileName``, ``ReportError/Code/mixedBatch`` when files belong to
    ///   different batches, ``ReportError/Code/sequenceGap`` when a `seq` is missing or repeated.
    public init(files: [URL]) throws {
        guard !files.isEmpty else {
            throw ReportError(.sequenceGap, detail: "no files were given", hint: "pass the files of one batch, seq 000 first")
        }
        let named = try files.map { (try ReportFileName(parsing: $0.lastPathComponent), $0) }.sorted { $0.0.seq < $1.0.seq }
        let first = named[0].0
        for (name, url) in named {
            var same = name
            same.seq = first.seq
            if same != first {
                throw ReportError(.mixedBatch, file: url.lastPathComponent,
                                  detail: "this file belongs to a different batch than \(first.fileName)",
                                  hint: "read each batch separately; ReportBatch.batches(in:) groups files for you")
            }
        }
        var expected = 0
        for (name, url) in named {
            if name.seq != expected {
                let detail = name.seq < expected
                    ? "seq \(name.seq) appears twice"
                    : "seq \(String(format: "%03d", expected))\(name.seq - 1 > expected ? "-\(String(format: "%03d", name.seq - 1))" : "") is missing before this file"
                throw ReportError(.sequenceGap, file: url.lastPathComponent, detail: detail,
                                  hint: "download every file of the batch from SFTP (seq 000 upwards) before reading it")
            }
            expected += 1
        }
        var firstName = first
        firstName.seq = 0
        self.name = firstName
        self.files = named.map(\.1)
    }

    /// Groups the report files in a directory into batches, ignoring files whose names are not report names.
    ///
    /// - Parameter directory: A local directory (e.g. a downloaded `<date>` folder).
    /// - Returns: Batches sorted by kind and batch ID.
    /// - Throws: ``ReportError/Code/unreadableFile`` or a batch's ``ReportError/Code/sequenceGap``.
    public static func batches(in directory: URL) throws -> [ReportBatch] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory.path) } catch {
            throw ReportError(.unreadableFile, file: directory.lastPathComponent, detail: "cannot list the directory: \(error.localizedDescription)",
                              hint: "check the path and permissions")
        }
        var groups: [ReportFileName: [URL]] = [:]
        for fileName in names {
            guard var parsed = try? ReportFileName(parsing: fileName) else { continue }
            parsed.seq = 0
            groups[parsed, default: []].append(directory.appendingPathComponent(fileName))
        }
        return try groups.values.map { try ReportBatch(files: $0) }
            .sorted { ($0.name.kind.rawValue, $0.name.batchId, $0.name.fileName) < ($1.name.kind.rawValue, $1.name.batchId, $1.name.fileName) }
    }
}
