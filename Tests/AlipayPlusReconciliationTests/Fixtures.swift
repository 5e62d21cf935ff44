import Foundation
import AlipayPlusReconciliation

/// Small builders shared by the reconciliation tests.
enum Fixtures {
    static let detailHeader = "transactionId,transactionRequestId,transactionType,transactionAmountValue,transactionCurrency,transactionTime,settlementAmountValue,settlementCurrency"

    /// A valid detail report: 2 payments and 1 refund in USD.
    static let validDetail = """
    totalCount,transactionType,transactionCurrency,totalTransactionAmountValue
    2,PAYMENT,USD,3000
    1,REFUND,USD,500

    \(detailHeader),pspId
    2026112900001,pay-1,PAYMENT,1000,USD,2026-11-29T10:00:00+08:00,1000,USD,ALIPAY_CN
    2026112900002,pay-2,PAYMENT,2000,USD,2026-11-29 11:00:00,2000,USD,"GCASH, PH"
    2026112900003,ref-1,REFUND,500,USD,2026-11-29T03:30:00Z,500,USD,ALIPAY_CN
    <END>

    """

    static func data(_ text: String, lineEnding: String = "\n") -> Data {
        Data(text.replacingOccurrences(of: "\n", with: lineEnding).utf8)
    }

    static func read(_ text: String, name: String = "transactionItems_P1_USD_B1_AG1_000.csv") throws
        -> (lines: [TransactionDetailLine], result: ReportResult<TransactionDetailFormat>) {
        try TransactionDetailReader(.data(data(text), name: name)).readAll()
    }

    static func readError(_ text: String) -> ReportError? {
        readError(data(text))
    }

    static func readError(_ data: Data) -> ReportError? {
        do {
            _ = try TransactionDetailReader(.data(data, name: "t.csv")).readAll()
            return nil
        } catch let error as ReportError {
            return error
        } catch {
            return nil
        }
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("recon-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
