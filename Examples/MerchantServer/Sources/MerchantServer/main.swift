import ExampleHTTP
import Foundation
import Hummingbird
import Logging
import MerchantServerCore

// The example merchant server. Configuration comes from the environment (see the README).
LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardOutput(label: label)
    handler.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
    return handler
}
let logger = Logger(label: "merchant-server")
do {
    let configuration = try MerchantServerConfiguration.fromEnvironment()
    logger.info("starting", metadata: ["config": "\(configuration.summary)"])
    let server = try MerchantServer(configuration: configuration, logger: logger)
    try await server.recover()
    let app = server.makeApplication { port in
        logger.notice("listening", metadata: ["port": "\(port)"])
    }
    try await app.runService()
} catch {
    logger.critical("cannot start", metadata: ["error": "\(error)"])
    exit(1)
}
