import Foundation

/// Group commit for the journal: records queued by many callers are flushed by one writer thread,
/// several at a time, with one write and one fsync per flush.
///
/// A caller queues its framed record with ``enqueue(_:)``, which fixes the record's place in the log
/// and hands back a ticket, then waits with ``waitUntilDurable(_:)`` (a task: suspended, not blocking
/// a thread of the cooperative pool) or ``waitUntilDurableBlocking(_:)`` (a thread). The writer runs on
/// its own `Thread`, so the blocking `pwrite`/`fsync` never occupy the shared pool: it takes every
/// record queued so far, hands their concatenation to `flush` (which writes and fsyncs it), and only
/// then resolves their tickets. A caller is therefore never resumed before the fsync that covers its
/// record, and callers that queue while a flush is running share the next one.
///
/// A failed flush fails every ticket it covered and every record queued behind them (those are never
/// written: a record queued later may depend on one that failed). With `refusesAfterAFailure`, every
/// later ``enqueue(_:)`` is refused too, so nothing is ever written after a failure. The writer thread
/// is owned by the queue: ``shutdown()`` flushes what is queued, stops it and waits for it to end.
final class JournalCommitQueue: @unchecked Sendable {
    /// Writes and fsyncs the bytes of one flush; throws when either fails.
    typealias Flush = @Sendable (_ bytes: [UInt8]) throws -> Void

    private struct Waiter {
        let ticket: UInt64
        let continuation: CheckedContinuation<Void, any Error>
    }

    private let condition = NSCondition()
    private let refusesAfterAFailure: Bool
    /// The journal's path, named in the errors of refused records.
    private let path: String
    private var flush: Flush?
    private var pending: [UInt8] = []
    /// The last ticket handed out.
    private var lastEnqueued: UInt64 = 0
    /// The last ticket taken by the writer (written or being written).
    private var lastTaken: UInt64 = 0
    /// Every ticket up to here has its outcome: durable, or in `failures`.
    private var resolvedThrough: UInt64 = 0
    private var failures: [(tickets: ClosedRange<UInt64>, error: any Error)] = []
    private var waiters: [Waiter] = []
    private var stopping = false
    /// Set by ``refuse(_:)``: every later ``enqueue(_:)`` throws it.
    private var refusal: (any Error)?
    private var stopped = false
    /// Whether the writer waits for more records before a flush (only under concurrent work).
    private var pacing = GroupCommitPacing()

    /// A queue whose writer starts with ``start(name:flush:)``; `path` names the journal in errors.
    init(path: String, refusesAfterAFailure: Bool) {
        self.path = path
        self.refusesAfterAFailure = refusesAfterAFailure
    }

    /// Starts the writer thread, which calls `flush` for each group of records.
    func start(name: String, flush: @escaping Flush) {
        condition.withLock { self.flush = flush }
        let thread = Thread { [self] in runWriter() }
        thread.name = name
        thread.start()
    }

    /// Queues `record` after every record queued before it; the ticket names it for the waits.
    ///
    /// - Throws: ``JournalError`` `.closed` after ``shutdown()``, the error given to ``refuse(_:)``, or
    ///   (with `refusesAfterAFailure`) after a flush failed; nothing is queued.
    func enqueue(_ record: [UInt8]) throws -> UInt64 {
        try condition.withLock {
            guard !stopping else { throw JournalError.closed(path: path, reason: "the journal is closed") }
            if let refusal { throw refusal }
            if refusesAfterAFailure, let failure = failures.first {
                throw JournalError.closed(path: path, reason: "the journal refuses writes after a failed write (\(failure.error))")
            }
            let writerIdle = pending.isEmpty
            pending.append(contentsOf: record)
            lastEnqueued += 1
            // Wake the writer when it waits for a first record or has gathered enough; not per record
            // while it gathers (each wake-up costs a context switch).
            if writerIdle || pacing.wait(pendingRecords: queuedRecords) == .zero { condition.broadcast() }
            return lastEnqueued
        }
    }

    /// Refuses every later record with `error` (the journal was poisoned); queued records still flush.
    func refuse(_ error: any Error) {
        condition.withLock { if refusal == nil { refusal = error } }
    }

