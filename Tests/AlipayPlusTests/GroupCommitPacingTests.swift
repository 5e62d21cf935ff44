import XCTest
@testable import AlipayPlus

/// The writer waits for more records only under concurrent work, and never once enough are queued.
final class GroupCommitPacingTests: XCTestCase {
    func testTheWriterWaitsOnlyWhileFlushesCarrySeveralRecords() {
        let table: [(flushes: [Int], pending: Int, waits: Bool)] = [
            ([], 1, false),                          // nothing known yet: one caller at a time
            ([1, 1, 1, 1], 1, false),                // one record per flush: a wait gains nothing
            ([2], 1, false),                         // one flush of two: average 1.25, not yet
            ([2, 2], 1, false),                      // average 1.44
            ([2, 2, 2], 1, true),                    // average 1.58: concurrent work
            ([4, 4, 4], 3, true),
            ([4, 4, 4], 32, false),                  // enough queued: flush at once
            ([8, 8, 8, 1, 1, 1, 1, 1, 1, 1, 1], 1, false),  // back to one at a time: the average decays
        ]
        for row in table {
            var pacing = GroupCommitPacing()
            for records in row.flushes { pacing.recordFlush(records: records) }
            XCTAssertEqual(pacing.wait(pendingRecords: row.pending) > .zero, row.waits,
                           "after \(row.flushes) with \(row.pending) pending (average \(pacing.averageRecords))")
        }
    }

    func testAWaitIsAtMostTheMaximum() {
        var pacing = GroupCommitPacing(maximumWait: .microseconds(100))
        for _ in 0..<10 { pacing.recordFlush(records: 16) }
        XCTAssertEqual(pacing.wait(pendingRecords: 2), .microseconds(100))
    }
}
