import AlipayPlus
import Foundation

/// The driver's commands to a merchant child, as the JSON bodies of `POST /soak/<command>`.
///
/// Every answer is HTTP 200 with the command's answer body, or HTTP 500 with ``ProcessSoakWire/Failure``
/// when the coordinator threw. Any other path is an Alipay+ notification for the coordinator's
/// `handleInbound`.
enum ProcessSoakWire {
    static let prefix = "/soak/"

    struct BeginBinding: Codable { var user: String }
    struct BindingPage: Codable { var walletPageURL: URL }
    struct CompleteBinding: Codable { var redirectURL: URL }
    struct Bound: Codable { var bindingId: String }
    struct Unbind: Codable { var user: String }
    struct Unbound: Codable { var unbound: Int }

    struct Charge: Codable {
        var user: String
        var paymentRequestId: String
        var referenceOrderId: String
        var minorUnits: Int64
        var waitForFinalOutcome: Bool
    }

    struct Cancel: Codable { var paymentRequestId: String }

    /// A charge's or cancel's outcome: `succeeded`, `failed`, `canceled`, `pending` or `needsReauthorization`.
    struct Outcome: Codable {
        var outcome: String
        var paymentRequestId: String?

        init(_ outcome: ChargeOutcome) {
            switch outcome {
            case .succeeded(let record): (self.outcome, paymentRequestId) = ("succeeded", record.paymentRequestId)
            case .failed(_, let record): (self.outcome, paymentRequestId) = ("failed", record.paymentRequestId)
            case .canceled(let record): (self.outcome, paymentRequestId) = ("canceled", record.paymentRequestId)
            case .pending(let record): (self.outcome, paymentRequestId) = ("pending", record.paymentRequestId)
            case .needsReauthorization: (self.outcome, paymentRequestId) = ("needsReauthorization", nil)
            }
        }
    }

    struct Refund: Codable {
        var paymentRequestId: String
        var refundRequestId: String
        var minorUnits: Int64
    }

    struct RefundAnswer: Codable { var state: String }

    struct Recovered: Codable { var unresolved: Int }

    /// The ids whose records the driver judges; the child follows each payment's `retriedAs` chain.
    struct RecordQuery: Codable { var paymentRequestIds: [String] }
    struct Records: Codable {
        var payments: [PaymentRecord]
        var refunds: [RefundRecord]
    }

    struct Status: Codable { var instanceId: String }

    struct Failure: Codable { var error: String }

    static func encode(_ value: some Encodable) -> Data {
        (try? JSONEncoder().encode(value)) ?? Data("{}".utf8)
    }
}
