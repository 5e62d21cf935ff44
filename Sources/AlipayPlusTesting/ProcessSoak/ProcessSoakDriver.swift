import AlipayPlus
import AlipayPlusModels
import AlipayPlusTransport
import Foundation

/// The process-kill soak: the sandbox (``AlipayPlusSimulator`` behind a loopback HTTP server) in
/// this process, the merchant side in child processes (``ProcessSoakMerchant``) killed with SIGKILL
/// at moments drawn from the seed and started again on the same folder; at the end the children
/// recover and the sandbox's ledger judges their stored records and what the driver was told, with
/// the in-process soak's checks.
package final class ProcessSoakDriver: Sendable {
    /// The configuration the soak runs with.
    package let configuration: ProcessSoakConfiguration

    package init(configuration: ProcessSoakConfiguration) {
        self.configuration = configuration
    }

    /// Runs the soak; violations are in the report, not errors.
    ///
    /// - Throws: ``ProcessSoakError`` when the soak itself cannot run (a child cannot start, or
    ///   `instances > 1` with the journal child); ``LoopbackServerError`` when the sandbox cannot listen.
    package func run() async throws -> ProcessSoakReport {
        let started = Date()
        let directory = configuration.directory
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("alipayplus-process-soak-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let run = try await ProcessSoakRun(configuration: configuration, directory: directory)
        var report = try await run.execute()
        report.soak.duration = Date().timeIntervalSince(started)
        if report.passed, configuration.directory == nil { try? FileManager.default.removeItem(at: directory) }
        return report
    }
}

/// One process soak's world: the sandbox, the children's supervisors, the driver's charges.
final class ProcessSoakRun: Sendable {
    let configuration: ProcessSoakConfiguration
    let directory: URL
    let simulator: AlipayPlusSimulator
    let sandbox: LoopbackHTTPServer
    let plan: SoakFaultPlan
    let cluster: ProcessSoakCluster
    let client: ProcessSoakClient
    let book = SoakBook()
    let kills = ProcessSoakKillCount()
    let queue: ProcessSoakQueue

    init(configuration: ProcessSoakConfiguration, directory: URL) async throws {
        self.configuration = configuration
        self.directory = directory
        let simulatorConfiguration = try SimulatorConfiguration(
            merchantClientId: TestKeys.merchantClientId, merchantPublicKey: TestKeys.merchantPublicKey,
            alipayPlusPrivateKey: TestKeys.alipayPlusPrivateKey, clock: SystemClock(),
            accessTokenLifetime: .seconds(2 * 3600), maxNotificationAttempts: 1_500,
            notificationRetryInterval: .milliseconds(20)
        )
        let simulator = AlipayPlusSimulator(configuration: simulatorConfiguration, seed: configuration.seed)
        self.simulator = simulator
        // A fault the simulator throws (connection failure, lost response) drops the connection unanswered.
        sandbox = try LoopbackHTTPServer(port: 0) { request in
            try? await simulator.send(HTTPRequest(method: request.method, url: AlipayPlusSimulator.baseURL.appendingPathComponent(request.path),
                                             headers: request.headers, body: request.body))
        }
        plan = SoakFaultPlan(seed: configuration.seed, rate: configuration.faultRate)
        cluster = ProcessSoakCluster(instances: max(1, configuration.instances))
        client = ProcessSoakClient(cluster: cluster)
        queue = ProcessSoakQueue(charges: configuration.charges)
        await plan.install(in: simulator)
    }

    func user(_ index: Int) -> String { "soak-user-\(index % max(1, configuration.users))" }

    func supervisors() -> [ProcessSoakSupervisor] {
        let schedule = ProcessKillSchedule(
            seed: configuration.seed, kills: configuration.plannedKills, charges: configuration.charges,
            instances: configuration.instances
        )
        return (0..<max(1, configuration.instances)).map { instance in
            let store = directory.appendingPathComponent("instance-\(instance)", isDirectory: true)
            return ProcessSoakSupervisor(
                instance: instance, moments: schedule.moments[instance], executable: configuration.merchantExecutable,
                arguments: configuration.merchantArguments + [
                    "--store", store.path, "--sandbox", sandbox.baseURL.absoluteString, "--port", "0",
                    "--instance-id", "soak-instance-\(instance)",
                ],
                logPath: directory.appendingPathComponent("instance-\(instance).log").path, cluster: cluster, kills: kills
            )
        }
    }

    // MARK: The run

    func execute() async throws -> ProcessSoakReport {
        let pump = ProcessSoakNotificationPump(run: self)
        let supervisors = supervisors()
        let report = try await withThrowingTaskGroup(of: Void.self) { services in
            services.addTask { await self.sandbox.run() }
            services.addTask { await pump.loop() }
            let report = try await withThrowingTaskGroup(of: Void.self) { lives in
                for supervisor in supervisors {
                    lives.addTask { try await supervisor.run() }
                }
                let report: SoakReport
                do {
                    report = try await drive(pump: pump)
                } catch {
                    await cluster.shutDown()
                    throw error
                }
                await cluster.shutDown()
                try await lives.waitForAll()
                return report
            }
            services.cancelAll()
            return report
        }
        return ProcessSoakReport(soak: report, instances: max(1, configuration.instances), kills: kills.snapshot)
    }

    /// Binds the users, runs every charge through the children while they are killed, then lets them
    /// recover and judges.
    private func drive(pump: ProcessSoakNotificationPump) async throws -> SoakReport {
        for index in 0..<max(1, configuration.users) {
            await bind(user(index))
        }
        plan.setEnabled(true)
        await withDiscardingTaskGroup { workers in
            for _ in 0..<max(1, configuration.concurrency) {
                workers.addTask {
                    while let index = await self.queue.take() { await self.charge(index) }
                }
            }
        }
        await cluster.workDone()
        await cluster.waitUntilSettled()
        // A child that died by itself shut the run down: its supervisor's error is what the run throws.
        guard !(await cluster.shuttingDown) else { return SoakReport(
            charges: configuration.charges, seed: configuration.seed, faults: [:], crashes: 0, outcomes: [:], refunds: 0,
            notifications: 0, duration: 0, violations: ["the run was shut down before it could be judged"]) }
        // Quiesce: the faults end, every child recovers, every notification is delivered.
        plan.setEnabled(false)
        await pump.stop()
        for _ in 0..<20 {
            var unresolved = 0
            for instance in 0..<max(1, configuration.instances) {
                if case .value(let recovered)? = await client.call("recover", EmptyBody(), as: ProcessSoakWire.Recovered.self, on: instance) {
                    unresolved += recovered.unresolved
                } else {
                    unresolved += 1
                }
            }
            for _ in 0..<20 where !(await simulator.pendingNotificationNames.isEmpty) {
                await simulator.deliverNotifications(to: client.deliver)
            }
            if unresolved == 0, await simulator.pendingNotificationNames.isEmpty { break }
        }
        return await judge()
    }

    private func judge() async -> SoakReport {
        let roots = (0..<configuration.charges).map { "SOAK\(configuration.seed)-\($0)" }
        var payments: [PaymentRecord] = []
        var refunds: [RefundRecord] = []
        var problems: [String] = []
        for batch in stride(from: 0, to: roots.count, by: 500).map({ Array(roots[$0..<min($0 + 500, roots.count)]) }) {
            switch await client.call("records", ProcessSoakWire.RecordQuery(paymentRequestIds: batch), as: ProcessSoakWire.Records.self) {
            case .value(let records)?:
                payments += records.payments
                refunds += records.refunds
            case .refused(let reason)?:
                problems.append("the records could not be read: \(reason)")
            case nil:
                problems.append("the records could not be read: the run shut down")
            }
        }
        var report = SoakChecker(
            seed: configuration.seed, charges: configuration.charges, payments: payments, refunds: refunds,
            ledger: await simulator.ledger, deliveries: await simulator.deliveries,
            pendingNotifications: await simulator.pendingNotificationNames, book: await book.snapshot
        ).check()
        report.violations = problems + report.violations
        report.faults = plan.snapshot
        report.crashes = kills.snapshot.values.reduce(0, +)
        return report
    }

    // MARK: Commands

    /// Binds `user`: begin on a child, approve in the sandbox's wallet, complete on a child; again
    /// from the start when a step dies with its child.
    func bind(_ user: String) async {
        for _ in 0..<20 {
            guard case .value(let page)? = await client.call("bind/begin", ProcessSoakWire.BeginBinding(user: user),
                                                             as: ProcessSoakWire.BindingPage.self),
                  let redirect = try? await simulator.approve(walletPageURL: page.walletPageURL)
            else { continue }
            if case .value? = await client.call("bind/complete", ProcessSoakWire.CompleteBinding(redirectURL: redirect),
                                                as: ProcessSoakWire.Bound.self) {
                return
            }
        }
    }

    /// One charge as a merchant's code makes it, with the in-process soak's mix of scripts, merchant
    /// cancels, refunds and unbinds; a call that dies with its child is made again, same id and body.
    func charge(_ index: Int) async {
        var random = SoakRandom(seed: configuration.seed, stream: UInt64(index) &+ 1)
        let seed = configuration.seed
        let paymentRequestId = "SOAK\(seed)-\(index)"
        let user = user(index)
        let minorUnits = Int64.random(in: 100...99_999, using: &random)
        let script: PaymentScript
        switch Double.random(in: 0..<1, using: &random) {
        case ..<0.72: script = .succeed
        case ..<0.82: script = .fail([ResultCode.userBalanceNotEnough, .riskReject, .userAmountExceedLimit].randomElement(using: &random)!)
        case ..<0.94:
            let final: FinalPaymentOutcome = random.chance(0.8) ? .succeed : .fail(.userBalanceNotEnough)
            script = .unknown(then: final, afterInquiries: Int.random(in: 1...30, using: &random))
            plan.count("unknownLate")
        default:
            script = .neverResolves
            plan.count("unknownNever")
        }
        let merchantCancel = random.chance(0.03)
        let refundCount = random.chance(0.25) ? Int.random(in: 1...3, using: &random) : 0
        let unbindAfter = random.chance(0.01)
        await simulator.script(script, forPaymentRequestId: paymentRequestId)
        let body = ProcessSoakWire.Charge(user: user, paymentRequestId: paymentRequestId, referenceOrderId: "ORD\(seed)-\(index)",
                                          minorUnits: minorUnits, waitForFinalOutcome: !merchantCancel)
        var answer = await client.call("charge", body, as: ProcessSoakWire.Outcome.self)
        if merchantCancel, case .value(let outcome)? = answer, outcome.outcome == "pending" {
            plan.count("merchantCancel")
            answer = await client.call("cancel", ProcessSoakWire.Cancel(paymentRequestId: paymentRequestId), as: ProcessSoakWire.Outcome.self)
        }
        switch answer {
        case nil:
            return
        case .refused(let reason)?:
            await book.error(index, reason)
        case .value(let outcome)?:
            switch outcome.outcome {
            case "needsReauthorization":
                await book.report(index, "needsReauthorization", recordId: nil)
                plan.count("reauthorization")
                await bind(user)
            case "pending":
                break  // recovery finishes it; the checker reads its final state from the store
            default:
                await book.report(index, outcome.outcome, recordId: outcome.paymentRequestId)
                guard outcome.outcome == "succeeded", let recordId = outcome.paymentRequestId else { break }
                for number in 0..<refundCount {
                    let piece = Int64.random(in: 1...max(1, minorUnits * 2 / 3), using: &random)
                    _ = await client.call("refund", ProcessSoakWire.Refund(paymentRequestId: recordId, refundRequestId: "SOAKR\(seed)-\(index)-\(number)",
                                                                             minorUnits: piece), as: ProcessSoakWire.RefundAnswer.self)
                }
            }
        }
        if unbindAfter {
            plan.count("unbind")
            _ = await client.call("unbind", ProcessSoakWire.Unbind(user: user), as: ProcessSoakWire.Unbound.self)
            await bind(user)
        }
    }
}

/// A command without a body.
struct EmptyBody: Codable {}

/// Hands out charge indices to the driver's workers.
actor ProcessSoakQueue {
    private var next = 0
    private let charges: Int

    init(charges: Int) { self.charges = charges }

    func take() -> Int? {
        guard next < charges else { return nil }
        defer { next += 1 }
        return next
    }
}

/// Delivers the sandbox's notifications to the children late, duplicated and reordered.
actor ProcessSoakNotificationPump {
    private let run: ProcessSoakRun
    private var stopped = false
    private var random: SoakRandom

    init(run: ProcessSoakRun) {
        self.run = run
        random = SoakRandom(seed: run.configuration.seed, stream: 0x2071F)
    }

    func stop() { stopped = true }

    func loop() async {
        let simulator = run.simulator
        while !stopped, !Task.isCancelled {
            let pending = await simulator.pendingNotificationNames.count
            if pending > 0 {
                if random.chance(0.2) {
                    run.plan.count("delayedNotification", by: pending)
                } else {
                    if random.chance(0.4) {
                        let copies = Int.random(in: 1...min(3, pending), using: &random)
                        for _ in 0..<copies { await simulator.duplicateNextNotification() }
                        run.plan.count("duplicateNotification", by: copies)
                    }
                    if pending > 1, random.chance(0.4) {
                        await simulator.shuffleNotifications(seed: random.next())
                        run.plan.count("reorderedNotifications")
                    }
                    await simulator.deliverNotifications(to: run.client.deliver)
                }
            }
            try? await Task.sleep(for: .milliseconds(Int.random(in: 2...10, using: &random)))
        }
    }
}
