import AlipayPlusModels
import Foundation

/// Something that happened to a payment; applied to its record atomically in the store.
///
/// The rules, in one place: final states absorb everything except a merchant's cancel of a success;
/// once a cancel is requested only the cancel's confirmation ends the payment (a late success
/// notification is recorded but does not count, as the spec's cancel rules say; one that arrives for a
/// failed or cancelled payment is recorded too, for the merchant to reconcile). The cancel that
/// closes an unresolved payment (`mayCancelSuccess: false`) never touches one that succeeded
/// meanwhile, and a payment with refunds that are not failed is never cancelled (the store keeps
/// ``PaymentRecord/refunds`` in the same atomic write as each refund, so this check is atomic too).
enum PaymentTransition: Sendable, Hashable {
    case outcomeUnknown
    case succeeded(paymentId: String?, paymentTime: Date?)
    case failed(ResultCode)
    /// A cancel is requested; `mayCancelSuccess` is true only for the merchant's own ``AutoDebitCoordinator/cancel(paymentRequestId:)``.
    case cancelRequested(mayCancelSuccess: Bool)
    case canceled
    /// A pay known never to have left (failed `REQUEST_NOT_SENT`) is charged again under its own id.
    case chargedAgainAfterNotSent

    /// The failure code of a pay that never left: the same id may be charged again.
    static let requestNotSent = ResultCode(rawValue: "REQUEST_NOT_SENT")

    /// Applies the transition; returns whether the record changed.
    func apply(to record: inout PaymentRecord, at now: Date) -> Bool {
        let before = record
        switch (self, record.state) {
        case (.outcomeUnknown, .created):
            record.state = .pending
        case (.succeeded(let paymentId, let paymentTime), .created), (.succeeded(let paymentId, let paymentTime), .pending):
            record.state = .succeeded
            record.paymentId = paymentId ?? record.paymentId
            record.paymentTime = paymentTime ?? record.paymentTime
        case (.succeeded(let paymentId, _), .cancelRequested), (.succeeded(let paymentId, _), .canceled),
             (.succeeded(let paymentId, _), .failed):
            record.lateSuccessIgnoredAt = record.lateSuccessIgnoredAt ?? now
            record.paymentId = record.paymentId ?? paymentId
        case (.failed(let code), .created), (.failed(let code), .pending):
            record.state = .failed
            record.failureCode = code
        case (.cancelRequested, .created), (.cancelRequested, .pending):
            record.state = .cancelRequested
        case (.cancelRequested(true), .succeeded) where record.refunds.count == 0:
            // A payment with refunds (pending or succeeded) is never cancelled: refund the rest instead.
            record.state = .cancelRequested
        case (.chargedAgainAfterNotSent, .failed) where record.failureCode == Self.requestNotSent:
            record.state = .created
            record.failureCode = nil
        case (.canceled, .cancelRequested):
            record.state = .canceled
        default:
            return false
        }
        guard record != before else { return false }
        record.updatedAt = now
        return true
    }
}

extension ChargeOutcome {
    /// The outcome a stored record stands for, when it is final.
    init?(finalState record: PaymentRecord) {
        switch record.state {
        case .succeeded: self = .succeeded(record)
        case .failed: self = .failed(record.failureCode ?? ResultCode(rawValue: "UNKNOWN"), record)
        case .canceled: self = .canceled(record)
        case .created, .pending, .cancelRequested: return nil
        }
    }
}
