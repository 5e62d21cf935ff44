@testable import AlipayPlusTesting
import XCTest

/// A soak's report says why charges were refused before anything was stored, grouped by kind.
final class SoakRefusalTests: XCTestCase {
    func testRefusalsOfOneKindShareAReason() {
        let table: [(error: String, reason: String)] = [
            ("order ORD1796-12 has an unfinished payment SOAK1796-12", "order ORD#-# has an unfinished payment SOAK#-#"),
            ("the binding is not active (state revoked)\nmore detail", "the binding is not active (state revoked)"),
            ("", ""),
            (String(repeating: "x", count: 100), String(repeating: "x", count: 80)),
        ]
        for row in table {
            XCTAssertEqual(SoakRefusal.reason(of: row.error), row.reason, row.error)
        }
    }

    func testTheLineListsReasonsMostFrequentFirstAndIsAbsentWithoutRefusals() {
        XCTAssertNil(SoakRefusal.line([:]))
        XCTAssertEqual(SoakRefusal.line(["b": 2, "a": 2, "c": 5]),
                       "notStarted (refused before anything was stored): c ×5; a ×2; b ×2")
    }
}
