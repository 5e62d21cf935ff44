public import AlipayPlus
import AlipayPlusModels
public import Foundation

extension ReportWriter {
    /// The detail lines Alipay+ would report for a clearing day: every succeeded payment whose
    /// `paymentTime` (else `updatedAt`) and every succeeded refund whose `updatedAt` falls on `clearingDate`
    /// (UTC+8), payments first, each in time order.
    ///
    /// `transactionId` is the record's `paymentId` / `refundId` (its request id when Alipay+'s id is not
    /// known); refunds carry the original payment's ids. Lines in `settlementCurrency` get a settlement
    /// amount equal to the transaction amount; lines in other currencies get none (no FX rate is known).
    public static func clearingLines(for payments: [PaymentRecord], refunds: [RefundRecord], clearingDate: ClearingDate,
                                     settlementCurrency: String) -> [TransactionDetailLine] {
        func settlement(_ amount: Amount) -> (Int64?, String?) {
            amount.currency.uppercased() == settlementCurrency.uppercased() ? (amount.minorUnits, settlementCurrency) : (nil, nil)
        }
        var lines: [TransactionDetailLine] = []
        let dayPayments = payments
            .filter { $0.state == .succeeded && ClearingDate(containing: $0.paymentTime ?? $0.updatedAt) == clearingDate }
            .sorted { ($0.paymentTime ?? $0.updatedAt, $0.paymentRequestId) < ($1.paymentTime ?? $1.updatedAt, $1.paymentRequestId) }
        for payment in dayPayments {
            let (value, currency) = settlement(payment.amount)
            lines.append(TransactionDetailLine(
                transactionId: payment.paymentId ?? payment.paymentRequestId, transactionRequestId: payment.paymentRequestId,
                transactionType: .payment, transactionAmountValue: payment.amount.minorUnits ?? 0,
                transactionCurrency: payment.amount.currency, transactionTime: payment.paymentTime ?? payment.updatedAt,
                settlementAmountValue: value, settlementCurrency: currency))
        }
        var paymentIds: [String: String] = [:]
        for payment in payments { if let id = payment.paymentId { paymentIds[payment.paymentRequestId] = id } }
        let dayRefunds = refunds
            .filter { $0.state == .succeeded && ClearingDate(containing: $0.updatedAt) == clearingDate }
            .sorted { ($0.updatedAt, $0.refundRequestId) < ($1.updatedAt, $1.refundRequestId) }
        for refund in dayRefunds {
            let (value, currency) = settlement(refund.amount)
            lines.append(TransactionDetailLine(
                transactionId: refund.refundId ?? refund.refundRequestId, transactionRequestId: refund.refundRequestId,
                originalTransactionId: paymentIds[refund.paymentRequestId], originalTransactionRequestId: refund.paymentRequestId,
                transactionType: .refund, transactionAmountValue: refund.amount.minorUnits ?? 0,
                transactionCurrency: refund.amount.currency, transactionTime: refund.updatedAt,
                settlementAmountValue: value, settlementCurrency: currency))
        }
        return lines
    }

    /// Writes the Transaction Detail and Transaction Summary reports (seq 000) of one clearing day into
    /// `directory`, from the merchant's (or a simulator's) records.
    ///
    /// The files are named like Alipay+'s: `transactionItems_<participantId>_<settlementCurrency>_<batchId>_<agreementId>_000.csv`
    /// and `summary_..._000.csv`. See ``clearingLines(for:refunds:clearingDate:settlementCurrency:)``
    /// for which records become lines.
    ///
    /// - Parameters:
    ///   - payments: Payments (any state; only succeeded ones of the day are written).
    ///   - refunds: Refunds (any state; only succeeded ones of the day are written).
    ///   - clearingDate: The clearing day (UTC+8).
    ///   - participantId: The ACQP's participant (partner) id.
    ///   - settlementCurrency: The settlement currency, e.g. `USD`.
    ///   - batchId: The clearing batch id.
    ///   - agreementId: The participant agreement id.
    ///   - directory: An existing directory.
    /// - Returns: The two files written.
    /// - Throws: ``ReportError/Code/unreadableFile`` when a file cannot be written.
    @discardableResult
    public func clearingReports(for payments: [PaymentRecord], refunds: [RefundRecord], clearingDate: ClearingDate,
                                participantId: String, settlementCurrency: String, batchId: String, agreementId: String,
                                into directory: URL) throws -> (detail: URL, summary: URL) {
        let lines = Self.clearingLines(for: payments, refunds: refunds, clearingDate: clearingDate, settlementCurrency: settlementCurrency)
        return try clearingReports(lines: lines, participantId: participantId, settlementCurrency: settlementCurrency,
                                   batchId: batchId, agreementId: agreementId, into: directory)
    }

    /// Writes the Transaction Detail and Transaction Summary reports (seq 000) for the given lines.
    ///
    /// - Returns: The two files written.
    /// - Throws: ``ReportError/Code/unreadableFile`` when a file cannot be written.
    @discardableResult
    public func clearingReports(lines: [TransactionDetailLine], participantId: String, settlementCurrency: String,
                                batchId: String, agreementId: String, into directory: URL) throws -> (detail: URL, summary: URL) {
        let detailName = ReportFileName(kind: .transactionDetail, participantId: participantId, settlementCurrency: settlementCurrency,
                                        batchId: batchId, participantAgreementId: agreementId)
        var summaryName = detailName
        summaryName.kind = .transactionSummary
        let detailURL = directory.appendingPathComponent(detailName.fileName)
        let summaryURL = directory.appendingPathComponent(summaryName.fileName)
        try writeTransactionDetailReport(lines, to: detailURL)
        let summary = transactionSummaryReport(clearingBatchId: batchId, settlementCurrency: settlementCurrency, lines: lines)
        do { try summary.write(to: summaryURL) } catch {
            throw ReportError(.unreadableFile, file: summaryURL.lastPathComponent, detail: "cannot write \(summaryURL.path): \(error.localizedDescription)",
                              hint: "check the directory and permissions")
        }
        return (detailURL, summaryURL)
    }
}
