import AlipayPlusModels
import Foundation
import XCTest
import AlipayPlusReconciliation

final class TransactionDetailReaderTests: XCTestCase {
    func testReadsTypedLinesAndChecksSummary() throws {
        for ending in ["\n", "\r\n"] {
            let (lines, result) = try TransactionDetailReader(.data(Fixtures.data(Fixtures.validDetail, lineEnding: ending), name: "t.csv")).readAll()
            XCTAssertEqual(lines.count, 3)
            XCTAssertEqual(result.lineCount, 3)
            XCTAssertEqual(result.findings, [])
            XCTAssertTrue(result.sawEndMarker)
            XCTAssertEqual(result.summaryRows.map(\.totalCount), [2, 1])
            XCTAssertEqual(result.summaryRows.first?.line, 2)
            let first = lines[0]
            XCTAssertEqual(first.transactionId, "2026112900001")
            XCTAssertEqual(first.transactionRequestId, "pay-1")
            XCTAssertEqual(first.transactionType, .payment)
            XCTAssertEqual(first.transactionAmountValue, 1000)
            XCTAssertEqual(first.transactionTime, ReportTime.date(from: "2026-11-29T02:00:00Z"))
            XCTAssertEqual(first.extra, ["pspId": "ALIPAY_CN"])
            XCTAssertEqual(first.line, 6)
            XCTAssertEqual(lines[1].extra["pspId"], "GCASH, PH")
            // No offset: read as UTC+8.
            XCTAssertEqual(lines[1].transactionTime, ReportTime.date(from: "2026-11-29T03:00:00Z"))
            XCTAssertEqual(lines[2].transactionType, .refund)
            let record = lines[2].reconciliationRecord
            XCTAssertEqual(record.kind, .refund)
            XCTAssertEqual(record.transactionRequestId, "ref-1")
            XCTAssertEqual(record.amountValue, 500)
            XCTAssertEqual(record.source, ReportLocation(file: "t.csv", line: 8))
        }
    }

    func testHeaderNamesAreCaseInsensitiveAndOrderFree() throws {
        let text = """
        TOTALCOUNT
        1
        TransactionCurrency,TRANSACTIONID,transactiontype,transactionAmountValue,transactionTime
        USD,T1,payment,5,2026-11-29T10:00:00.250+0800
        """
        let (lines, result) = try Fixtures.read(text)
        XCTAssertEqual(lines.first?.transactionId, "T1")
        XCTAssertEqual(lines.first?.transactionType, .payment)
        XCTAssertEqual(lines.first?.transactionTime.timeIntervalSince1970 ?? 0, 1_795_917_600.25, accuracy: 0.001)
        XCTAssertEqual(result.findings, [])
    }

    func testUnknownTransactionTypeIsKept() throws {
        let text = "totalCount\n1\n\(Fixtures.detailHeader)\nT1,R1,CHARGEBACK,5,USD,2026-11-29T10:00:00Z,,\n"
        let (lines, result) = try Fixtures.read(text)
        XCTAssertEqual(lines.first?.transactionType, .unknown("CHARGEBACK"))
        XCTAssertNil(lines.first?.settlementAmountValue)
        XCTAssertEqual(result.findings, [])
    }

