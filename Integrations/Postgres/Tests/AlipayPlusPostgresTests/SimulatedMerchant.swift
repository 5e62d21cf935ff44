import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation

/// The simulator and coordinators over one store, as several merchant server instances see them:
/// one Alipay+ (the simulator, counting every request), one virtual clock, one coordinator per instance.
struct SimulatedMerchant: Sendable {
    static let user = "user-1"
    static let merchant = Merchant(referenceMerchantId: "M0001", merchantMCC: "5732", merchantName: "Demo Ltd",
                                   merchantAddress: Address(region: "HK"))

    let clock: VirtualClock
    let simulator: AlipayPlusSimulator

    init(accessTokenLifetime: Duration = .seconds(30 * 24 * 3600)) throws {
        let clock = VirtualClock()
        var configuration = try AlipayPlusSimulator.Configuration(
            merchantClientId: TestKeys.merchantClientId, merchantPublicKey: TestKeys.merchantPublicKey,
            alipayPlusPrivateKey: TestKeys.alipayPlusPrivateKey, clock: clock)
        configuration.accessTokenLifetime = accessTokenLifetime
        self.clock = clock
        self.simulator = AlipayPlusSimulator(configuration: configuration)
    }

    /// A coordinator (instance `instanceId`) over `store`, sending through `transport` (the simulator by default).
    func coordinator(store: any AutoDebitStore, instanceId: String, transport: (any HTTPTransport)? = nil) throws -> AutoDebitCoordinator {
        let client = try simulator.merchantClient(transport: transport)
        var configuration = AutoDebitCoordinator.Configuration(
            authClientId: "M0001", authClientName: "Demo Ltd", authRedirectURL: URL(string: "https://merchant.example/alipayplus/return")!,
            merchant: Self.merchant, settlementCurrency: "HKD")
        configuration.coordination.instanceId = instanceId
        return try AutoDebitCoordinator(client: client, store: store, configuration: configuration)
    }

    /// Binds the user's wallet through `coordinator`; the binding and the auth code the redirect carried.
    func bind(with coordinator: AutoDebitCoordinator) async throws -> (binding: BindingRecord, authCode: String) {
        let start = try await coordinator.beginBinding(for: Self.user)
        let redirect = try await simulator.approve(walletPageURL: start.walletPageURL, wallet: .alipayHK)
        let authCode = URLComponents(url: redirect, resolvingAgainstBaseURL: false)?.queryItems?
            .first { $0.name == "authCode" }?.value ?? ""
        return (try await coordinator.completeBinding(redirectURL: redirect), authCode)
    }

    static func charge(order: String, minor: Int64 = 599, id: String? = nil) -> ChargeRequest {
        ChargeRequest(merchantUserId: user, amount: Amount(currency: "HKD", minorUnits: minor), referenceOrderId: order,
                      orderDescription: "Monthly plan", paymentRequestId: id)
    }
}

/// Sends to the simulator, holding the answer to a token refresh (applyToken `REFRESH_TOKEN`) until
/// the test lets it go: Alipay+ has issued the new pair, the instance has not received it yet.
struct HeldRefreshTransport: HTTPTransport {
    let simulator: AlipayPlusSimulator
    let refreshReceived: TestLatch
    let releaseRefresh: TestLatch

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let response = try await simulator.send(request)
        if request.url.path == ApplyTokenRequest.path, String(decoding: request.body, as: UTF8.self).contains("REFRESH_TOKEN") {
            await refreshReceived.open()
            await releaseRefresh.wait()
        }
        return response
    }
}
