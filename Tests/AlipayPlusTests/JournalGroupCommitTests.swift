import Foundation
import XCTest
@testable import AlipayPlus

private struct Entry: Codable, Sendable, Equatable {
    var id: Int
}

/// Holds the journal's log fsyncs on its writer thread until the test lets each one through, and
/// records what happened in order. The test waits for an fsync to arrive without any timing.
private final class FsyncGate: @unchecked Sendable {
    enum Event: Equatable { case fsyncReturned(Int), callerResumed }

    private let condition = NSCondition()
    private var arrived = 0
    private var allowed = 0
    private var failing: Set<Int> = []
    private var arrivalWaiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    private var recorded: [Event] = []

    /// What happened so far, in order.
    var events: [Event] { condition.withLock { recorded } }

    /// Fsyncs that reached the gate so far.
    var arrivals: Int { condition.withLock { arrived } }

    /// The journal's sync hook: waits until this fsync is allowed, then runs it (or fails it).
    func hook(_ sync: () throws -> Void) throws {
        condition.lock()
        arrived += 1
        let number = arrived
        let ready = arrivalWaiters.filter { $0.count <= arrived }.map(\.continuation)
        arrivalWaiters.removeAll { $0.count <= arrived }
        condition.broadcast()
        condition.unlock()
        for waiter in ready { waiter.resume() }

        condition.lock()
        while allowed < number { condition.wait() }
        let fails = failing.contains(number)
        condition.unlock()
        if fails { throw JournalError(code: .ioFailure, path: "test", detail: "fsync failed: Input/output error (errno 5)") }
        try sync()
        record(.fsyncReturned(number))
    }

    /// Returns once `count` fsyncs have reached the gate.
    func untilArrived(_ count: Int) async {
        await withCheckedContinuation { continuation in
            let now = condition.withLock { () -> Bool in
                if arrived >= count { return true }
                arrivalWaiters.append((count, continuation))
                return false
            }
            if now { continuation.resume() }
        }
    }

    /// Lets fsync number `number` (and every earlier one) through; `fail` makes it throw instead.
    func allow(through number: Int, failing fail: Bool = false) {
        condition.withLock {
            if fail { failing.insert(number) }
            allowed = max(allowed, number)
            condition.broadcast()
        }
    }

    func record(_ event: Event) { condition.withLock { recorded.append(event) } }
}

