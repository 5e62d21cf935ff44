public import AlipayPlusModels
public import Foundation

/// The merchant facts and timing rules the coordinator needs beyond the client's configuration.
public struct AutoDebitConfiguration: Sendable {
    /// The auth client id sent in prepare, applyToken and cancelToken (usually the merchant id).
    public var authClientId: String
    /// The registered legal name shown to the user with the agreement (`authClientName`).
    public var authClientName: String
    /// Where the wallet sends the user back with `authCode` and `authState` (`authRedirectUrl`).
    public var authRedirectURL: URL
    /// The authorization scopes requested in prepare.
    public var scopes: [String]
    /// The merchant sent in every pay's `order.merchant`.
    public var merchant: Merchant
    /// The settlement currency sent in pay's `settlementStrategy`.
    public var settlementCurrency: String
    /// Where Alipay+ sends notifyPayment (`paymentNotifyUrl`), when not configured in the portal.
    public var paymentNotifyURL: URL?
    /// A token closer than this to expiry is refreshed before a charge.
    public var refreshMargin: Duration
    /// The wait between two inquiries of a payment whose outcome is unknown (the spec says 3 s).
    public var inquiryInterval: Duration
    /// How long to inquire before cancelling (the spec says 60 s).
    public var inquiryWindow: Duration
    /// How many cancel attempts a resolution makes before leaving the payment to ``AutoDebitCoordinator/recover()``.
    public var cancelAttempts: Int
    /// The wait between two cancel attempts.
    public var cancelRetryDelay: Duration
    /// The largest inbound body accepted; larger bodies are refused with HTTP 413.
    public var inboundBodyLimit: Int
    /// An inbound call whose `Request-Time` is further than this from now (either way) is refused with
    /// 401: a replay or a wrong clock. Default 5 minutes, which covers clock skew and Alipay+'s retry of
    /// one delivery (whether a redelivery carries a new `Request-Time` is not documented: a refused
    /// one changes nothing, and the payment is still settled by inquiry). `nil` turns the check off.
    public var inboundTimeWindow: Duration?
    /// How long an inbound answer may wait for slow work (Alipay+ gives up after 5 s): an `AUTHCODE_CREATED`
    /// binding completes in the background past it, and a slow unbinding policy answers "allow".
    public var inboundAnswerBudget: Duration
    /// Answers consultUnbinding: whether a wallet-side unbinding is allowed (default: allow).
    public var unbindingPolicy: @Sendable (UnbindingConsultation) async -> Bool
    /// How many ``AutoDebitCoordinator/charge(_:waitForFinalOutcome:)`` calls run at once (default 128);
    /// further calls wait their turn in order. Bounds memory under bursts: a running charge holds
    /// about 30 KB, a waiting one a few hundred bytes.
    public var maximumConcurrentCharges: Int
    /// How often ``AutoDebitCoordinator/run()`` calls ``AutoDebitCoordinator/recover()`` (default 60 s;
    /// the first recovery starts with `run()`), so a long-running process also finishes cancels and
    /// refunds that stayed unresolved. `nil` runs no recovery loop: call `recover()` yourself.
    public var recoveryInterval: Duration?
    /// This coordinator's name among every instance that shares the store (default: a random id):
    /// the owner of the leases it takes. Give each process (or each coordinator in one process) its
    /// own; a stable name such as the host and process makes the store's leases readable.
    public var instanceId: String
    /// How long a lease (token refresh per binding, auth-code exchange per `authState`, resolution per
    /// payment, sending per refund) stays held without renewal (default 30 s). A payment's lease is
    /// renewed on every step of its resolution; when its holder stops, another instance takes the
    /// work over once the lease lapses. Keep it at least the client's overall timeout.
    public var leaseTTL: Duration
    /// How often an instance that waits for another instance's lease reads the store again to see
    /// whether the holder's result has landed or the lease can be taken (default 100 ms).
    public var leasePollInterval: Duration

    /// Creates a configuration with the spec's timings.
    public init(
        authClientId: String,
        authClientName: String,
        authRedirectURL: URL,
        merchant: Merchant,
        settlementCurrency: String,
        scopes: [String] = ["AGREEMENT_PAY"],
        paymentNotifyURL: URL? = nil,
        refreshMargin: Duration = .seconds(300),
        inquiryInterval: Duration = .seconds(3),
        inquiryWindow: Duration = .seconds(60),
        cancelAttempts: Int = 10,
        cancelRetryDelay: Duration = .seconds(3),
        inboundBodyLimit: Int = 1 << 20,
        inboundTimeWindow: Duration? = .seconds(300),
        inboundAnswerBudget: Duration = .seconds(4),
        unbindingPolicy: @escaping @Sendable (UnbindingConsultation) async -> Bool = { _ in true },
        maximumConcurrentCharges: Int = 128,
        recoveryInterval: Duration? = .seconds(60),
        instanceId: String = "instance-" + UUID().uuidString.lowercased(),
        leaseTTL: Duration = .seconds(30),
        leasePollInterval: Duration = .milliseconds(100)
    ) {
        self.authClientId = authClientId
        self.authClientName = authClientName
        self.authRedirectURL = authRedirectURL
        self.scopes = scopes
        self.merchant = merchant
        self.settlementCurrency = settlementCurrency
        self.paymentNotifyURL = paymentNotifyURL
        self.refreshMargin = refreshMargin
        self.inquiryInterval = inquiryInterval
        self.inquiryWindow = inquiryWindow
        self.cancelAttempts = cancelAttempts
        self.cancelRetryDelay = cancelRetryDelay
        self.inboundBodyLimit = inboundBodyLimit
        self.inboundTimeWindow = inboundTimeWindow
        self.inboundAnswerBudget = inboundAnswerBudget
        self.unbindingPolicy = unbindingPolicy
        self.maximumConcurrentCharges = maximumConcurrentCharges
        self.recoveryInterval = recoveryInterval
        self.instanceId = instanceId
        self.leaseTTL = leaseTTL
        self.leasePollInterval = leasePollInterval
    }
}

/// What a consultUnbinding call asks about: the binding the wallet wants to revoke, if known.
public struct UnbindingConsultation: Sendable {
    /// The binding whose access token Alipay+ named, when the store has it.
    public var binding: BindingRecord?
    /// The `referenceMerchantId` Alipay+ sent.
    public var referenceMerchantId: String
}
