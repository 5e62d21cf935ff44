import AlipayPlus
import AlipayPlusPostgres
import AlipayPlusTesting
import Foundation
import Logging
import PostgresNIO

// alipayplus-postgres-bench: charges per second through the PostgreSQL store against the in-memory
// LocalAutoDebitStore at 16 concurrent charges, one against two coordinators on one database, and the
// database round trips per successful charge (counted by the store's PostgresRoundTripCounter), and the
// client's floor: `SELECT 1` statements per second through the same pool (what no statement beats), and
// this process's CPU per charge in memory and through Postgres (the database server's not counted).
//
//   .ci/with-postgres.sh swift run -c release --package-path Integrations/Postgres alipayplus-postgres-bench [--json]
//       [--seconds 3] [--rounds 2] [--concurrency 16] [--connections N] [--database-url postgres://…]
//   --connections: each coordinator's pool size (default: the concurrency).

struct BenchOptions {
    var json = false
    var seconds = 3.0
    var rounds = 2
    var concurrency = 16
    var connections: Int?
    var databaseURL = ProcessInfo.processInfo.environment["ALIPAYPLUS_TEST_DATABASE_URL"] ?? ProcessInfo.processInfo.environment["DATABASE_URL"]

    init(arguments: [String]) throws {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            func value() throws -> String {
                guard let next = rest.popFirst() else { throw BenchFailure("\(argument) needs a value") }
                return next
            }
            switch argument {
            case "--json": json = true
            case "--seconds": seconds = Double(try value()) ?? seconds
            case "--rounds": rounds = max(1, Int(try value()) ?? rounds)
            case "--concurrency": concurrency = max(1, Int(try value()) ?? concurrency)
            case "--connections": connections = max(1, Int(try value()) ?? concurrency)
            case "--database-url": databaseURL = try value()
            default: throw BenchFailure("unknown argument \(argument); use --json, --seconds S, --rounds N, --concurrency N, --connections N, --database-url URL")
            }
        }
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func runBench() async throws -> Int32 {
    let options = try BenchOptions(arguments: Array(CommandLine.arguments.dropFirst()))
    guard let url = options.databaseURL else {
        throw BenchFailure("no database: pass --database-url or run under .ci/with-postgres.sh (ALIPAYPLUS_TEST_DATABASE_URL)")
    }
    var logger = Logger(label: "alipayplus.postgres.bench")
    logger.logLevel = .error
    let configuration = try PostgresAutoDebitStore.clientConfiguration(databaseURL: url, maximumConnections: options.connections ?? options.concurrency)
    // Two clients: one pool per "instance", as two merchant server processes would have.
    let clientOne = PostgresClient(configuration: configuration, backgroundLogger: logger)
    let clientTwo = PostgresClient(configuration: configuration, backgroundLogger: logger)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { await clientOne.run() }
        group.addTask { await clientTwo.run() }
        defer { group.cancelAll() }

        let schema = "bench_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        let roundTrips = PostgresRoundTripCounter()
        let migrator = try PostgresAutoDebitStore(client: clientOne, keyRing: TestKeys.tokenKeyRing, schema: schema, logger: logger)
        try await migrator.migrate()
        let pgOne = try await PostgresAutoDebitStore.open(client: clientOne, keyRing: TestKeys.tokenKeyRing, schema: schema,
                                                          logger: logger, roundTrips: roundTrips)
        let pgTwo = try await PostgresAutoDebitStore.open(client: clientTwo, keyRing: TestKeys.tokenKeyRing, schema: schema,
                                                          logger: logger, roundTrips: roundTrips)

        let setup = try BenchSetup()
        let memory = try setup.coordinator(store: LocalAutoDebitStore(), instanceId: "memory")
        let postgresOne = try setup.coordinator(store: pgOne, instanceId: "instance-1")
        let postgresTwo = try setup.coordinator(store: pgTwo, instanceId: "instance-2")
        try await setup.bind(with: memory)
        try await setup.bind(with: postgresOne)

        let loads = [
            ChargeLoad(name: "memory", coordinators: [memory], orderPrefix: "MEM"),
            ChargeLoad(name: "postgres", coordinators: [postgresOne], orderPrefix: "PG1"),
            ChargeLoad(name: "postgres_two_coordinators", coordinators: [postgresOne, postgresTwo], orderPrefix: "PG2"),
        ]
        // Warm-up (connections opened, code paged in), not measured.
        for load in loads { _ = try await load.run(concurrency: options.concurrency, seconds: 0.5, round: 0) }

        var results = Array(repeating: ChargeLoad.Result(), count: loads.count)
        var trips = 0
        var tripCharges = 0
        for round in 1...options.rounds {
            for (index, load) in loads.enumerated() {
                roundTrips.reset()
                let result = try await load.run(concurrency: options.concurrency, seconds: options.seconds, round: round)
                if load.name == "postgres" {
                    trips += roundTrips.value
                    tripCharges += result.succeeded
                }
                results[index].add(result)
            }
        }
        let floor = StatementFloor(client: clientOne, logger: logger)
        _ = try await floor.run(concurrency: options.concurrency, seconds: 0.5)
        var floorRates: [Double] = []
        for _ in 1...options.rounds { floorRates.append(try await floor.run(concurrency: options.concurrency, seconds: options.seconds)) }
        let failed = results.reduce(0) { $0 + $1.failed }
        let memoryRate = results[0].perSecond, oneRate = results[1].perSecond, twoRate = results[2].perSecond
        let report = BenchReport(
            concurrency: options.concurrency, seconds: options.seconds, rounds: options.rounds,
            memory: memoryRate, postgres: oneRate, postgresTwo: twoRate,
            roundTripsPerCharge: tripCharges > 0 ? Double(trips) / Double(tripCharges) : 0, failedCharges: failed,
            selectOnePerSecond: floorRates.reduce(0, +) / Double(floorRates.count), cores: ProcessInfo.processInfo.activeProcessorCount,
            memoryProcessMicroseconds: results[0].cpuMicrosecondsPerCharge, postgresProcessMicroseconds: results[1].cpuMicrosecondsPerCharge)
        print(options.json ? report.json : report.table)
        return report.meetsTargets ? 0 : 1
    }
}

do {
    exit(try await runBench())
} catch {
    FileHandle.standardError.write(Data("alipayplus-postgres-bench: \(error)\n".utf8))
    exit(2)
}
