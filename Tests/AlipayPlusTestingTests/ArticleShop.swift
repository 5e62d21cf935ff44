import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import Foundation

/// The set-up of the "Getting started" article (simulator, client, coordinator, a bound user), shared
/// by the tests holding the other DocC articles' code.
struct ArticleShop {
    let clock: VirtualClock
    let simulator: AlipayPlusSimulator
    let coordinator: AutoDebitCoordinator

    /// A shop with `user-42` bound, over `store` (in memory by default).
    static func withBoundUser(store: any AutoDebitStore = LocalAutoDebitStore()) async throws -> ArticleShop {
        let clock = VirtualClock()
        let simulator = AlipayPlusSimulator(configuration: try AlipayPlusSimulator.Configuration(
            merchantClientId: TestKeys.merchantClientId, merchantPublicKey: TestKeys.merchantPublicKey, clock: clock))
        let client = try simulator.merchantClient()
        let coordinator = try AutoDebitCoordinator(client: client, store: store,
            configuration: AutoDebitCoordinator.Configuration(
                authClientId: "M0001", authClientName: "Demo Ltd",
                authRedirectURL: URL(string: "https://shop.example/alipayplus/return")!,
                merchant: Merchant(referenceMerchantId: "M0001", merchantName: "Demo Ltd",
                                   merchantAddress: Address(region: "HK")),
                settlementCurrency: "HKD",
                coordination: .init(recoveryInterval: nil)))
        let start = try await coordinator.beginBinding(for: "user-42")
        _ = try await coordinator.completeBinding(
            redirectURL: try await simulator.approve(walletPageURL: start.walletPageURL, wallet: .alipayHK))
        return ArticleShop(clock: clock, simulator: simulator, coordinator: coordinator)
    }

    /// A charge of `minorUnits` HKD for `order`, under `paymentRequestId`.
    static func chargeRequest(order: String, paymentRequestId: String, minorUnits: Int64 = 599) -> ChargeRequest {
        ChargeRequest(merchantUserId: "user-42", amount: Amount(currency: "HKD", minorUnits: minorUnits),
                      referenceOrderId: order, orderDescription: "Plan", paymentRequestId: paymentRequestId)
    }
}
