package import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What opening a journal found and repaired, for logging (``LocalAutoDebitStore/openReport``).
public struct JournalOpenReport: Sendable, Hashable, CustomStringConvertible {
    /// A torn record cut off the end of the log.
    public struct TornTail: Sendable, Hashable {
        /// Offset in the log where the torn record started (the file's new length).
        public var offset: Int64
        /// Bytes dropped (the old length minus ``offset``).
        public var droppedBytes: Int64
        /// Why the record was rejected (short header, length past end of file, CRC mismatch, ...).
        public var reason: String
    }

    /// The generation of the snapshot (0 when there is none) and of the live log file.
    public var generation: UInt64 = 0
    /// Entries recovered from the snapshot.
    public var snapshotEntryCount = 0
    /// Records (single or batch) recovered from the log.
    public var logRecordCount = 0
    /// Entries recovered from the log.
    public var logEntryCount = 0
    /// The torn tail that was truncated away, if any.
    public var tornTail: TornTail?
    /// Leftovers of an interrupted compaction that were deleted (temp snapshot, superseded log).
    public var removedFiles: [String] = []

    /// True when nothing needed repair.
    public var isClean: Bool { tornTail == nil && removedFiles.isEmpty }

    /// The report as one log line.
    public var description: String {
        var text = "journal generation \(generation): \(snapshotEntryCount) snapshot entries + \(logEntryCount) log entries in \(logRecordCount) records"
        if let tornTail {
            text += "; dropped torn tail of \(tornTail.droppedBytes) bytes at offset \(tornTail.offset) (\(tornTail.reason))"
        }
        if !removedFiles.isEmpty { text += "; removed leftovers: \(removedFiles.joined(separator: ", "))" }
        return text
    }
}