/// Group commit: concurrent appends share one write and one fsync, each caller resumed only after
/// the fsync that covers its record, and a failed fsync fails every caller it covers.
final class JournalGroupCommitTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("JournalGroupCommitTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private func open(gate: FsyncGate? = nil) throws -> Journal<Entry> {
        try Journal<Entry>(directory: directory, name: "journal", fileManager: .default,
                           maximumRecordSize: JournalFraming.maximumPayloadSize,
                           syncHook: gate.map { gate in { @Sendable sync in try gate.hook(sync) } })
    }

    /// Records queued while an fsync runs go out together in the next write and fsync.
    func testConcurrentAppendsShareOneWriteAndOneFsyncAndAllSurviveReopen() async throws {
        let gate = FsyncGate()
        let journal = try open(gate: gate)
        let count = 50
        let fsyncsBefore = JournalFsyncCount.current
        let first = try journal.stage([Entry(id: 0)])
        await gate.untilArrived(1)                       // record 0 written, its fsync held
        let tickets = try (1..<count).map { try journal.stage([Entry(id: $0)]) }
        gate.allow(through: 2)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for ticket in [first] + tickets {
                group.addTask { try await journal.waitUntilDurable(ticket) }
            }
            try await group.waitForAll()
        }
        XCTAssertEqual(gate.arrivals, 2, "\(count) appends share two fsyncs: the held one and the one after it")
        XCTAssertEqual(JournalFsyncCount.current - fsyncsBefore, 2)
        XCTAssertLessThan(JournalFsyncCount.current - fsyncsBefore, count)
        journal.close()

        let reopened = try open()
        XCTAssertEqual(reopened.recoveredEntries, (0..<count).map { Entry(id: $0) })
        XCTAssertTrue(reopened.openReport.isClean)
        reopened.close()
    }

    /// Many tasks appending at once through the async commit all land, each exactly once, in fewer
    /// fsyncs than appends whenever they overlap (never more than one per append).
    func testConcurrentCommitsAreEachDurableOnceWithAtMostOneFsyncEach() async throws {
        let journal = try open()
        let count = 64
        let fsyncsBefore = JournalFsyncCount.current
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in 0..<count { group.addTask { try await journal.commit([Entry(id: id)]) } }
            try await group.waitForAll()
        }
        XCTAssertLessThanOrEqual(JournalFsyncCount.current - fsyncsBefore, count)
        journal.close()
        let reopened = try open()
        XCTAssertEqual(reopened.recoveredEntries.map(\.id).sorted(), Array(0..<count))
        reopened.close()
    }

    /// The caller's task stays suspended while the fsync covering its record is held, and resumes
    /// only after that fsync has returned.
    func testACallerIsNeverResumedBeforeTheFsyncThatCoversItsRecord() async throws {
        let gate = FsyncGate()
        let journal = try open(gate: gate)
        let ticket = try journal.stage([Entry(id: 1)])
        await gate.untilArrived(1)
        let caller = Task {
            try await journal.waitUntilDurable(ticket)
            gate.record(.callerResumed)
        }
        // Wait (by yielding, not by time) until the caller is suspended in the queue, or done.
        while journal.suspendedWaiterCount == 0 && !gate.events.contains(.callerResumed) { await Task.yield() }
        XCTAssertEqual(gate.events, [], "the caller was resumed while its fsync was held")
        XCTAssertFalse(journal.isDurable(ticket))
        XCTAssertEqual(journal.suspendedWaiterCount, 1)
        gate.allow(through: 1)
        try await caller.value
        XCTAssertEqual(gate.events, [.fsyncReturned(1), .callerResumed])
        XCTAssertTrue(journal.isDurable(ticket))
        journal.close()
    }

    /// A failed fsync fails every caller whose record it covered, and the journal refuses every
    /// write after it (reopening recovers what was acknowledged).
    func testAFailedFsyncFailsEveryCallerItCoversAndTheJournalRefusesLaterWrites() async throws {
        let gate = FsyncGate()
        let journal = try open(gate: gate)
        let acknowledged = try journal.stage([Entry(id: 0)])
        await gate.untilArrived(1)
        let covered = try (1...3).map { try journal.stage([Entry(id: $0)]) }
        gate.allow(through: 1)
        try await journal.waitUntilDurable(acknowledged)
        await gate.untilArrived(2)                       // records 1-3 written together, fsync held
        gate.allow(through: 2, failing: true)
        var failures: [JournalError.Code] = []
        for ticket in covered {
            do {
                try await journal.waitUntilDurable(ticket)
                XCTFail("a caller covered by the failed fsync was told its record is durable")
            } catch let error as JournalError {
                failures.append(error.code)
            }
        }
        XCTAssertEqual(failures, [.ioFailure, .ioFailure, .ioFailure])
        XCTAssertEqual(gate.arrivals, 2, "one fsync covered all three")
        XCTAssertThrowsError(try journal.stage([Entry(id: 4)])) { XCTAssertEqual(($0 as? JournalError)?.code, .closed) }
        XCTAssertThrowsError(try journal.append(Entry(id: 5))) { XCTAssertEqual(($0 as? JournalError)?.code, .closed) }
        journal.close()

        let reopened = try open()
        XCTAssertEqual(reopened.recoveredEntries.first, Entry(id: 0), "the acknowledged record survives")
        XCTAssertFalse(reopened.recoveredEntries.contains(Entry(id: 4)))
        reopened.close()
    }

    /// Closing flushes what is queued before the files close.
    func testCloseFlushesQueuedRecords() async throws {
        let journal = try open()
        let ticket = try journal.stage([Entry(id: 7)])
        journal.close()
        try await journal.waitUntilDurable(ticket)
        let reopened = try open()
        XCTAssertEqual(reopened.recoveredEntries, [Entry(id: 7)])
        reopened.close()
    }
}
