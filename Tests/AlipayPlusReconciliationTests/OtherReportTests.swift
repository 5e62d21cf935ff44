import Foundation
import XCTest
import AlipayPlusReconciliation

final class OtherReportTests: XCTestCase {
    func testFeeReport() throws {
        let text = """
        totalCount,totalFeeAmountValue,feeCurrency
        2,13,USD

        transactionId,feeType,feeAmountValue,feeCurrency,note
        T1,INTERCHANGE_FEE,10,USD,x
        T1,SERVICE_FEE,3,USD,
        """
        let (lines, result) = try FeeReportReader(.data(Data(text.utf8))).readAll()
        XCTAssertEqual(lines.map(\.feeAmountValue), [10, 3])
        XCTAssertEqual(lines.first?.extra, ["note": "x"])
        XCTAssertEqual(result.findings, [])
        let wrong = try FeeReportReader(.data(Data(text.replacingOccurrences(of: "2,13,USD", with: "2,14,USD").utf8))).readAll()
        XCTAssertEqual(wrong.result.findings.map(\.code), [.amountMismatch])
        XCTAssertEqual(wrong.result.findings.first?.line, 2)
    }

    func testSettlementReport() throws {
        let text = """
        settlementBatchId,settlementCurrency,netSettlementAmountValue,valueDate,settlementDate,totalCount
        S1,USD,900,20261201,20261130,2
        clearingBatchId,settlementCurrency,settlementAmountValue,direction
        B1,USD,1000,C
        B2,USD,100,D
        """
        let (lines, result) = try SettlementReportReader(.data(Data(text.utf8))).readAll()
        XCTAssertEqual(lines.map(\.clearingBatchId), ["B1", "B2"])
        XCTAssertEqual(result.summaryRows.first?.valueDate, "20261201")
        XCTAssertEqual(result.summaryRows.first?.netSettlementAmountValue, 900)
        XCTAssertEqual(result.findings, [])
        let wrong = try SettlementReportReader(.data(Data(text.replacingOccurrences(of: ",2\n", with: ",3\n").utf8))).readAll()
        XCTAssertEqual(wrong.result.findings.map(\.code), [.countMismatch])
        let missing = text.replacingOccurrences(of: "settlementBatchId,", with: "batch,").replacingOccurrences(of: "\nclearingBatchId", with: "\n\nclearingBatchId")
        XCTAssertThrowsError(try SettlementReportReader(.data(Data(missing.utf8))).readAll()) { error in
            // The header is still a summary header (netSettlementAmountValue), but lacks settlementBatchId.
            XCTAssertEqual((error as? ReportError)?.code, .missingRequiredColumn)
            XCTAssertEqual((error as? ReportError)?.line, 1)
        }
    }

    func testTransactionSummaryReportRequiresColumns() {
        XCTAssertThrowsError(try TransactionSummaryReader(.data(Data("clearingBatchId,direction\nB1,D\n".utf8))).readAll()) { error in
            XCTAssertEqual((error as? ReportError)?.code, .missingRequiredColumn)
            XCTAssertEqual((error as? ReportError)?.column, "totalCount")
        }
    }
}
