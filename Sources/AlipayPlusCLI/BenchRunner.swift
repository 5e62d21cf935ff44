import AlipayPlus
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Monotonic seconds, cheap enough to read once per operation.
func benchNow() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// CPU seconds used by the whole process so far (all threads).
func benchProcessCPU() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// Operations counted over measured wall seconds, with the process CPU seconds they used.
struct BenchRate {
    var operations = 0
    var seconds = 0.0
    var cpuSeconds = 0.0
    /// Journal fsyncs counted during the operations (only where a slice counts them).
    var fsyncs = 0

    var perSecond: Double { seconds > 0 ? Double(operations) / seconds : 0 }
    /// Operations per CPU second: what the work costs, whatever else the machine is running.
    var perCPUSecond: Double { cpuSeconds > 0 ? Double(operations) / cpuSeconds : 0 }

    static func += (lhs: inout BenchRate, rhs: BenchRate) {
        lhs.operations += rhs.operations
        lhs.seconds += rhs.seconds
        lhs.cpuSeconds += rhs.cpuSeconds
        lhs.fsyncs += rhs.fsyncs
    }

    /// Fsyncs per operation.
    var fsyncsPerOperation: Double { operations > 0 ? Double(fsyncs) / Double(operations) : 0 }
}

/// Runs a workload for about `seconds` and reports what it did; only the time it measured counts.
typealias BenchSlice = @Sendable (_ seconds: Double) async throws -> BenchRate

enum BenchRunner {
    /// Repeats `operation` until `seconds` have passed (checked after every operation).
    static func loop(_ operation: @escaping @Sendable () async throws -> Void) -> BenchSlice {
        { seconds in
            let start = benchNow()
            let end = start + seconds
            var count = 0
            var now = start
            repeat {
                try await operation()
                count += 1
                now = benchNow()
            } while now < end
            return BenchRate(operations: count, seconds: now - start)
        }
    }

    /// Repeats a synchronous `operation` until `seconds` have passed.
    static func syncLoop(_ operation: @escaping @Sendable () throws -> Void) -> BenchSlice {
        { seconds in
            let start = benchNow()
            let end = start + seconds
            var count = 0
            var now = start
            repeat {
                try operation()
                count += 1
                now = benchNow()
            } while now < end
            return BenchRate(operations: count, seconds: now - start)
        }
    }

    /// Runs `tasks` copies of `operation` at once, each until `seconds` have passed; the rate is the
    /// total operations over the wall time of the slice.
    static func parallel(tasks: Int, _ operation: @escaping @Sendable () async throws -> Void) -> BenchSlice {
        { seconds in
            let start = benchNow()
            let end = start + seconds
            let total = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<tasks {
                    group.addTask {
                        var count = 0
                        repeat {
                            try await operation()
                            count += 1
                        } while benchNow() < end
                        return count
                    }
                }
                return try await group.reduce(0, +)
            }
            return BenchRate(operations: total, seconds: benchNow() - start)
        }
    }

    /// Measures `subject` and `baseline` for `seconds` each, alternating slices of at most 0.25 s
    /// (in ABBA order) so that machine noise hits both alike.
    static func interleave(seconds: Double, subject: @escaping BenchSlice, baseline: @escaping BenchSlice) async throws -> (subject: BenchRate, baseline: BenchRate) {
        let rates = try await interleave(seconds: seconds, [subject, baseline])
        return (rates[0], rates[1])
    }

    /// Measures `subject`, `baseline` and `limit` for `seconds` each, interleaved like the pair.
    static func interleave(seconds: Double, subject: @escaping BenchSlice, baseline: @escaping BenchSlice, limit: @escaping BenchSlice) async throws
        -> (subject: BenchRate, baseline: BenchRate, limit: BenchRate) {
        let rates = try await interleave(seconds: seconds, [subject, baseline, limit])
        return (rates[0], rates[1], rates[2])
    }

    /// Measures every slice for `seconds`, in slices of at most 0.25 s, the order reversed every round
    /// (ABC CBA ...) so that machine noise hits all alike.
    static func interleave(seconds: Double, _ slices: [BenchSlice]) async throws -> [BenchRate] {
        /// Runs one slice and adds the process CPU time it used.
        func measured(_ slice: BenchSlice, _ duration: Double) async throws -> BenchRate {
            let cpu = benchProcessCPU()
            var rate = try await slice(duration)
            // A slice that does untimed preparation reports the CPU time of its timed part itself.
            if rate.cpuSeconds == 0 { rate.cpuSeconds = benchProcessCPU() - cpu }
            return rate
        }
        let slice = min(0.25, max(seconds / 2, 0.01))
        var rates = [BenchRate](repeating: BenchRate(), count: slices.count)
        // Warm-up: first calls pay for lazy initialisation, caches and allocator growth.
        for each in slices { _ = try await each(min(0.05, slice)) }
        var round = 0
        while rates.contains(where: { $0.seconds < seconds }) {
            let order = round % 2 == 0 ? Array(slices.indices) : slices.indices.reversed()
            for index in order where rates[index].seconds < seconds {
                rates[index] += try await measured(slices[index], min(slice, seconds - rates[index].seconds))
            }
            round += 1
        }
        return rates
    }

    /// `slice`, also counting the journal's fsyncs during it (exact for a slice measured alone: the
    /// other slices of a row never write a journal).
    static func countingFsyncs(_ slice: @escaping BenchSlice) -> BenchSlice {
        { seconds in
            let before = JournalFsyncCount.current
            var rate = try await slice(seconds)
            rate.fsyncs += JournalFsyncCount.current - before
            return rate
        }
    }

    /// Peak resident memory of this process so far (VmHWM), in MB; `nil` where /proc is missing.
    static func peakResidentMegabytes() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.split(separator: " ").dropFirst().first { Int($0) != nil }
            if let digits, let kilobytes = Double(digits) { return kilobytes / 1024 }
        }
        return nil
    }
}
