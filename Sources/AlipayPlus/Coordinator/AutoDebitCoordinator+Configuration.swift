public import AlipayPlusModels
public import Foundation

extension AutoDebitCoordinator {
    /// The merchant facts and timing rules the coordinator needs beyond the client's configuration.
    ///
    /// The merchant facts (who asks for the agreement, who is paid, in which currency, where the
    /// wallet sends the user back) are at the top; the timings are grouped by what they govern, each
    /// with the spec's defaults: ``resolution-swift.property`` (payments whose outcome is unknown),
    /// ``inbound-swift.property`` (calls from Alipay+) and ``coordination-swift.property`` (work shared
    /// with other instances and in the background).
    ///
    /// ```swift
    /// var configuration = AutoDebitCoordinator.Configuration(
    ///     authClientId: "M0001", authClientName: "Example Shop",
    ///     authRedirectURL: URL(string: "https://shop.example/alipayplus/return")!,
    ///     merchant: Merchant(referenceMerchantId: "M0001"), settlementCurrency: "HKD"
    /// )
    /// configuration.coordination.instanceId = "web-1"
    /// ```
    public struct Configuration: Sendable {
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
        /// How a payment whose outcome is unknown is settled: inquiries, then cancels.
        public var resolution: Resolution
        /// What calls from Alipay+ (notifications, consultUnbinding) are accepted, and how fast they are answered.
        public var inbound: Inbound
        /// How this coordinator shares work with other instances over one store, and runs it in the background.
        public var coordination: Coordination

        /// Creates a configuration with the spec's timings.
        ///
        /// - Parameters:
        ///   - authClientId: The auth client id sent in prepare, applyToken and cancelToken.
        ///   - authClientName: The registered legal name shown to the user with the agreement.
        ///   - authRedirectURL: Where the wallet sends the user back with `authCode` and `authState`.
        ///   - merchant: The merchant sent in every pay's `order.merchant`.
        ///   - settlementCurrency: The settlement currency sent in pay's `settlementStrategy`.
        ///   - scopes: The authorization scopes requested in prepare (default `AGREEMENT_PAY`).
        ///   - paymentNotifyURL: Where Alipay+ sends notifyPayment, when not configured in the portal.
        ///   - refreshMargin: A token closer than this to expiry is refreshed before a charge (5 minutes).
        ///   - resolution: Inquiry and cancel timings (the spec's: 3 s, 60 s, then cancels).
        ///   - inbound: Limits and answers for calls from Alipay+.
        ///   - coordination: This instance's name, its leases, its recovery loop and its charge limit.
        public init(
            authClientId: String,
            authClientName: String,
            authRedirectURL: URL,
            merchant: Merchant,
            settlementCurrency: String,
            scopes: [String] = ["AGREEMENT_PAY"],
            paymentNotifyURL: URL? = nil,
            refreshMargin: Duration = .seconds(300),
            resolution: Resolution = .init(),
            inbound: Inbound = .init(),
            coordination: Coordination = .init()
        ) {
            self.authClientId = authClientId
            self.authClientName = authClientName
            self.authRedirectURL = authRedirectURL
            self.scopes = scopes
            self.merchant = merchant
            self.settlementCurrency = settlementCurrency
            self.paymentNotifyURL = paymentNotifyURL
            self.refreshMargin = refreshMargin
            self.resolution = resolution
            self.inbound = inbound
            self.coordination = coordination
        }
    }
}
