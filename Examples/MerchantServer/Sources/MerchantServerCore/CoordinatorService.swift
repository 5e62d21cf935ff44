import AlipayPlus
import ServiceLifecycle

/// The coordinator's background work (recovery loop, background resolutions, late binding
/// completions) as a service of the application: it runs while the server runs and stops with it.
struct CoordinatorService: Service {
    let coordinator: AutoDebitCoordinator

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            try await coordinator.run()
        }
    }
}
