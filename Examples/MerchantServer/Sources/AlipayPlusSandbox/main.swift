import ExampleHTTP
import Foundation
import Hummingbird
import Logging
import SandboxCore

// A local Alipay+ for staging: the library's simulator over HTTP. Configuration from the environment.
let logger = ExampleApplication.bootstrapLogging(label: "alipayplus-sandbox")
do {
    let configuration = try SandboxConfiguration.fromEnvironment()
    let sandbox = try AlipayPlusSandbox(configuration: configuration, logger: logger)
    say("Alipay+ public key (ALIPAYPLUS_PUBLIC_KEY_FILE): \(configuration.alipayPlusPublicKeyFile ?? "-")")
    say("Expected merchant client id (ALIPAYPLUS_CLIENT_ID): \(configuration.merchantClientId)")
    say("Notifications go to: \(configuration.merchantURL?.absoluteString ?? "nowhere (set SANDBOX_MERCHANT_URL)")")
    let app = sandbox.makeApplication { port in
        say("Alipay+ sandbox listening (ALIPAYPLUS_BASE_URL): http://\(configuration.host):\(port)")
    }
    try await app.runService()
} catch {
    ExampleApplication.exitCannotStart(error, logger: logger)
}
