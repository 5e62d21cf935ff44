import AlipayPlusModels
import Foundation

/// One prepare: the binding session behind a wallet page URL.
struct AuthSession {
    enum Decision { case pending, approved(authCode: String), denied }
    var sessionId: String
    var request: PrepareRequest
    var response: Data
    var decision: Decision = .pending
    var wallet: SimulatedWallet?
}

/// An issued auth code (single use, short-lived).
struct AuthCodeRecord {
    var sessionIndex: Int
    var issuedAt: Date
    var used = false
}

/// One access/refresh token pair.
struct TokenPair {
    enum State { case active, superseded, cancelled }
    var accessToken: String
    var refreshToken: String
    var accessTokenExpiry: Date
    var refreshTokenExpiry: Date
    var sessionIndex: Int
    var customerId: String
    var wallet: SimulatedWallet
    var state: State = .active
}

/// One pay, with its script and its booking.
struct PaymentState {
    var request: PayRequest
    var paymentId: String
    var status: LedgerPayment.Status
    var script: PaymentScript
    var customerId: String?
    var walletBrandName: String?
    var paymentTime: Date?
    var firstResponse: Data
    var chargeCount = 0
    var reversed = false
    var cancellations = 0
    var payCalls = 1
    var inquiries = 0
    var refunds: [LedgerRefund] = []

    var ledgerEntry: LedgerPayment {
        LedgerPayment(
            paymentRequestId: request.paymentRequestId, paymentId: paymentId, paymentTime: paymentTime,
            amount: request.paymentAmount,
            status: status, chargeCount: chargeCount, reversed: reversed, cancellations: cancellations,
            payCalls: payCalls, inquiries: inquiries, refunds: refunds
        )
    }
}

/// A successful refund's idempotency record.
struct RefundState {
    var paymentIndex: Int
    var refundAmount: Amount
    var paymentReference: String
    var response: Data
}

/// A notification waiting for delivery.
struct QueuedNotification {
    var name: String
    var path: String
    /// The value to send; encoded only when delivered (most queued notifications never are).
    var payload: any Encodable & Sendable

    var body: Data { (try? AlipayPlusJSON.encode(payload)) ?? Data("{}".utf8) }
}

/// An injected fault with its scope.
struct FaultRule {
    var fault: TransportFault
    var path: String?
    var predicate: (@Sendable (HTTPRequestSummary) -> Bool)?
    var remaining: Int
}

/// The verdict on a pay's access token.
enum TokenCheck {
    case valid(Int)
    case rejected(ResultCode, String)
}

extension Date {
    /// `self` moved forward by `duration`.
    func plus(_ duration: Duration) -> Date {
        let (seconds, attoseconds) = duration.components
        return addingTimeInterval(TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18)
    }
}

/// The session id, wallet and whether it was decided; never the auth code it issued.
extension AuthSession: CustomReflectable {
    var customMirror: Mirror {
        let decided: String
        switch decision {
        case .pending: decided = "pending"
        case .approved: decided = "approved (auth code <redacted>)"
        case .denied: decided = "denied"
        }
        return Mirror(self, children: ["sessionId": sessionId, "decision": decided], displayStyle: .struct)
    }
}

/// The lifetimes and state of the pair; never the tokens.
extension TokenPair: CustomReflectable {
    var customMirror: Mirror {
        Mirror(self, children: ["accessToken": "<redacted>", "refreshToken": "<redacted>",
                                "accessTokenExpiry": accessTokenExpiry, "refreshTokenExpiry": refreshTokenExpiry,
                                "state": state], displayStyle: .struct)
    }
}
