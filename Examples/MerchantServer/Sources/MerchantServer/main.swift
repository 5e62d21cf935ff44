import ExampleHTTP
import Foundation
import Hummingbird
import Logging
import MerchantServerCore

// The example merchant server. Configuration comes from the environment (see the README).
let logger = ExampleApplication.bootstrapLogging(label: "merchant-server")
do {
    let configuration = try MerchantServerConfiguration.fromEnvironment()
    logger.info("starting", metadata: ["config": "\(configuration.summary)"])
    let server = try MerchantServer(configuration: configuration, logger: logger)
    let app = server.makeApplication { port in
        logger.notice("listening", metadata: ["port": "\(port)"])
    }
    try await app.runService()
} catch {
    ExampleApplication.exitCannotStart(error, logger: logger)
}
