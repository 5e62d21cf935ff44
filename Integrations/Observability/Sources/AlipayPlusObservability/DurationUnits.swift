/// A `Duration` in the whole units sinks want.
enum DurationUnits {
    /// Whole nanoseconds of `duration`, clamped to zero and to `Int64.max`.
    static func nanoseconds(of duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return 0 }
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return .max }
        let (total, overflowAdding) = whole.addingReportingOverflow(attoseconds / 1_000_000_000)
        return overflowAdding ? .max : total
    }

    /// Whole milliseconds of `duration`, clamped to zero.
    static func milliseconds(of duration: Duration) -> Int64 {
        nanoseconds(of: duration) / 1_000_000
    }
}
