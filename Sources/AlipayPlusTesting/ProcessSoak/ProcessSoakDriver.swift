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
        let simulatorConfiguration = try AlipayPlusSimulator.Configuration(
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
        let pump = SoakNotificationPump(simulator: simulator, plan: plan, seed: configuration.seed,
                                        handler: client.deliver, pauseMilliseconds: 2...10)
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
    private func drive(pump: SoakNotificationPump) async throws -> SoakReport {
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
