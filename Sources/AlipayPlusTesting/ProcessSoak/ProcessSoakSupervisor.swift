import Foundation

/// Keeps one merchant instance alive through its planned kills: starts the child, kills it with
/// SIGKILL at each moment of the schedule, starts it again on the same folder, and in its last life
/// serves until the run shuts down.
struct ProcessSoakSupervisor: Sendable {
    let instance: Int
    let moments: [ProcessKillSchedule.Moment]
    let executable: String
    let arguments: [String]
    let logPath: String
    let cluster: ProcessSoakCluster
    let kills: ProcessSoakKillCount

    /// Runs the instance's lives; returns once the run shut down and the last child is gone.
    ///
    /// - Throws: ``ProcessSoakError`` `childFailed` when a child cannot start or ends before it serves.
    func run() async throws {
        var openingDuration = Duration.milliseconds(5)
        for moment in moments + [nil] {
            let child = try MerchantProcess(executable: executable, arguments: arguments, logPath: logPath)
            do {
                try await live(child, until: moment, openingDuration: openingDuration)
            } catch {
                await cluster.markDown(instance)
                child.kill()
                await child.waitForExit()
                await cluster.shutDown()  // the driver's calls stop waiting for this instance
                throw error
            }
            await cluster.markDown(instance)
            child.kill()
            await child.waitForExit()
            if let measured = child.openingDuration { openingDuration = max(measured, .microseconds(200)) }
            if let moment {
                // Counted by where the kill landed: before the store was open, or in the life's moment.
                kills.add(child.wrote(line: "open") ? (moment.phase == "opening" ? "recovering" : moment.phase) : "opening")
            }
            if moment != nil, await cluster.shuttingDown { return }
        }
    }

    /// One life of the child, until its kill moment (or the shutdown, in the last life).
    private func live(_ child: MerchantProcess, until moment: ProcessKillSchedule.Moment?, openingDuration: Duration) async throws {
        if case .whileOpening(let fraction)? = moment {
            guard await child.waitForLine(startingWith: "opening") != nil else { throw died(before: "opening") }
            try? await Task.sleep(for: openingDuration * fraction)
            return
        }
        guard let ready = await child.waitForLine(startingWith: "ready port="), let port = Int(ready.dropFirst("ready port=".count)) else {
            throw died(before: "ready port=<P>")
        }
        await cluster.markUp(instance, url: URL(string: "http://127.0.0.1:\(port)")!)
        // The child's output ends only when it dies: if that comes first, it died by itself (a crash
        // of the merchant side is a finding, not a planned kill) and the run stops instead of waiting.
        let diedByItself = await withTaskGroup(of: Bool.self) { group -> Bool in
            group.addTask {
                while await child.nextLine() != nil {}
                guard !child.wasKilled else { return false }
                await cluster.shutDown()  // wakes the wait below and every call of the driver
                return true
            }
            switch moment {
            case .whileRecovering(let delay)?:
                try? await Task.sleep(for: .microseconds(delay))
            case .whileServing(let count)?:
                await cluster.waitForCompletions(on: instance, count: count)
            case .whileOpening?, nil:
                await cluster.settle(instance)
                await cluster.waitForShutdown()
            }
            child.kill()  // the planned kill (or the shutdown's): ends the output watch
            return await group.next() ?? false
        }
        if diedByItself { throw died(while: "serving") }
    }

    private func died(while phase: String) -> ProcessSoakError {
        .childFailed("merchant instance \(instance) (\(executable)) died by itself while \(phase); its standard error is in \(logPath)")
    }

    private func died(before line: String) -> ProcessSoakError {
        .childFailed("merchant instance \(instance) (\(executable)) ended before writing '\(line)'; its standard error is in \(logPath)")
    }
}

/// SIGKILLs delivered, by phase.
final class ProcessSoakKillCount: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]

    func add(_ phase: String) { lock.withLock { counts[phase, default: 0] += 1 } }
    var snapshot: [String: Int] { lock.withLock { counts } }
}
