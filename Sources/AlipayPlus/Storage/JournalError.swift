import Foundation

/// An error from a `Journal`: what failed, in which file, at which byte offset, and what to do.
///
/// Switch on ``code`` (compare with the static members of ``JournalError/Code``); new codes may be
/// added without breaking callers. ``description`` names the file and the offset and suggests a fix.
public struct JournalError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure. Compare against the static members, e.g. `error.code == .corruptRecord`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case ioFailure, corruptRecord, encodingFailed, decodingFailed, closed, alreadyOpen, unexpectedFile, recordTooLarge
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A system call failed (open, write, fsync, rename, ...); ``JournalError/detail`` holds the errno text.
        public static let ioFailure = Code(.ioFailure)
        /// A record that is not at the end of its file fails its framing or checksum: acknowledged data
        /// would be lost if it were dropped, so the journal refuses to open.
        public static let corruptRecord = Code(.corruptRecord)
        /// An entry could not be encoded to JSON; nothing was written.
        public static let encodingFailed = Code(.encodingFailed)
        /// A record passed its checksum but its JSON does not decode as the entry type (schema change?).
        public static let decodingFailed = Code(.decodingFailed)
        /// The journal was closed, or refused further writes after an fsync/truncate failure.
        public static let closed = Code(.closed)
        /// Another `Journal` (in this or another process) holds the journal's lock file.
        public static let alreadyOpen = Code(.alreadyOpen)
        /// A file the crash-recovery protocol can never leave behind (e.g. a non-empty log newer than
        /// the snapshot) was found; the journal refuses to guess.
        public static let unexpectedFile = Code(.unexpectedFile)

        /// One record (an entry, a batch appended at once, or one entry of a snapshot) is larger than
        /// the record limit the reader accepts; nothing was written and the journal stays usable.
        public static let recordTooLarge = Code(.recordTooLarge)

        /// The code's name.
        public var description: String { base.rawValue }
    }

    /// What kind of failure this is.
    public let code: Code
    /// The file involved, if any.
    public let path: String?
    /// The byte offset in ``path`` of the record involved, if any.
    public let offset: Int64?
    /// Details: the errno text, the framing problem, or the underlying coder error.
    public let detail: String

    /// Creates an error. Prefer the static factories.
    public init(code: Code, path: String?, offset: Int64? = nil, detail: String) {
        self.code = code
        self.path = path
        self.offset = offset
        self.detail = detail
    }

    /// A failed system call; `errno` is turned into its text.
    static func ioFailure(path: String, operation: String, errno code: Int32) -> JournalError {
        let text = String(cString: strerror(code))
        return JournalError(code: .ioFailure, path: path, detail: "\(operation) failed: \(text) (errno \(code))")
    }

    static func corruptRecord(path: String, offset: Int64, reason: String) -> JournalError {
        JournalError(code: .corruptRecord, path: path, offset: offset, detail: reason)
    }

    static func decodingFailed(path: String, offset: Int64, error: any Error) -> JournalError {
        JournalError(code: .decodingFailed, path: path, offset: offset, detail: String(describing: error))
    }

    static func encodingFailed(error: any Error) -> JournalError {
        JournalError(code: .encodingFailed, path: nil, detail: String(describing: error))
    }

    static func recordTooLarge(size: Int, limit: Int) -> JournalError {
        JournalError(code: .recordTooLarge, path: nil,
                     detail: "a record of \(size) bytes exceeds the record limit of \(limit) bytes that open accepts")
    }

    static func closed(path: String, reason: String) -> JournalError {
        JournalError(code: .closed, path: path, detail: reason)
    }

    /// The error with its file, offset and suggested fix.
    public var description: String {
        var text = "JournalError.\(code)"
        if let path { text += " in \(path)" }
        if let offset { text += " at byte offset \(offset)" }
        text += ": \(detail). "
        switch code {
        case .ioFailure:
            text += "Fix: check that the directory exists, is writable, and the disk is not full or read-only; then reopen the journal."
        case .corruptRecord:
            let cut = offset.map(String.init) ?? "<offset>"
            text += "Valid records follow this one, so it is not a torn write and acknowledged data would be lost by dropping it. "
                + "Fix: restore the file from a backup or replica; only if you accept losing every record from this offset on, "
                + "keep a copy and cut the file with `truncate -s \(cut) \(path ?? "<file>")`."
        case .encodingFailed:
            text += "Nothing was written. Fix: make the entry's Encodable conformance total (no non-finite floats, no throwing encode)."
        case .decodingFailed:
            text += "The record's checksum is valid, so the bytes are intact but do not match the entry type. "
                + "Fix: open the journal with the entry type (version) that wrote it, or add a tolerant decoder for old records."
        case .closed:
            text += "Fix: open a new Journal on the same directory; recovery replays everything that was acknowledged."
        case .alreadyOpen:
            text += "Fix: use one Journal instance per directory and name (share it), or close the other one first."
        case .recordTooLarge:
            text += "Nothing was written and the journal is unchanged. Fix: append fewer entries in one batch, "
                + "or keep single entries smaller (store large blobs elsewhere and journal a reference)."
        case .unexpectedFile:
            text += "Fix: restore the missing snapshot from a backup, or move the unexpected file aside if you know it is stale."
        default:
            break
        }
        return text
    }
}