    func testSummaryDetailDisagreementIsAFinding() throws {
        let text = """
        totalCount,transactionType,transactionCurrency,totalTransactionAmountValue
        3,PAYMENT,USD,3000
        1,REFUND,USD,400

        \(Fixtures.detailHeader)
        T1,R1,PAYMENT,1000,USD,2026-11-29T10:00:00+08:00,1000,USD
        T2,R2,PAYMENT,2000,USD,2026-11-29T10:00:00+08:00,2000,USD
        T3,R3,REFUND,500,USD,2026-11-29T10:00:00+08:00,500,USD
        T4,R4,PAYMENT,7,EUR,2026-11-29T10:00:00+08:00,8,USD
        """
        let (_, result) = try Fixtures.read(text)
        let codes = result.findings.map(\.code)
        XCTAssertEqual(codes, [.countMismatch, .amountMismatch, .detailNotCoveredBySummary], "\(result.findings)")
        let count = result.findings[0]
        XCTAssertEqual(count.line, 2)
        XCTAssertEqual(count.expected, 3)
        XCTAssertEqual(count.actual, 2)
        XCTAssertEqual(result.findings[1].line, 3)
        XCTAssertEqual(result.findings[1].column, "totalTransactionAmountValue")
        XCTAssertEqual(result.findings[1].expected, 400)
        XCTAssertEqual(result.findings[1].actual, 500)
        XCTAssertTrue(result.findings[2].description.contains("PAYMENT EUR"), result.findings[2].description)
    }

    func testNetTotalsWithoutTypeFilter() throws {
        let text = """
        totalCount,totalSettlementAmountValue,settlementCurrency
        3,2500,USD
        \(Fixtures.detailHeader)
        T1,R1,PAYMENT,1000,USD,2026-11-29T10:00:00+08:00,1000,USD
        T2,R2,PAYMENT,2000,USD,2026-11-29T10:00:00+08:00,2000,USD
        T3,R3,REFUND,500,USD,2026-11-29T10:00:00+08:00,500,USD
        """
        XCTAssertEqual(try Fixtures.read(text).result.findings, [])
        let wrong = text.replacingOccurrences(of: "3,2500,USD", with: "3,3500,USD")
        let findings = try Fixtures.read(wrong).result.findings
        XCTAssertEqual(findings.map(\.code), [.amountMismatch])
        XCTAssertEqual(findings.first?.actual, 2500)
    }

    func testMissingSummarySectionIsAFinding() throws {
        let text = "\(Fixtures.detailHeader)\nT1,R1,PAYMENT,1000,USD,2026-11-29T10:00:00+08:00,1000,USD\n"
        let (lines, result) = try Fixtures.read(text)
        XCTAssertEqual(lines.count, 1)
        XCTAssertEqual(result.findings.map(\.code), [.summarySectionMissing])
    }

    func testEmptyDayHasZeroSummaryAndNoLines() throws {
        let (lines, result) = try Fixtures.read("totalCount,totalAmountValue\n0,0\n\n\(Fixtures.detailHeader)\n<END>\n")
        XCTAssertEqual(lines.count, 0)
        XCTAssertEqual(result.findings, [])
    }

    // MARK: malformed input: each gives a typed error with a line number

    func testWrongColumnCount() {
        let text = "totalCount\n1\n\(Fixtures.detailHeader)\nT1,R1,PAYMENT,1000,USD,2026-11-29T10:00:00+08:00,1,000,USD\n"
        let error = Fixtures.readError(text)
        XCTAssertEqual(error?.code, .wrongColumnCount)
        XCTAssertEqual(error?.line, 4)
        XCTAssertTrue(error?.description.contains("header on line 3 has 8") ?? false, "\(String(describing: error))")
    }

    func testMissingHeader() {
        let error = Fixtures.readError("T1,R1,PAYMENT,1000,USD,2026-11-29T10:00:00+08:00,1000,USD\n")
        XCTAssertEqual(error?.code, .missingHeader)
        XCTAssertEqual(error?.line, 1)
        XCTAssertTrue(error?.hint.contains("transactionId") ?? false)
    }

    func testMissingRequiredColumnNamesTheHeaderLine() {
        let text = "totalCount\n0\n\ntransactionId,transactionType,transactionCurrency,transactionTime\n"
        let error = Fixtures.readError(text)
        XCTAssertEqual(error?.code, .missingRequiredColumn)
        XCTAssertEqual(error?.line, 4)
        XCTAssertEqual(error?.column, "transactionAmountValue")
    }

