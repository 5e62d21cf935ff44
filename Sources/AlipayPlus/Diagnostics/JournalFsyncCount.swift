import Foundation

/// How many `fsync(2)` calls the journal has made in this process (files and directories alike).
///
/// Counted, never timed: `alipayplus bench` reads it before and after a measured slice to report
/// fsyncs per charge and per notification. One lock per fsync, which costs milliseconds anyway.
package enum JournalFsyncCount {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var total = 0

    /// Fsyncs so far.
    package static var current: Int { lock.withLock { total } }

    /// Records one fsync (called by the journal file just before it calls `fsync`, so errno stays its).
    static func record() {
        lock.withLock { total += 1 }
    }
}
