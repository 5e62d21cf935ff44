import Foundation

/// The bench's figures, their ratios and targets, as a table or JSON.
struct BenchReport {
    static let postgresTarget = 0.5
    static let twoCoordinatorTarget = 0.9
    static let roundTripTarget = 8.0

    let concurrency: Int
    let seconds: Double
    let rounds: Int
    let memory: Double
    let postgres: Double
    let postgresTwo: Double
    let roundTripsPerCharge: Double
    let failedCharges: Int
    /// `SELECT 1` per second through one client at the same concurrency: the round trip's floor.
    let selectOnePerSecond: Double
    let cores: Int
    /// This process's CPU microseconds per charge with the in-memory store and through Postgres (one
    /// coordinator): the merchant side's cost, the database server's not counted.
    let memoryProcessMicroseconds: Double
    let postgresProcessMicroseconds: Double

    var postgresRatio: Double { memory > 0 ? postgres / memory : 0 }
    var twoCoordinatorRatio: Double { postgres > 0 ? postgresTwo / postgres : 0 }
    /// Machine microseconds (all cores) one charge takes with the in-memory store, and one charge
    /// takes beyond that through the Postgres store, and one `SELECT 1` round trip takes.
    var memoryMicrosecondsPerCharge: Double { memory > 0 ? Double(cores) * 1e6 / memory : 0 }
    var postgresExtraMicrosecondsPerCharge: Double { postgres > 0 ? Double(cores) * 1e6 / postgres - memoryMicrosecondsPerCharge : 0 }
    var selectOneMicroseconds: Double { selectOnePerSecond > 0 ? Double(cores) * 1e6 / selectOnePerSecond : 0 }
    /// The in-memory store's process CPU per charge over the Postgres store's: the throughput ratio a
    /// CPU-bound merchant process would see with the database on a host of its own (not a target).
    var processCPURatio: Double { postgresProcessMicroseconds > 0 ? memoryProcessMicroseconds / postgresProcessMicroseconds : 0 }

    var meetsTargets: Bool {
        postgresRatio >= Self.postgresTarget && twoCoordinatorRatio >= Self.twoCoordinatorTarget
            && roundTripsPerCharge <= Self.roundTripTarget && failedCharges == 0
    }

    private func number(_ value: Double, _ places: Int) -> String { String(format: "%.\(places)f", value) }
    private func verdict(_ ok: Bool) -> String { ok ? "ok" : "BELOW TARGET" }

    var table: String {
        """
        alipayplus-postgres-bench: \(concurrency) concurrent charges, \(rounds) round(s) of \(number(seconds, 1)) s per row, interleaved
        row                          charges/s   ratio    target
        memory (LocalAutoDebitStore) \(number(memory, 1).padding(10))  -        -
        postgres (one coordinator)   \(number(postgres, 1).padding(10))  \(number(postgresRatio, 3).padding(7))  >= \(Self.postgresTarget) of memory: \(verdict(postgresRatio >= Self.postgresTarget))
        postgres (two coordinators)  \(number(postgresTwo, 1).padding(10))  \(number(twoCoordinatorRatio, 3).padding(7))  >= \(Self.twoCoordinatorTarget) of one: \(verdict(twoCoordinatorRatio >= Self.twoCoordinatorTarget))
        round trips per charge       \(number(roundTripsPerCharge, 2).padding(10))  -        <= \(Self.roundTripTarget): \(verdict(roundTripsPerCharge <= Self.roundTripTarget))
        failed charges               \(failedCharges)
        select 1 (the client's floor) \(number(selectOnePerSecond, 0)) statements/s: \(number(selectOneMicroseconds, 0)) µs of the machine's \(cores) cores each
        per charge: \(number(memoryMicrosecondsPerCharge, 0)) µs in memory, \(number(postgresExtraMicrosecondsPerCharge, 0)) µs more through Postgres (\(number(roundTripsPerCharge > 0 ? postgresExtraMicrosecondsPerCharge / roundTripsPerCharge : 0, 0)) µs per round trip)
        this process's CPU per charge (the server's not counted): \(number(memoryProcessMicroseconds, 0)) µs in memory, \(number(postgresProcessMicroseconds, 0)) µs through Postgres, ratio \(number(processCPURatio, 3)) (the ratio with the database on its own host)
        """
    }

    var json: String {
        """
        {
          "concurrency": \(concurrency), "seconds_per_row": \(number(seconds, 1)), "rounds": \(rounds),
          "memory_charges_per_s": \(number(memory, 1)),
          "postgres_charges_per_s": \(number(postgres, 1)), "postgres_ratio": \(number(postgresRatio, 3)), "postgres_target": \(Self.postgresTarget),
          "postgres_two_coordinators_charges_per_s": \(number(postgresTwo, 1)), "two_coordinator_ratio": \(number(twoCoordinatorRatio, 3)), "two_coordinator_target": \(Self.twoCoordinatorTarget),
          "round_trips_per_charge": \(number(roundTripsPerCharge, 2)), "round_trip_target": \(Self.roundTripTarget),
          "select_one_per_s": \(number(selectOnePerSecond, 0)), "select_one_machine_us": \(number(selectOneMicroseconds, 1)),
          "memory_machine_us_per_charge": \(number(memoryMicrosecondsPerCharge, 1)),
          "postgres_extra_machine_us_per_charge": \(number(postgresExtraMicrosecondsPerCharge, 1)),
          "memory_process_cpu_us_per_charge": \(number(memoryProcessMicroseconds, 1)),
          "postgres_process_cpu_us_per_charge": \(number(postgresProcessMicroseconds, 1)), "process_cpu_ratio": \(number(processCPURatio, 3)),
          "failed_charges": \(failedCharges), "meets_targets": \(meetsTargets)
        }
        """
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