    func testEmptyFile() {
        for data in [Data(), Data([0xEF, 0xBB, 0xBF]), Data("\n\r\n\n".utf8), Data("<END>\n".utf8)] {
            let error = Fixtures.readError(data)
            XCTAssertEqual(error?.code, .emptyFile)
            XCTAssertEqual(error?.line, 1)
        }
    }

    func testNonUTF8Bytes() {
        var data = Fixtures.data("totalCount\n1\n\(Fixtures.detailHeader)\nT1,R1,PAYMENT,1000,USD,2026-11-29T10:00:00+08:00,1000,")
        data.append(contentsOf: [0xFF, 0xFE])
        data.append(contentsOf: Array("\n".utf8))
        let error = Fixtures.readError(data)
        XCTAssertEqual(error?.code, .invalidUTF8)
        XCTAssertEqual(error?.line, 4)
    }

    func testBadQuotingInReport() {
        let unterminated = Fixtures.readError("totalCount\n1\n\(Fixtures.detailHeader)\nT1,\"R1,PAYMENT,1000,USD,2026-11-29T10:00:00+08:00,1000,USD\n")
        XCTAssertEqual(unterminated?.code, .unterminatedQuote)
        XCTAssertEqual(unterminated?.line, 4)
        let stray = Fixtures.readError("totalCount\n1\n\(Fixtures.detailHeader)\nT1,R\"1,PAYMENT,1000,USD,2026-11-29T10:00:00+08:00,1000,USD\n")
        XCTAssertEqual(stray?.code, .quoteInUnquotedField)
        XCTAssertEqual(stray?.line, 4)
    }

    func testNonIntegerAmounts() {
        for amount in ["10.00", "1e3", "abc", "", " ", "99999999999999999999"] {
            let text = "totalCount\n1\n\(Fixtures.detailHeader)\nT1,R1,PAYMENT,\(amount),USD,2026-11-29T10:00:00+08:00,,\n"
            let error = Fixtures.readError(text)
            XCTAssertEqual(error?.code, amount.trimmingCharacters(in: .whitespaces).isEmpty ? .missingValue : .invalidAmount, amount)
            XCTAssertEqual(error?.line, 4)
            XCTAssertEqual(error?.column, "transactionAmountValue")
        }
        let summary = Fixtures.readError("totalCount\n1.5\n")
        XCTAssertEqual(summary?.code, .invalidCount)
        XCTAssertEqual(summary?.line, 2)
    }

    func testBadTime() {
        for time in ["2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "29/11/2026 10:00", "2026-11-29T10:00:00+0", "2026-11-29T25:00:00"] {
            let text = "totalCount\n1\n\(Fixtures.detailHeader)\nT1,R1,PAYMENT,1,USD,\(time),,\n"
            let error = Fixtures.readError(text)
            XCTAssertEqual(error?.code, .invalidTime, time)
            XCTAssertEqual(error?.line, 4)
            XCTAssertEqual(error?.column, "transactionTime")
        }
    }

    func testAmountOverflowIsAnErrorNotACrash() {
        let big = Int64.max
        let text = "totalCount\n2\n\(Fixtures.detailHeader)\nT1,R1,PAYMENT,\(big),USD,2026-11-29T10:00:00Z,,\nT2,R2,PAYMENT,\(big),USD,2026-11-29T10:00:00Z,,\n"
        let error = Fixtures.readError(text)
        XCTAssertEqual(error?.code, .amountOverflow)
        XCTAssertEqual(error?.line, 5)
    }

    func testArbitraryBytesNeverCrash() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("totalCount,transactionId\"\r\n<END>,PAYMENT0123456789.-".utf8) + [0xFF, 0xC3, 0xEF, 0xBB, 0xBF]
        for _ in 0..<300 {
            let length = Int.random(in: 0..<200, using: &generator)
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            do { _ = try TransactionDetailReader(.data(Data(bytes))).readAll() } catch is ReportError {} catch {
                XCTFail("unexpected error type \(error)")
            }
        }
    }
}
