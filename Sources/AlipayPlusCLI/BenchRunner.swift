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

    var perSecond: Double { seconds > 0 ? Double(operations) / seconds : 0 }
    /// Operations per CPU second: what the work costs, whatever else the machine is running.
    var perCPUSecond: Double { cpuSeconds > 0 ? Double(operations) / cpuSeconds : 0 }

    static func += (lhs: inout BenchRate, rhs: BenchRate) {
        lhs.operations += rhs.operations
        lhs.seconds += rhs.seconds
        lhs.cpuSeconds += rhs.cpuSeconds
    }
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
    static func interleave(seconds: Double, subject: BenchSlice, baseline: BenchSlice) async throws -> (subject: BenchRate, baseline: BenchRate) {
        /// Runs one slice and adds the process CPU time it used.
        func measured(_ slice: BenchSlice, _ duration: Double) async throws -> BenchRate {
            let cpu = benchProcessCPU()
            var rate = try await slice(duration)
            // A slice that does untimed preparation reports the CPU time of its timed part itself.
            if rate.cpuSeconds == 0 { rate.cpuSeconds = benchProcessCPU() - cpu }
            return rate
        }
        let slice = min(0.25, max(seconds / 2, 0.01))
        var subjectRate = BenchRate()
        var baselineRate = BenchRate()
        // Warm-up: first calls pay for lazy initialisation, caches and allocator growth.
        _ = try await subject(min(0.05, slice))
        _ = try await baseline(min(0.05, slice))
        var round = 0
        while subjectRate.seconds < seconds || baselineRate.seconds < seconds {
            let subjectFirst = round % 2 == 0
            for step in 0..<2 {
                let runSubject = (step == 0) == subjectFirst
                if runSubject, subjectRate.seconds < seconds {
                    subjectRate += try await measured(subject, min(slice, seconds - subjectRate.seconds))
                } else if !runSubject, baselineRate.seconds < seconds {
                    baselineRate += try await measured(baseline, min(slice, seconds - baselineRate.seconds))
                }
            }
            round += 1
        }
        return (subjectRate, baselineRate)
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
