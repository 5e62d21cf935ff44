public import Foundation

/// A durable store: an append-only journal, fsync'd on every change, compacted when opened.
///
/// A crash at any moment loses no acknowledged change: a change is on disk before the store applies
/// it, and a record torn by a crash mid-write is dropped when the journal is reopened. Open one store
/// per folder and per process.
public actor FileAutoDebitStore: StateBackedStore {
    var state = StoreState()
    private let journal: Journal<StoreChange>

    /// Opens (or creates) the store in `directory`, replays its journal, and compacts it.
    ///
    /// - Throws: ``JournalError`` when the folder cannot be used or a record in the middle of the
    ///   journal is corrupt (a torn last record is repaired, not reported as an error).
    public init(directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        journal = try Journal<StoreChange>(directory: directory, name: "autodebit")
        var state = StoreState()
        for change in journal.recoveredEntries { state.apply(change) }
        try journal.compact(to: state.compacted)
        self.state = state
    }

    /// What opening found and repaired (a torn last record dropped, leftover files removed).
    public nonisolated var openReport: JournalOpenReport { journal.openReport }

    /// Closes the journal so another store (for example after a simulated crash) can open the folder.
    public func close() {
        journal.close()
    }

    func persist(_ changes: [StoreChange]) throws {
        do {
            try journal.append(contentsOf: changes)
        } catch {
            throw StoreError(code: .persistence, message: "the journal write failed, nothing changed: \(error)")
        }
    }
}
