import AlipayPlus
import Foundation

extension FlowFixture {
    /// Runs `body` while the coordinator's ``AutoDebitCoordinator/run()`` runs, then shuts it down by
    /// cancellation and returns only when `run()` has returned (no task outlives the test).
    func whileRunning<T>(_ body: () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            let coordinator = self.coordinator
            group.addTask { try await coordinator.run() }
            await coordinator.untilRunning()
            let result: T
            do {
                result = try await body()
            } catch {
                group.cancelAll()
                throw error
            }
            group.cancelAll()
            try await group.waitForAll()
            return result
        }
    }
}