/// An append-only, fsync'd log of Codable entries with snapshot compaction.
///
/// Every ``append(_:)`` encodes the entry as JSON, frames it (magic, version, kind, length, CRC-32)
/// and queues it; it returns only after the `fsync(2)` that covers it: once `append` returns, the
/// entry survives a crash or power loss. ``append(contentsOf:)`` writes several entries as one batch
/// record, which recovery applies all or nothing.
///
/// ## Group commit
/// Appends go through a ``JournalCommitQueue``: one writer, on a thread of its own (never the shared
/// cooperative pool), takes every record queued so far and writes them with one `pwrite(2)` and one
/// `fsync(2)`, then resumes their callers. Concurrent appends therefore share writes and fsyncs,
/// records never interleave, and each lands in the order it was queued. The async ``commit(_:)``
/// suspends its task instead of blocking a thread; ``stage(_:)`` plus ``waitUntilDurable(_:)`` lets an
/// actor fix the order of its records while it is isolated and wait for them after.
///
/// ## Files in `directory`
/// - `<name>.snapshot`: one snapshot record `{"generation": g, "entries": [...]}` (absent = generation 0, empty),
///   followed by batch records `[...]` with the rest of the entries when one record would exceed the
///   record limit (1 GiB), the same limit open enforces.
/// - `<name>.<g>.log`: the log of entries appended after snapshot generation `g`. Only the log whose
///   generation equals the snapshot's is ever replayed.
/// - `<name>.snapshot.tmp`: a snapshot being written; a leftover is deleted at open.
/// - `<name>.lock`: holds an exclusive `flock(2)` while a journal is open, so two instances
///   (in one process or two) cannot append to the same files.
///
/// ## Recovery
/// Open replays the snapshot then the log. A record that fails its framing or checksum with no valid
/// record after it is a torn write (a crash during the last `write`, possibly leaving zeros or a
/// prefix): the log is truncated at the start of that record, fsync'd, and the cut is reported in
/// ``openReport``. That record was never acknowledged, because `append` returns only after `fsync`.
/// A bad record followed by a valid one cannot come from a crash (writes are sequential), so open
/// throws ``JournalError/Code/corruptRecord`` with the offset instead of dropping acknowledged data.
/// A flipped bit in the *last* record is indistinguishable from a torn write and is dropped.
///
/// ## Compaction and crash order
/// ``compact(to:)`` moves from generation `g` to `g + 1`:
/// 1. write the snapshot `{g + 1, entries}` to `<name>.snapshot.tmp`, fsync it;
/// 2. `rename` it over `<name>.snapshot`, fsync the directory (the commit point);
/// 3. create the empty log `<name>.<g+1>.log`, fsync the directory, switch appends to it;
/// 4. delete `<name>.<g>.log`, fsync the directory.
///
/// Instead of truncating the old log in place, the log is *replaced by generation*: the snapshot
/// names the one log that belongs to it. A crash at any point therefore recovers to exactly one state:
/// - before the rename is durable: the old snapshot (g) + old log g, i.e. the state before compaction
///   (the temp file is deleted). Nothing acknowledged is lost, because `compact` had not returned.
/// - after the rename, before step 4 completes: snapshot g + 1 + a stale log g, which open *ignores
///   and deletes*; the log entries are not applied twice even though the file still exists. A missing
///   log g + 1 is created empty.
/// Truncating a single log after the rename would instead need the truncation and the rename to be
/// atomic together; a crash between them would replay the old log on top of a snapshot that already
/// contains it (duplicates). No append happens during compaction (the lock is held throughout), and
/// appends after it go only to log g + 1. A non-empty log newer than the snapshot, or a non-empty log
/// with no snapshot beside it, cannot be produced by this protocol, so open throws
/// ``JournalError/Code/unexpectedFile`` rather than guess.
///
/// ## Failures while open
/// A failed write is rolled back with `ftruncate` to the last acknowledged length, so the next append
/// does not land after a half record; it fails every caller whose record it held and every record
/// queued behind it (never written after it). A failed `fsync` (whose page-cache state Linux does not promise)
/// or a failed rollback poisons the journal: every later call throws ``JournalError/Code/closed``,
/// and reopening recovers exactly what was acknowledged.
package final class Journal<Entry: Codable & Sendable>: @unchecked Sendable {
    /// The entries recovered at open: the snapshot's entries followed by the log's, in order.
    package let recoveredEntries: [Entry]
    /// What open found and repaired (e.g. bytes of a torn tail dropped), for logging.
    package let openReport: JournalOpenReport
    /// The directory holding the journal's files, with symbolic links in its path resolved at open.
    package let directory: URL
    /// The journal's name (prefix of its files).
    package let name: String

    /// The largest record payload written or accepted at open.
    let maximumRecordSize: Int
    private let lock = NSLock()
    /// Used outside the lock by many threads at once.
    private let encoder = JournalRecordEncoder()
    private var lockFile: JournalFile?
    private var log: JournalFile?
    private var logSize: Int64
    private var generation: UInt64
    private var poisoned: JournalError?
    /// Queues appends and flushes them, several per write and fsync, on the journal's writer thread.
    private let commits: JournalCommitQueue
    /// Runs every fsync of the log in place of a direct call (tests hold or fail it).
    private let syncHook: SyncHook?

    /// Called for each fsync of the log with the fsync to run: tests hold it on a condition or throw
    /// instead of running it.
    typealias SyncHook = @Sendable (_ sync: () throws -> Void) throws -> Void

    private struct Snapshot: Codable {
        var generation: UInt64
        var entries: [Entry]
    }

    private var directoryPath: String { directory.path }
    private var snapshotPath: String { directory.appendingPathComponent("\(name).snapshot").path }
    private var temporarySnapshotPath: String { directory.appendingPathComponent("\(name).snapshot.tmp").path }
    private func logPath(_ generation: UInt64) -> String { directory.appendingPathComponent("\(name).\(generation).log").path }

    /// Opens (creating if needed) the journal in `directory` and replays snapshot + log.
    ///
    /// A torn or corrupt tail record (crash mid-write) is detected by framing + checksum, reported in
    /// ``openReport`` and truncated away; leftovers of an interrupted compaction are deleted.
    /// - Parameters:
    ///   - directory: where the journal's files live; created (0700) with intermediate directories if
    ///     missing. It may be, or lie under, a symbolic link: the path is resolved once at open, while
    ///     the journal's own files are opened with `O_NOFOLLOW` (a file replaced by a link is refused).
    ///   - name: the files' prefix; must be non-empty and contain no `/`.
    ///   - fileManager: used to create the directory and list it.
    /// - Throws: ``JournalError`` with code `.corruptRecord` (damage before the tail), `.decodingFailed`
    ///   (intact record that is not an `Entry`), `.unexpectedFile`, `.alreadyOpen` or `.ioFailure`.
    package convenience init(directory: URL, name: String = "journal", fileManager: FileManager = .default) throws {
        try self.init(directory: directory, name: name, fileManager: fileManager,
                      maximumRecordSize: JournalFraming.maximumPayloadSize)
    }

    /// Opens the journal with a record limit other than the default 1 GiB (tests use a small one).
    ///
    /// The limit is one rule for writer and reader: a record over it is refused by ``append(_:)``
    /// and treated as damage by open; ``compact(to:)`` splits its snapshot into records under it.
    ///
    /// `refusesWritesAfterAFailedWrite` makes any failed write (not only a failed fsync) poison the
    /// journal, for a caller whose later records may depend on earlier ones (the store). `syncHook`
    /// runs each fsync of the log (tests).
    init(directory: URL, name: String, fileManager: FileManager, maximumRecordSize: Int,
         refusesWritesAfterAFailedWrite: Bool = false, syncHook: SyncHook? = nil) throws {
        precondition(!name.isEmpty && !name.contains("/"), "Journal name must be non-empty and contain no '/'")
        self.name = name
        self.maximumRecordSize = JournalFraming.clampedLimit(maximumRecordSize)
        let limit = self.maximumRecordSize
        let given = directory.standardizedFileURL
        if !JournalFile.exists(given.path) {
            do {
                // Owner-only: the journal holds access and refresh tokens.
                try fileManager.createDirectory(at: given, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
            } catch {
                throw JournalError(code: .ioFailure, path: given.path, detail: "create directory failed: \(error)")
            }
            // Make the new directory's own entry durable before anything acknowledged lives in it.
            try JournalFile.syncDirectory(JournalFile.resolvedPath(given.deletingLastPathComponent().path))
        }
        // Resolved once: a folder given through a symbolic link works; files inside are never followed.
        self.directory = URL(fileURLWithPath: try JournalFile.resolvedPath(given.path), isDirectory: true)
        let directoryPath = self.directory.path

        let lockFile = try JournalFile.open(self.directory.appendingPathComponent("\(name).lock").path, flags: O_RDWR | O_CREAT)
        guard try lockFile.tryLockExclusive() else {
            throw JournalError(code: .alreadyOpen, path: lockFile.path, detail: "another Journal holds the lock on '\(name)'")
        }

        var report = JournalOpenReport()
        var directoryDirty = false
        let decoder = JSONDecoder()

        // 1. A temp snapshot is an unfinished compaction that never committed: delete it.
        let temporaryPath = self.directory.appendingPathComponent("\(name).snapshot.tmp").path
        if JournalFile.exists(temporaryPath) {
            try JournalFile.remove(temporaryPath)
            report.removedFiles.append((temporaryPath as NSString).lastPathComponent)
            directoryDirty = true
        }

        // 2. The snapshot: absent means generation 0 and no entries.
        var entries: [Entry] = []
        var generation: UInt64 = 0
        let snapshotPath = self.directory.appendingPathComponent("\(name).snapshot").path
        if JournalFile.exists(snapshotPath) {
            let file = try JournalFile.open(snapshotPath, flags: O_RDONLY)
            let bytes = try file.readAll()
            file.close()
            let snapshot: Snapshot = try bytes.withUnsafeBytes { buffer in
                try Self.readSnapshot(buffer, path: snapshotPath, limit: limit, decoder: decoder)
            }
            entries = snapshot.entries
            generation = snapshot.generation
        }
        report.generation = generation
        report.snapshotEntryCount = entries.count

        // 3. Logs of other generations: older ones are superseded by the snapshot (crash between
        //    rename and delete), so delete them unread; newer non-empty ones cannot exist.
        let prefix = "\(name).", suffix = ".log"
        let names = (try? fileManager.contentsOfDirectory(atPath: directoryPath)) ?? []
        for file in names.sorted() where file.hasPrefix(prefix) && file.hasSuffix(suffix) && file.count > prefix.count + suffix.count {
            let middle = file.dropFirst(prefix.count).dropLast(suffix.count)
            guard let fileGeneration = UInt64(middle), fileGeneration != generation else { continue }
            let path = self.directory.appendingPathComponent(file).path
            if fileGeneration > generation, try JournalFile.fileSize(path) > 0 {
                throw JournalError(
                    code: .unexpectedFile, path: path,
                    detail: "log generation \(fileGeneration) is newer than the snapshot's generation \(generation)"
                        + (JournalFile.exists(snapshotPath) ? "" : " (the snapshot file is missing)"))
            }
            try JournalFile.remove(path)
            report.removedFiles.append(file)
            directoryDirty = true
        }

        // 4. The live log: replay it, cutting a torn tail.
        let livePath = self.directory.appendingPathComponent("\(name).\(generation).log").path
        if !JournalFile.exists(livePath) { directoryDirty = true }
        let log = try JournalFile.open(livePath, flags: O_RDWR | O_CREAT)
        let bytes = try log.readAll()
        var validEnd = 0
        var torn: JournalOpenReport.TornTail?
        try bytes.withUnsafeBytes { buffer in
            while validEnd < buffer.count {
                switch JournalFraming.parse(buffer, at: validEnd, limit: limit) {
                case .record(let kind, let payload, let end):
                    let data = Data(buffer[payload])
                    do {
                        switch kind {
                        case .entry: entries.append(try decoder.decode(Entry.self, from: data))
                        case .batch: entries.append(contentsOf: try decoder.decode([Entry].self, from: data))
                        case .snapshot:
                            throw JournalError.corruptRecord(path: livePath, offset: Int64(validEnd), reason: "a snapshot record inside the log")
                        }
                    } catch let error as JournalError {
                        throw error
                    } catch {
                        throw JournalError.decodingFailed(path: livePath, offset: Int64(validEnd), error: error)
                    }
                    report.logRecordCount += 1
                    validEnd = end
                case .invalid(let reason):
                    if let next = JournalFraming.firstValidRecord(in: buffer, after: validEnd, limit: limit) {
                        throw JournalError.corruptRecord(
                            path: livePath, offset: Int64(validEnd),
                            reason: "\(reason); a valid record follows at offset \(next)")
                    }
                    torn = .init(offset: Int64(validEnd), droppedBytes: Int64(buffer.count - validEnd), reason: reason)
                    return
                }
            }
        }
        if let torn {
            try log.truncate(to: torn.offset)
            try log.sync()
            report.tornTail = torn
        }
        report.logEntryCount = entries.count - report.snapshotEntryCount
        if directoryDirty { try JournalFile.syncDirectory(directoryPath) }

        self.lockFile = lockFile
        self.log = log
        self.logSize = Int64(validEnd)
        self.generation = generation
        self.recoveredEntries = entries
        self.openReport = report
        self.syncHook = syncHook
        commits = JournalCommitQueue(path: self.directory.appendingPathComponent(name).path,
                                     refusesAfterAFailure: refusesWritesAfterAFailedWrite)
        // Weak: the queue's writer must not keep the journal alive (deinit closes and stops it).
        commits.start(name: "alipayplus-journal-\(name)") { [weak self] bytes in
            guard let self else { throw JournalError.closed(path: directoryPath, reason: "the journal is closed") }
            try self.lock.withLock { try self.writeDurably(bytes) }
        }
    }

    deinit { close() }

    /// Appends one entry durably: encoded, framed, written and fsync'd before returning (the calling
    /// thread blocks meanwhile; concurrent appends share one write and one fsync).
    /// - Throws: ``JournalError`` `.encodingFailed` or `.recordTooLarge` (nothing written), `.ioFailure`, `.closed`.
    package func append(_ entry: Entry) throws {
        let payload: [UInt8]
        do { payload = try encoder.encode(entry) } catch { throw JournalError.encodingFailed(error: error) }
        try commits.waitUntilDurableBlocking(try enqueue(JournalFraming.frame(kind: .entry, payload: payload, limit: maximumRecordSize)))
    }

    /// Appends several entries with one write and one fsync, as one batch record: recovery applies
    /// all of them or none. An empty array writes nothing. The calling thread blocks until the fsync.
    /// - Throws: ``JournalError`` `.encodingFailed` or `.recordTooLarge` (the batch is over the record
    ///   limit; nothing written), `.ioFailure`, `.closed`.
    package func append(contentsOf entries: [Entry]) throws {
        guard !entries.isEmpty else { return }
        try commits.waitUntilDurableBlocking(try stage(entries))
    }

    /// Appends `entries` as one batch record and returns once the fsync covering it has succeeded,
    /// suspending (not blocking a thread) meanwhile: concurrent callers share writes and fsyncs.
    /// - Throws: as ``append(contentsOf:)``.
    func commit(_ entries: [Entry]) async throws {
        try await waitUntilDurable(try stage(entries))
    }

    /// Queues `entries` as one batch record, in order after every record queued before, and returns
    /// its ticket for ``waitUntilDurable(_:)``; an empty array queues nothing and returns the latest ticket.
    ///
    /// The record's place in the log is fixed here, synchronously: a caller that holds a lock (or an
    /// actor) while staging knows its records land in the order it staged them.
    /// - Throws: ``JournalError`` `.encodingFailed` or `.recordTooLarge` (nothing queued), `.closed`.
    func stage(_ entries: [Entry]) throws -> UInt64 {
        guard !entries.isEmpty else { return commits.latestTicket }
        let payload: [UInt8]
        do { payload = try encoder.encode(entries) } catch { throw JournalError.encodingFailed(error: error) }
        return try enqueue(JournalFraming.frame(kind: .batch, payload: payload, limit: maximumRecordSize))
    }

    /// Returns once the record of `ticket` (and so every record staged before it) is durable.
    /// - Throws: ``JournalError`` `.ioFailure` or `.closed` when the write or fsync covering it failed.
    func waitUntilDurable(_ ticket: UInt64) async throws {
        try await commits.waitUntilDurable(ticket)
    }

    /// True once the record of `ticket` is durable (tests).
    func isDurable(_ ticket: UInt64) -> Bool { commits.isDurable(ticket) }

    /// Tasks suspended until their record is durable (tests).
    var suspendedWaiterCount: Int { commits.suspendedWaiterCount }

    /// Queues a framed record without taking `lock`, which the writer holds through its write and fsync.
    private func enqueue(_ record: [UInt8]) throws -> UInt64 {
        try commits.enqueue(record)
    }

    /// Replaces the whole journal by `entries` (the compacted state).
    ///
    /// Writes the snapshot to a temp file, fsyncs it, renames it over the old snapshot, fsyncs the
    /// directory, then starts a new, empty log generation and deletes the old log (see the type's
    /// documentation for why this order never loses or duplicates an entry). Appends wait meanwhile.
    /// A snapshot larger than the record limit is written as one snapshot record followed by batch
    /// records, each under the limit, so open always accepts what compaction wrote.
    /// - Throws: ``JournalError``: `.encodingFailed` or `.recordTooLarge` (one entry alone is over the
    ///   record limit) before anything is written; `.ioFailure`, `.closed`. A failure before the rename
    ///   leaves the journal as it was and usable; a failure after it poisons the journal (reopen to continue).
    package func compact(to entries: [Entry]) throws {
        commits.drain()   // records queued before belong to the old generation
        try lock.withLock {
            _ = try liveLog()
            let next = generation + 1
            let record = try snapshotRecords(generation: next, entries: entries)

            // Steps 1-2: temp snapshot, fsync, rename. A failure here changes nothing visible.
            do {
                let temporary = try JournalFile.open(temporarySnapshotPath, flags: O_WRONLY | O_CREAT | O_TRUNC)
                defer { temporary.close() }
                try temporary.write(record, at: 0)
                try temporary.sync()
                try JournalFile.rename(temporarySnapshotPath, to: snapshotPath)
            } catch {
                try? JournalFile.remove(temporarySnapshotPath)
                throw error
            }
            // From here the new snapshot may be on disk: any failure leaves the in-memory view uncertain.
            do {
                try JournalFile.syncDirectory(directoryPath)            // commit point
                let newLog = try JournalFile.open(logPath(next), flags: O_RDWR | O_CREAT | O_TRUNC)
                try JournalFile.syncDirectory(directoryPath)
                let oldPath = logPath(generation)
                log?.close()
                log = newLog
                logSize = 0
                generation = next
                // Step 4: tidy-up only; a stale older log is ignored and deleted at the next open.
                try? JournalFile.remove(oldPath)
                try? JournalFile.syncDirectory(directoryPath)
            } catch {
                poison(error)
                throw error
            }
        }
    }

    /// Closes the files and releases the lock; later calls throw ``JournalError/Code/closed``. Idempotent.
    package func close() {
        commits.shutdown()   // what is queued is flushed first
        lock.withLock {
            log?.close()
            log = nil
            lockFile?.close()   // releases the flock
            lockFile = nil
        }
    }

    // MARK: - Snapshot records

    /// The snapshot as framed records, each payload at most ``maximumRecordSize`` bytes: first
    /// `{"generation": g, "entries": [...]}` (kind snapshot), then `[...]` batches with the rest.
    /// One record when it fits, the layout older versions wrote.
    private func snapshotRecords(generation: UInt64, entries: [Entry]) throws -> [UInt8] {
        let limit = maximumRecordSize
        var records = [UInt8]()
        var kind = JournalFraming.Kind.snapshot
        var payload = Array("{\"generation\":\(generation),\"entries\":[".utf8)
        var closer = Array("]}".utf8)
        var holdsEntries = false
        func flush() throws {
            payload.append(contentsOf: closer)
            records.append(contentsOf: try JournalFraming.frame(kind: kind, payload: payload, limit: limit))
            kind = .batch
            payload = Array("[".utf8)
            closer = Array("]".utf8)
            holdsEntries = false
        }
        for entry in entries {
            let encoded: [UInt8]
            do { encoded = try encoder.encode(entry) } catch { throw JournalError.encodingFailed(error: error) }
            let separator = holdsEntries ? 1 : 0
            if payload.count + separator + encoded.count + closer.count > limit, holdsEntries || kind == .snapshot {
                try flush()
            }
            let alone = payload.count + encoded.count + closer.count
            guard alone <= limit else { throw JournalError.recordTooLarge(size: alone, limit: limit) }
            if holdsEntries { payload.append(UInt8(ascii: ",")) }
            payload.append(contentsOf: encoded)
            holdsEntries = true
        }
        try flush()
        return records
    }

    /// Reads a snapshot file: one snapshot record, then any batch records, all whole (the file was
    /// fsync'd before it was renamed into place, so nothing in it may be torn).
    private static func readSnapshot(
        _ buffer: UnsafeRawBufferPointer, path: String, limit: Int, decoder: JSONDecoder
    ) throws -> Snapshot {
        var snapshot: Snapshot?
        var offset = 0
        while offset < buffer.count || snapshot == nil {
            switch JournalFraming.parse(buffer, at: offset, limit: limit) {
            case .invalid(let reason):
                throw JournalError.corruptRecord(path: path, offset: Int64(offset), reason: "snapshot record invalid: \(reason)")
            case .record(let kind, let payload, let end):
                let expected: JournalFraming.Kind = snapshot == nil ? .snapshot : .batch
                guard kind == expected else {
                    throw JournalError.corruptRecord(path: path, offset: Int64(offset),
                                                     reason: "snapshot file holds a record of kind \(kind) where \(expected) belongs")
                }
                do {
                    if snapshot == nil {
                        snapshot = try decoder.decode(Snapshot.self, from: Data(buffer[payload]))
                    } else {
                        snapshot?.entries.append(contentsOf: try decoder.decode([Entry].self, from: Data(buffer[payload])))
                    }
                } catch {
                    throw JournalError.decodingFailed(path: path, offset: Int64(offset), error: error)
                }
                offset = end
            }
        }
        guard let snapshot else {
            throw JournalError.corruptRecord(path: path, offset: 0, reason: "snapshot file holds no snapshot record")
        }
        return snapshot
    }

    // MARK: - Private (call with `lock` held)

    private func liveLog() throws -> JournalFile {
        if let poisoned { throw poisoned }
        guard let log else { throw JournalError.closed(path: logPath(generation), reason: "the journal is closed") }
        return log
    }

    private func poison(_ cause: any Error) {
        let journalError = cause as? JournalError
        let refusal = JournalError.closed(
            path: journalError?.path ?? logPath(generation),
            reason: "the journal refuses writes after an unrecoverable failure (\(journalError?.detail ?? String(describing: cause)))")
        poisoned = refusal
        commits.refuse(refusal)
    }

    private func writeDurably(_ record: [UInt8]) throws {
        let log = try liveLog()
        do {
            try log.write(record, at: logSize)
        } catch {
            // Roll back a partial record so the next append does not follow garbage.
            do { try log.truncate(to: logSize) } catch { poison(error) }
            throw error
        }
        do {
            if let syncHook { try syncHook { try log.sync() } } else { try log.sync() }
        } catch {
            poison(error)
            throw error
        }
        logSize += Int64(record.count)
    }
}
