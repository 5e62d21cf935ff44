import Foundation
import XCTest
import AlipayPlusReconciliation

final class ReportFileNameTests: XCTestCase {
    func testParsesEveryKind() throws {
        let name = try ReportFileName(parsing: "/sftp/v1/settlements/clearing/P1/20261130/transactionItems_1022188000000000001_USD_2026112900001_AGR01_007.csv")
        XCTAssertEqual(name.kind, .transactionDetail)
        XCTAssertEqual(name.participantId, "1022188000000000001")
        XCTAssertEqual(name.settlementCurrency, "USD")
        XCTAssertEqual(name.clearingBatchId, "2026112900001")
        XCTAssertNil(name.settlementBatchId)
        XCTAssertEqual(name.participantAgreementId, "AGR01")
        XCTAssertEqual(name.seq, 7)
        XCTAssertEqual(name.fileName, "transactionItems_1022188000000000001_USD_2026112900001_AGR01_007.csv")
        XCTAssertEqual(try ReportFileName(parsing: "summary_P_SGD_B_A_000.csv").kind, .transactionSummary)
        XCTAssertEqual(try ReportFileName(parsing: "feeItems_P_SGD_B_A_000.csv").kind, .fee)
        let settlement = try ReportFileName(parsing: "settlement_P_SGD_S9_A_999.csv")
        XCTAssertEqual(settlement.settlementBatchId, "S9")
        XCTAssertNil(settlement.clearingBatchId)
    }

    func testBadNames() {
        for bad in ["transactionItems_P_USD_B_A_000.txt", "transactionItems_P_USD_B_000.csv", "orders_P_USD_B_A_000.csv",
                    "transactionItems_P_usd_B_A_000.csv", "transactionItems_P_USD_B_A_1.csv", "transactionItems_P_USD_B_A_1000.csv",
                    "transactionItems__USD_B_A_000.csv", "transactionItems_P_USD_B_A_0x1.csv"] {
            XCTAssertThrowsError(try ReportFileName(parsing: bad), bad) { error in
                XCTAssertEqual((error as? ReportError)?.code, .badFileName, bad)
                XCTAssertTrue("\(error)".contains("Hint:"))
            }
        }
    }
}
