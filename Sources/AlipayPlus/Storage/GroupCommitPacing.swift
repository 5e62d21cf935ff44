/// How long the journal's writer waits for more records before it flushes: group commit's pacing rule.
///
/// One caller at a time gains nothing from a wait, so while flushes carry one record each the writer
/// flushes at once. When they carry more (callers queued while the last flush ran: concurrent work),
/// it waits up to ``maximumWait`` for further records, so that more callers share each write and
/// fsync — the way PostgreSQL's `commit_delay` applies only while `commit_siblings` are active. The
/// wait ends early once ``enoughRecords`` are queued. A wait never changes what is durable when: a
/// caller still resumes only after the fsync that covers its record.
struct GroupCommitPacing: Sendable, Hashable {
    /// The longest the writer waits for more records (about one fsync on a virtual disk).
    var maximumWait: Duration = .microseconds(250)
    /// Records per flush, averaged over recent flushes, above which the writer waits.
    var concurrencyThreshold = 1.5
    /// Queued records that end a wait at once.
    var enoughRecords = 32
    /// How much the newest flush weighs in ``averageRecords`` (an exponential moving average).
    var smoothing = 0.25
    /// Records per flush, averaged over recent flushes (1 before the first).
    private(set) var averageRecords = 1.0

    /// Counts a flush of `records` records into the average.
    mutating func recordFlush(records: Int) {
        averageRecords += smoothing * (Double(records) - averageRecords)
    }

    /// How long to wait for more records when `pendingRecords` are queued: zero while flushes carry
    /// about one record each or enough are queued already, otherwise ``maximumWait``.
    func wait(pendingRecords: Int) -> Duration {
        guard averageRecords >= concurrencyThreshold, pendingRecords < enoughRecords else { return .zero }
        return maximumWait
    }
}
