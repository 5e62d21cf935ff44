import Foundation
import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTransport

/// A fault-injection soak: many concurrent charges through `AutoDebitCoordinator` with a durable
/// `LocalAutoDebitStore` against ``AlipayPlusSimulator``, with transport faults, unknown outcomes,
/// expiring tokens, disordered notifications, refunds and simulated process crashes; then a check of
/// every stored outcome against the simulator's ledger.
///
/// ```swift
/// let report = try await SoakRunner(configuration: .fromEnvironment()).run()
/// print(report.text())   // one summary line, plus the seed and the violations on failure
/// ```
/// The seed fixes every random choice (scripts, faults, crash points, notification disorder); the
/// interleaving of concurrent tasks is up to the scheduler, so a failing seed reproduces the same
/// fault mix, and usually the failure.
package final class SoakRunner: Sendable {
    /// The configuration the soak runs with.
    package let configuration: SoakConfiguration

    /// Creates a soak runner.
    package init(configuration: SoakConfiguration) {
        self.configuration = configuration
    }

    /// Runs the soak and returns its report (violations are data, not errors).
    ///
    /// - Throws: only when the soak itself cannot run (the store folder cannot be created or opened).
    package func run() async throws -> SoakReport {
        let started = Date()
        let directory = configuration.directory
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("alipayplus-soak-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { if configuration.directory == nil { try? FileManager.default.removeItem(at: directory) } }
        let run = try await SoakRun(configuration: configuration, directory: directory)
        var report = try await run.execute()
        report.duration = Date().timeIntervalSince(started)
        return report
    }
}

/// One soak's world: the clock, the simulator, the fault plan and the process lifetimes.
final class SoakRun: Sendable {
    let configuration: SoakConfiguration
    let directory: URL
    let clock = VirtualClock()
    let simulator: AlipayPlusSimulator
    let plan: SoakFaultPlan
    let host = SoakHost()
    let book = SoakBook()
    let dispatcher: SoakDispatcher

    init(configuration: SoakConfiguration, directory: URL) async throws {
        self.configuration = configuration
        self.directory = directory
        let simulatorConfiguration = try AlipayPlusSimulator.Configuration(
            merchantClientId: TestKeys.merchantClientId, merchantPublicKey: TestKeys.merchantPublicKey,
            alipayPlusPrivateKey: TestKeys.alipayPlusPrivateKey, clock: clock,
            accessTokenLifetime: .seconds(2 * 3600), maxNotificationAttempts: 30, notificationRetryInterval: .seconds(5)
        )
        simulator = AlipayPlusSimulator(configuration: simulatorConfiguration, seed: configuration.seed)
        plan = SoakFaultPlan(seed: configuration.seed, rate: configuration.faultRate)
        dispatcher = SoakDispatcher(charges: configuration.charges)
        await plan.install(in: simulator)
    }

    // MARK: Processes

    /// A coordinator over the store files, as a freshly started process builds it.
    func startProcess(gate: SoakCrashGate) throws -> (LocalAutoDebitStore, AutoDebitCoordinator) {
        let store = try LocalAutoDebitStore(directory: directory, keyRing: TestKeys.tokenKeyRing)
        let client = try simulator.merchantClient(transport: SoakGatedTransport(base: simulator, gate: gate))
        let coordinator = try AutoDebitCoordinator(
            client: client, store: ObservedAutoDebitStore(base: store) { _ in try gate.check() },
            configuration: AutoDebitCoordinator.Configuration(
                authClientId: "M0001", authClientName: "Soak Ltd",
                authRedirectURL: URL(string: "https://shop.example/alipayplus/return")!,
                merchant: Merchant(referenceMerchantId: "M0001", merchantMCC: "5732", merchantName: "Soak Ltd",
                                   merchantAddress: Address(region: "HK")),
                settlementCurrency: "HKD",
                inbound: .init(timeWindow: .seconds(600)),
                // each process recovers once at start; a virtual clock would spin a loop
                coordination: .init(recoveryInterval: nil)
            )
        )
        return (store, coordinator)
    }

    func user(_ index: Int) -> String { "soak-user-\(index % max(1, configuration.users))" }

    func bind(_ user: String, coordinator: AutoDebitCoordinator) async throws {
        let start = try await coordinator.beginBinding(for: user)
        let redirect = try await simulator.approve(walletPageURL: start.walletPageURL)
        _ = try await coordinator.completeBinding(redirectURL: redirect)
    }

    // MARK: The run

    func execute() async throws -> SoakReport {
        let pump = SoakNotificationPump(simulator: simulator, plan: plan, seed: configuration.seed,
                                        handler: host.handler, pauseMilliseconds: 1...8)
        // The pump is a child of this run: it ends (stopped, or cancelled on an error) before the run does.
        let (store, crashes) = try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await pump.loop() }
            let processes = try await runProcesses()
            await pump.stop()
            try await group.waitForAll()
            return (processes.store, processes.crashes)
        }
        for _ in 0..<20 where !(await simulator.pendingNotificationNames.isEmpty) {
            await simulator.deliverNotifications(to: host.handler)
        }
        let stored = await store.snapshot()
        let payments = stored.payments
        let refunds = stored.refunds
        await store.close()
        var report = SoakChecker(
            seed: configuration.seed, charges: configuration.charges, payments: payments, refunds: refunds,
            ledger: await simulator.ledger, deliveries: await simulator.deliveries,
            pendingNotifications: await simulator.pendingNotificationNames, book: await book.snapshot
        ).check()
        report.faults = plan.snapshot
        report.faults["crash"] = nil
        report.crashes = crashes
        return report
    }

    /// The processes of the run, each until its crash, then the quiescing of the last one; returns the
    /// last process's store and the number of crashes.
    func runProcesses() async throws -> (store: LocalAutoDebitStore, crashes: Int) {
        var crashes = 0
        let planned = configuration.plannedCrashes
        var random = SoakRandom(seed: configuration.seed, stream: 0xC4A5)
        let base = max(1, configuration.charges / (planned + 2))
        var epoch = 0
        var store: LocalAutoDebitStore
        var coordinator: AutoDebitCoordinator
        while true {
            let gate = SoakCrashGate()
            (store, coordinator) = try startProcess(gate: gate)
            await host.set(coordinator)
            if epoch == 0 {
                for index in 0..<max(1, configuration.users) {
                    try await bind(user(index), coordinator: coordinator)
                }
                plan.setEnabled(true)
            } else {
                _ = try? await coordinator.recover()
            }
            guard await dispatcher.hasWork else { break }
            let crashAt = crashes < planned ? max(1, Int(Double(base) * Double.random(in: 0.5..<1.5, using: &random))) : nil
            await dispatcher.startEpoch(crashAfter: crashAt)
            let serving = coordinator
            // The process runs its coordinator (background resolutions, late binding completions) while it
            // serves, and stops it by cancellation when it stops serving or crashes.
            let crashed = await withTaskGroup(of: Void.self) { process -> Bool in
                process.addTask { try? await serving.run() }
                await serving.untilRunning()
                let crashed = await withTaskGroup(of: Void.self) { group -> Bool in
                    for _ in 0..<max(1, configuration.concurrency) {
                        group.addTask { await self.work(coordinator: serving, gate: gate) }
                    }
                    let crash = await dispatcher.waitForCrashPointOrEnd()
                    if crash {
                        await host.set(nil)
                        gate.crash()
                        await dispatcher.stop()
                        group.cancelAll()
                    }
                    await group.waitForAll()
                    return crash
                }
                process.cancelAll()
                return crashed
            }
            await dispatcher.endEpoch()
            if crashed {
                crashes += 1
                plan.count("crash")
            }
            // The process stops serving before its store closes: Alipay+ waits for the next one.
            await host.set(nil)
            await store.close()
            epoch += 1
        }
        // Quiesce: the outage ends; the last process finishes what is left.
        plan.setEnabled(false)
        for _ in 0..<5 {
            guard let report = try? await coordinator.recover(), !report.unresolved.isEmpty else { break }
        }
        return (store, crashes)
    }

    /// One worker of a process: takes charges until the queue is empty or the process crashes.
    func work(coordinator: AutoDebitCoordinator, gate: SoakCrashGate) async {
        while !Task.isCancelled, let index = await dispatcher.take() {
            do {
                try await charge(index, coordinator: coordinator, gate: gate)
            } catch {
                return  // the process crashed: the charge stays in flight and is started again
            }
            await dispatcher.complete(index)
        }
    }

    // MARK: One charge

    func charge(_ index: Int, coordinator: AutoDebitCoordinator, gate: SoakCrashGate) async throws {
        var random = SoakRandom(seed: configuration.seed, stream: UInt64(index) &+ 1)
        let seed = configuration.seed
        let paymentRequestId = "SOAK\(seed)-\(index)"
        let user = user(index)
        let amount = Amount(currency: "HKD", minorUnits: Int64.random(in: 100...99_999, using: &random))
        let roll = Double.random(in: 0..<1, using: &random)
        let script: PaymentScript
        let scriptKind: String?
        switch roll {
        case ..<0.72: (script, scriptKind) = (.succeed, nil)
        case ..<0.82:
            let code = [ResultCode.userBalanceNotEnough, .riskReject, .userAmountExceedLimit].randomElement(using: &random)!
            (script, scriptKind) = (.fail(code), nil)
        case ..<0.94:
            let final: FinalPaymentOutcome = random.chance(0.8) ? .succeed : .fail(.userBalanceNotEnough)
            (script, scriptKind) = (.unknown(then: final, afterInquiries: Int.random(in: 1...30, using: &random)), "unknownLate")
        default: (script, scriptKind) = (.neverResolves, "unknownNever")
        }
        let expireToken = random.chance(0.03)
        let merchantCancel = random.chance(0.02)
        let refundCount = random.chance(0.25) ? Int.random(in: 1...3, using: &random) : 0

        if await book.firstAttempt(index) {
            await simulator.script(script, forPaymentRequestId: paymentRequestId)
            if let scriptKind { plan.count(scriptKind) }
            if expireToken,
               let binding = try await coordinator.bindings(for: user).last(where: { $0.status == .active })
            {
                await simulator.expireAccessToken(binding.accessToken.revealed)
                plan.count("expiredToken")
            }
        }
        let request = ChargeRequest(merchantUserId: user, amount: amount, referenceOrderId: "ORD\(seed)-\(index)",
                                    orderDescription: "soak charge \(index)", paymentRequestId: paymentRequestId)
        var outcome: ChargeOutcome
        do {
            outcome = try await coordinator.charge(request, waitForFinalOutcome: !merchantCancel)
            if merchantCancel, case .pending = outcome {
                plan.count("merchantCancel")
                outcome = try await coordinator.cancel(paymentRequestId: paymentRequestId)
            }
        } catch {
            try gate.check()
            await book.error(index, "\(error)")
            return
        }
        switch outcome {
        case .needsReauthorization:
            await book.report(index, "needsReauthorization", recordId: nil)
            plan.count("reauthorization")
            try? await bind(user, coordinator: coordinator)
            try gate.check()
            return
        case .pending:
            return
        case .succeeded(let record), .failed(_, let record), .canceled(let record):
            await book.report(index, record.state.rawValue, recordId: record.paymentRequestId)
            guard record.state == .succeeded, refundCount > 0 else { return }
            let total = record.amount.minorUnits ?? 0
            for number in 0..<refundCount {
                let piece = Int64.random(in: 1...max(1, total * 2 / 3), using: &random)
                if !(await simulator.pendingNotificationNames.isEmpty) { plan.count("refundRace") }
                do {
                    _ = try await coordinator.refund(
                        paymentRequestId: record.paymentRequestId, amount: Amount(currency: "HKD", minorUnits: piece),
                        refundRequestId: "SOAKR\(seed)-\(index)-\(number)"
                    )
                } catch {
                    try gate.check()  // over-limit refusals, unsent refunds and replays after a crash are expected
                }
            }
        }
    }
}

