import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation

/// One simulated Alipay+ (virtual clock, test keys) and the coordinators the bench charges through.
struct BenchSetup: Sendable {
    static let user = "bench-user"
    static let amount = Amount(currency: "HKD", minorUnits: 599)
    static let merchant = Merchant(referenceMerchantId: "M0001", merchantMCC: "5732", merchantName: "Demo Ltd",
                                   merchantAddress: Address(region: "HK"))

    let clock = VirtualClock()
    let simulator: AlipayPlusSimulator

    init() throws {
        let configuration = try AlipayPlusSimulator.Configuration(
            merchantClientId: TestKeys.merchantClientId, merchantPublicKey: TestKeys.merchantPublicKey,
            alipayPlusPrivateKey: TestKeys.alipayPlusPrivateKey, clock: clock)
        simulator = AlipayPlusSimulator(configuration: configuration)
    }

    /// A coordinator (instance `instanceId`) over `store`, talking to the simulator.
    func coordinator(store: any AutoDebitStore, instanceId: String) throws -> AutoDebitCoordinator {
        let client = try simulator.merchantClient()
        var configuration = AutoDebitCoordinator.Configuration(
            authClientId: "M0001", authClientName: "Demo Ltd", authRedirectURL: URL(string: "https://merchant.example/alipayplus/return")!,
            merchant: Self.merchant, settlementCurrency: "HKD")
        configuration.coordination.instanceId = instanceId
        return try AutoDebitCoordinator(client: client, store: store, configuration: configuration)
    }

    /// Binds the bench user's wallet through `coordinator` (once per store).
    func bind(with coordinator: AutoDebitCoordinator) async throws {
        let start = try await coordinator.beginBinding(for: Self.user)
        let redirect = try await simulator.approve(walletPageURL: start.walletPageURL)
        _ = try await coordinator.completeBinding(redirectURL: redirect)
    }
}

/// Charges through `coordinators` from `concurrency` tasks (spread over them) for `seconds`.
struct ChargeLoad: Sendable {
    let name: String
    let coordinators: [AutoDebitCoordinator]
    let orderPrefix: String

    struct Result: Sendable {
        var succeeded = 0
        var failed = 0
        var seconds = 0.0
        /// This process's CPU seconds over the load (the database server's are not counted).
        var cpuSeconds = 0.0
        var perSecond: Double { seconds > 0 ? Double(succeeded) / seconds : 0 }
        /// This process's CPU microseconds per successful charge.
        var cpuMicrosecondsPerCharge: Double { succeeded > 0 ? cpuSeconds * 1e6 / Double(succeeded) : 0 }

        mutating func add(_ other: Result) {
            succeeded += other.succeeded
            failed += other.failed
            seconds += other.seconds
            cpuSeconds += other.cpuSeconds
        }
    }

    func run(concurrency: Int, seconds: Double, round: Int) async throws -> Result {
        let (coordinators, orderPrefix) = (self.coordinators, self.orderPrefix)
        let load = try await TimedLoad.run(concurrency: concurrency, seconds: seconds) { worker, inTime in
            let coordinator = coordinators[worker % coordinators.count]
            let prefix = "\(orderPrefix)-R\(round)-W\(worker)"
            var succeeded = 0, failed = 0, n = 0
            while inTime() {
                n += 1
                let outcome = try await coordinator.charge(ChargeRequest(
                    merchantUserId: BenchSetup.user, amount: BenchSetup.amount, referenceOrderId: "\(prefix)-\(n)",
                    orderDescription: "Monthly plan"))
                if case .succeeded = outcome { succeeded += 1 } else { failed += 1 }
            }
            return (succeeded: succeeded, failed: failed)
        }
        return Result(succeeded: load.tallies.reduce(0) { $0 + $1.succeeded }, failed: load.tallies.reduce(0) { $0 + $1.failed },
                      seconds: load.seconds, cpuSeconds: load.cpuSeconds)
    }
}
