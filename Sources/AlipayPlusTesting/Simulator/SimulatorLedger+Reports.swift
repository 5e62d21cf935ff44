import AlipayPlusModels
public import AlipayPlusReconciliation
public import Foundation

extension SimulatorLedger {
    /// The Transaction Detail lines Alipay+ would report for one UTC+8 clearing day: every payment charged
    /// (and not reversed) whose payment time falls on that day, and every refund booked that day.
    ///
    /// Amounts in `settlementCurrency` also get their settlement amount; others have none (the
    /// simulator knows no exchange rates).
    public func clearingLines(for clearingDate: ClearingDate, settlementCurrency: String) -> [TransactionDetailLine] {
        var lines: [TransactionDetailLine] = []
        for payment in payments {
            if payment.chargeCount > 0, !payment.reversed, let paid = payment.paymentTime,
               ClearingDate(containing: paid) == clearingDate, let value = payment.amount.minorUnits
            {
                lines.append(TransactionDetailLine(
                    transactionId: payment.paymentId, transactionRequestId: payment.paymentRequestId,
                    transactionType: .payment, transactionAmountValue: value,
                    transactionCurrency: payment.amount.currency, transactionTime: paid,
                    settlementAmountValue: payment.amount.currency == settlementCurrency ? value : nil,
                    settlementCurrency: settlementCurrency
                ))
            }
            for refund in payment.refunds where ClearingDate(containing: refund.refundTime) == clearingDate {
                guard let value = refund.amount.minorUnits else { continue }
                lines.append(TransactionDetailLine(
                    transactionId: refund.refundId, transactionRequestId: refund.refundRequestId,
                    originalTransactionId: payment.paymentId, originalTransactionRequestId: payment.paymentRequestId,
                    transactionType: .refund, transactionAmountValue: value,
                    transactionCurrency: refund.amount.currency, transactionTime: refund.refundTime,
                    settlementAmountValue: refund.amount.currency == settlementCurrency ? value : nil,
                    settlementCurrency: settlementCurrency
                ))
            }
        }
        return lines.sorted { $0.transactionTime < $1.transactionTime }
    }
}

extension AlipayPlusSimulator {
    /// Writes the clearing reports of its ledger for one day (Transaction Detail and Transaction Summary,
    /// `seq` 000), named and laid out as Alipay+ puts them on SFTP, and returns their locations.
    ///
    /// - Throws: `ReportError` when the files cannot be written.
    public func writeClearingReports(
        for clearingDate: ClearingDate, settlementCurrency: String, participantId: String = "SIMULATOR",
        batchId: String? = nil, agreementId: String = "AGREEMENT", into directory: URL
    ) throws -> (detail: URL, summary: URL) {
        let lines = ledger.clearingLines(for: clearingDate, settlementCurrency: settlementCurrency)
        return try ReportWriter().clearingReports(
            lines: lines, participantId: participantId, settlementCurrency: settlementCurrency,
            batchId: batchId ?? "\(clearingDate.description.filter(\.isNumber))01", agreementId: agreementId,
            into: directory
        )
    }
}
