public import AlipayPlus
public import ServiceLifecycle

/// The coordinator's background work as a swift-service-lifecycle `Service`.
///
/// Add it to the `ServiceGroup` that runs your server, so that the recovery loop, the background
/// resolutions of charges made with `waitForFinalOutcome: false` and the late binding completions
/// run while the process runs and stop with it:
///
/// ```swift
/// let group = ServiceGroup(configuration: .init(
///     services: [AutoDebitCoordinatorService(coordinator), server],
///     gracefulShutdownSignals: [.sigterm],
///     logger: logger
/// ))
/// try await group.run()
/// ```
///
/// A graceful shutdown (SIGTERM, or the group's `triggerGracefulShutdown()`) and a cancellation do the
/// same thing: they cancel ``AutoDebitCoordinator/run()``, which stops taking jobs, cancels the jobs
/// in flight and returns once every one of them has ended, so no task is left behind. Work that did
/// not finish is handed back, never lost: an interrupted resolution leaves its payment unfinished in
/// the store for the next `recover()`, and jobs still queued wait for the next `run()`.
///
/// List it before the HTTP server in `services`: a group shuts its services down in reverse order,
/// so the server stops taking notifications first and the coordinator's work stops last.
public struct AutoDebitCoordinatorService: Service {
    /// The coordinator whose background work this service runs.
    public let coordinator: AutoDebitCoordinator

    /// Creates the service for `coordinator`; run one per coordinator.
    public init(_ coordinator: AutoDebitCoordinator) {
        self.coordinator = coordinator
    }

    /// Runs ``AutoDebitCoordinator/run()`` until the group shuts down gracefully or is cancelled.
    ///
    /// Returns once the coordinator's in-flight work has ended.
    ///
    /// - Throws: ``AutoDebitError/Code-swift.struct/alreadyRunning`` (from the coordinator) when another
    ///   `run()` of the same coordinator has not returned yet; nothing else.
    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            try await coordinator.run()
        }
    }
}