/// The process currently serving Alipay+'s notifications (none while "restarting").
actor SoakHost {
    private var coordinator: AutoDebitCoordinator?

    func set(_ coordinator: AutoDebitCoordinator?) { self.coordinator = coordinator }

    /// The serving coordinator, waiting while the process restarts (Alipay+'s connection waits).
    func current() async -> AutoDebitCoordinator {
        while true {
            if let coordinator { return coordinator }
            try? await Task.sleep(for: .milliseconds(1))
        }
    }

    /// The merchant endpoint the simulator posts to.
    nonisolated var handler: AlipayPlusSimulator.MerchantHandler {
        { request in await self.current().handleInbound(request) }
    }
}

/// Hands out charge indices; stops a process at its crash point; starts in-flight charges again.
actor SoakDispatcher {
    private var next = 0
    private let charges: Int
    private var requeued: [Int] = []
    private var inFlight: Set<Int> = []
    private var completed = 0
    private var completedThisEpoch = 0
    private var crashAfter: Int?
    private var stopped = false
    private var waiter: CheckedContinuation<Bool, Never>?

    init(charges: Int) { self.charges = charges }

    var hasWork: Bool { completed < charges }

    func startEpoch(crashAfter: Int?) {
        self.crashAfter = crashAfter
        completedThisEpoch = 0
        stopped = false
    }

    func take() -> Int? {
        guard !stopped else { return nil }
        let index: Int
        if let again = requeued.popLast() {
            index = again
        } else if next < charges {
            index = next
            next += 1
        } else {
            return nil
        }
        inFlight.insert(index)
        return index
    }

    func complete(_ index: Int) {
        guard inFlight.remove(index) != nil else { return }
        completed += 1
        completedThisEpoch += 1
        signal()
    }

    private func signal() {
        guard let waiter else { return }
        if let crashAfter, completedThisEpoch >= crashAfter, completed < charges {
            self.waiter = nil
            waiter.resume(returning: true)
        } else if completed >= charges {
            self.waiter = nil
            waiter.resume(returning: false)
        }
    }

    /// `true` at the crash point, `false` when every charge completed first.
    func waitForCrashPointOrEnd() async -> Bool {
        await withCheckedContinuation { continuation in
            waiter = continuation
            signal()
        }
    }

    func stop() { stopped = true }

    /// Charges a crash interrupted go back to the queue, to be charged again with the same id.
    func endEpoch() {
        requeued.append(contentsOf: inFlight.sorted(by: >))
        inFlight.removeAll()
    }
}

/// What the soak's merchant code was told, per charge.
package actor SoakBook {
    package struct Snapshot: Sendable {
        var reported: [Int: (state: String, recordId: String?)]
        var errors: [Int: String]

        package init(reported: [Int: (state: String, recordId: String?)], errors: [Int: String]) {
            self.reported = reported
            self.errors = errors
        }
    }

    private var reported: [Int: (state: String, recordId: String?)] = [:]
    private var errors: [Int: String] = [:]
    private var started: Set<Int> = []

    func firstAttempt(_ index: Int) -> Bool { started.insert(index).inserted }

    func report(_ index: Int, _ state: String, recordId: String?) {
        reported[index] = (state, recordId)
        errors[index] = nil
    }

    func error(_ index: Int, _ message: String) { errors[index] = message }

    var snapshot: Snapshot { Snapshot(reported: reported, errors: errors) }
}
