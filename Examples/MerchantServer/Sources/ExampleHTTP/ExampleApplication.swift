import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The start-up pieces the merchant server and the sandbox share.
public enum ExampleApplication {
    /// A Hummingbird application serving `router` on `host`:`port`.
    ///
    /// - Parameters:
    ///   - services: run beside the server for its whole life and shut down with it (the merchant
    ///     server's coordinator).
    ///   - beforeServerStarts: runs once `services` are running, before the server takes requests
    ///     (the merchant server's migrations and recovery); its error stops the application.
    ///   - onServerRunning: gets the bound port (useful with port 0).
    public static func make(
        router: Router<BasicRequestContext>, host: String, port: Int, serverName: String, logger: Logger,
        services: [any Service] = [], beforeServerStarts: @escaping @Sendable () async throws -> Void = {},
        onServerRunning: @escaping @Sendable (Int) async -> Void
    ) -> some ApplicationProtocol {
        var application = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: serverName),
            services: services,
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        application.beforeServerStarts(perform: beforeServerStarts)
        return application
    }

    /// Logs to standard output at `LOG_LEVEL` (default `info`) and returns the process's logger.
    public static func bootstrapLogging(label: String) -> Logger {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardOutput(label: label)
            handler.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
            return handler
        }
        return Logger(label: label)
    }

    /// Logs that the process cannot start (as logged from the caller's module) and exits with status 1.
    public static func exitCannotStart(
        _ error: any Error, logger: Logger, file: String = #fileID, function: String = #function, line: UInt = #line
    ) -> Never {
        logger.critical("cannot start", metadata: ["error": "\(error)"], file: file, function: function, line: line)
        exit(1)
    }
}