    /// The last ticket handed out (0 before the first): waiting for it waits for everything queued so far.
    var latestTicket: UInt64 { condition.withLock { lastEnqueued } }

    /// True once the record of `ticket` is durable (false while it waits, is written, or if it failed).
    func isDurable(_ ticket: UInt64) -> Bool {
        condition.withLock { ticket <= resolvedThrough && failure(of: ticket) == nil }
    }

    /// How many tasks are suspended in ``waitUntilDurable(_:)`` (for tests).
    var suspendedWaiterCount: Int { condition.withLock { waiters.count } }

    /// Returns once the fsync covering `ticket`'s record has succeeded.
    ///
    /// - Throws: the flush's error when the write or fsync covering it failed, or when it was queued
    ///   behind a record that failed.
    func waitUntilDurable(_ ticket: UInt64) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            condition.lock()
            if ticket <= resolvedThrough {
                let failure = failure(of: ticket)
                condition.unlock()
                if let failure { continuation.resume(throwing: failure) } else { continuation.resume() }
                return
            }
            waiters.append(Waiter(ticket: ticket, continuation: continuation))
            condition.unlock()
        }
    }

    /// ``waitUntilDurable(_:)`` for a thread that may block.
    ///
    /// - Throws: as ``waitUntilDurable(_:)``.
    func waitUntilDurableBlocking(_ ticket: UInt64) throws {
        condition.lock()
        defer { condition.unlock() }
        while ticket > resolvedThrough { condition.wait() }
        if let failure = failure(of: ticket) { throw failure }
    }

    /// Blocks until every record queued so far has its outcome (durable or failed).
    func drain() {
        condition.lock()
        defer { condition.unlock() }
        while resolvedThrough < lastEnqueued { condition.wait() }
    }

    /// Refuses new records, lets the writer flush what is queued, and waits for its thread to end. Idempotent.
    func shutdown() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !stopped && flush != nil { condition.wait() }
        flush = nil
        condition.unlock()
    }

    // MARK: - Writer thread

    private func failure(of ticket: UInt64) -> (any Error)? {
        failures.first { $0.tickets.contains(ticket) }?.error
    }

    /// Under concurrent work, waits (holding `condition` between waits) until the pacing's wait has
    /// passed, enough records are queued, or the queue stops.
    private func gatherConcurrentRecords() {
        let wait = pacing.wait(pendingRecords: queuedRecords)
        guard wait > .zero, !stopping else { return }
        let deadline = Date(timeIntervalSinceNow: wait.timeInterval)
        while !stopping, pacing.wait(pendingRecords: queuedRecords) > .zero, condition.wait(until: deadline) {}
    }

    /// Records queued and not yet taken by the writer (read with `condition` held).
    private var queuedRecords: Int { Int(lastEnqueued - lastTaken) }

    private func runWriter() {
        while true {
            condition.lock()
            while pending.isEmpty && !stopping { condition.wait() }
            gatherConcurrentRecords()
            guard !pending.isEmpty, let flush else {
                stopped = true
                condition.broadcast()
                condition.unlock()
                return
            }
            var bytes: [UInt8] = []
            swap(&bytes, &pending)
            let first = lastTaken + 1
            let last = lastEnqueued
            lastTaken = last
            pacing.recordFlush(records: Int(last - first + 1))
            condition.unlock()

            var outcome: (any Error)?
            do { try flush(bytes) } catch { outcome = error }

            condition.lock()
            if let outcome {
                failures.append((first...last, outcome))
                // Records queued behind a failed one are never written after it.
                if lastEnqueued > last {
                    failures.append(((last + 1)...lastEnqueued, outcome))
                    pending.removeAll()
                    lastTaken = lastEnqueued
                }
            }
            resolvedThrough = lastTaken
            let ready = waiters.filter { $0.ticket <= resolvedThrough }
            waiters.removeAll { $0.ticket <= resolvedThrough }
            let results = ready.map { ($0.continuation, failure(of: $0.ticket)) }
            condition.broadcast()
            condition.unlock()
            for (continuation, failure) in results {
                if let failure { continuation.resume(throwing: failure) } else { continuation.resume() }
            }
        }
    }
}
