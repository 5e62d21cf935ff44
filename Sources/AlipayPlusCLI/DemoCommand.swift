import AlipayPlus
import AlipayPlusModels
import AlipayPlusSigning
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation

/// `alipayplus demo`: the whole Auto Debit life cycle, explained step by step.
enum DemoCommand: CLICommand {
    static let name = "demo"
    static let summary = "Bind, charge, inquire, refund, resolve an unknown charge and unbind, explained."
    static let options: [OptionSpec] = [
        .value("base-url", "URL", "Run against this Alipay+ endpoint (the sandbox gateway) instead of the simulator."),
        .value("client-id", "ID", "Your Client ID (with --base-url)."),
        .value("private-key", "FILE", "Your merchant private key, any format (with --base-url)."),
        .value("alipay-public-key", "FILE", "The Alipay+ public key of that endpoint (with --base-url)."),
        .value("merchant-id", "ID", "authClientId and referenceMerchantId (default M0001)."),
        .value("currency", "CODE", "Currency of the charges (default HKD)."),
        .value("auth-redirect-url", "URL", "Where the wallet sends the user back (default https://merchant.example/alipayplus/return)."),
        .value("redirect-url", "URL", "The URL the wallet redirected to, instead of reading it from stdin (with --base-url)."),
        .value("store", "DIR", "Keep the merchant's journal in DIR (created 0700; default: a new temporary folder). Runs again on the same DIR use fresh request ids. Tokens are sealed with a key kept in DIR/\(StoreKeyRingOptions.demoKeyFileName) (created 0600; a demo convenience: real servers keep the key apart)."),
    ]
    static let usage = """
          alipayplus demo [--store DIR] [--merchant-id ID] [--currency CODE] [--auth-redirect-url URL]
          alipayplus demo --base-url URL --client-id ID --private-key FILE --alipay-public-key FILE
                          [--redirect-url URL] [--store DIR] [--merchant-id ID] [--currency CODE]
                          [--auth-redirect-url URL]

        Without options the demo runs against the in-process Alipay+ simulator: no network, no real
        money, a virtual clock (the 60 s inquiry window passes instantly), and a merchant key pair
        generated for the run. It finishes in about a second and exits 0 when every step ended as
        expected and the simulator's ledger shows no double charge.

        With --base-url it runs the same flow against that endpoint over HTTPS: it prints the wallet
        page URL, you approve in a browser and paste the URL the wallet redirected to (or pass
        --redirect-url). The unknown-outcome step is skipped there: a real sandbox cannot be scripted.

        Examples:
          alipayplus demo
          alipayplus demo --base-url https://open-sea-global.alipayplus.com \\
            --client-id SANDBOX_5YC47N2ZQHJ004124 --private-key keys/private_key.pem \\
            --alipay-public-key keys/alipayplus_public_key.pem --merchant-id M0001
        """

    static func run(_ arguments: CommandLineArguments) async throws -> Int32 {
        let started = Date()
        let setup = try await DemoSetup(arguments)
        let report = setup.report
        do {
            try await DemoFlow(coordinator: setup.coordinator, backend: setup.backend, report: report,
                               currency: setup.currency, ids: setup.ids).run()
        } catch let failure as DemoFailure {
            report.line()
            throw CLIError(message: "demo failed: \(failure)\nThe merchant's journal is in \(setup.storePath).",
                           exitCode: 1, command: name)
        } catch {
            report.line()
            throw CLIError(message: "demo failed: \(error)\nThe merchant's journal is in \(setup.storePath).",
                           exitCode: 1, command: name)
        }
        let elapsed = String(format: "%.1f s", Date().timeIntervalSince(started))
        report.line()
        if let clock = setup.virtualClock {
            let virtual = Int(clock.now.timeIntervalSince(setup.virtualStart).rounded())
            report.line("Done in \(elapsed) (virtual time passed: \(virtual) s). Journal kept in \(setup.storePath)")
        } else {
            report.line("Done in \(elapsed). Journal kept in \(setup.storePath)")
        }
        return 0
    }
}

/// Everything the demo wires together before the first step, and the lines that explain it.
struct DemoSetup {
    let coordinator: AutoDebitCoordinator
    let backend: DemoBackend
    let report: DemoReporter
    let currency: String
    let ids: DemoRunIds
    let storePath: String
    let virtualClock: VirtualClock?
    let virtualStart: Date

    static let simulatorClientId = "SANDBOX_DEMO_0001"

    init(_ arguments: CommandLineArguments) async throws {
        let remoteOptions = ["base-url", "client-id", "private-key", "alipay-public-key"]
        let given = remoteOptions.filter { arguments.value($0) != nil }
        guard given.isEmpty || given.count == remoteOptions.count else {
            let missing = remoteOptions.filter { arguments.value($0) == nil }.map { "--" + $0 }
            throw CLIError.usage("a run against an endpoint also needs " + missing.joined(separator: ", "),
                                 command: DemoCommand.name)
        }
        if arguments.value("redirect-url") != nil && given.isEmpty {
            throw CLIError.usage("--redirect-url only applies with --base-url", command: DemoCommand.name)
        }
        currency = arguments.value("currency") ?? "HKD"
        guard Currency.isISO4217(currency) else {
            throw CLIError.usage("--currency \(currency) is not an active ISO 4217 currency code (for example HKD, USD, JPY)",
                                 command: DemoCommand.name)
        }
        let merchantId = arguments.value("merchant-id") ?? "M0001"
        let redirectText = arguments.value("auth-redirect-url") ?? "https://merchant.example/alipayplus/return"
        guard let authRedirectURL = URL(string: redirectText), authRedirectURL.scheme != nil else {
            throw CLIError.usage("--auth-redirect-url is not a URL: \(redirectText)", command: DemoCommand.name)
        }

        let storeURL: URL
        if let path = arguments.value("store") {
            storeURL = URL(fileURLWithPath: path)
        } else {
            storeURL = FileManager.default.temporaryDirectory
                .appendingPathComponent("alipayplus-demo-" + UUID().uuidString.prefix(8).lowercased())
        }
        storePath = storeURL.path
        let store: LocalAutoDebitStore
        do {
            // Owner-only, like the library's own journal folders: the journal holds tokens.
            try FileManager.default.createDirectory(at: storeURL, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            store = try LocalAutoDebitStore(directory: storeURL, keyRing: StoreKeyRingOptions.demoKeyRing(in: storeURL))
            ids = try await DemoRunIds.next(in: store)
        } catch {
            throw CLIError.unusableInput("cannot open a store in \(storeURL.path): \(error)")
        }

        let configuration = AutoDebitCoordinator.Configuration(
            authClientId: merchantId, authClientName: "Demo Ltd", authRedirectURL: authRedirectURL,
            merchant: Merchant(referenceMerchantId: merchantId, merchantMCC: "5732", merchantName: "Demo Ltd",
                               merchantAddress: Address(region: "HK")),
            settlementCurrency: currency
        )

        var lines: [(String, String)] = []
        let client: AlipayPlusClient
        if given.isEmpty {
            let clock = VirtualClock()
            virtualClock = clock
            virtualStart = clock.now
            let merchantKey = try RSAPrivateKey.generate(bitCount: 2048)
            let simulator = AlipayPlusSimulator(configuration: try AlipayPlusSimulator.Configuration(
                merchantClientId: Self.simulatorClientId, merchantPublicKey: merchantKey.publicKey, clock: clock))
            backend = .simulator(simulator)
            let reporter = DemoReporter(clock: clock, inquiryInterval: configuration.resolution.inquiryInterval,
                                        inquiryWindow: configuration.resolution.inquiryWindow)
            report = reporter
            client = AlipayPlusClient(configuration: try AlipayPlusClient.Configuration(
                clientId: Self.simulatorClientId, privateKey: merchantKey,
                alipayPlusPublicKeys: AlipayPlusPublicKeys(simulator.alipayPlusPublicKey),
                environment: .custom(AlipayPlusSimulator.baseURL), clock: clock,
                eventHandler: { reporter.handle($0) }), transport: DemoTransport(next: simulator, report: reporter))
            lines = [
                ("Alipay+", "the in-process simulator (AlipayPlusSimulator): no network, no real money"),
                ("Merchant key", "RSA-2048 pair generated for this run; the simulator trusts its public half"),
                ("Alipay+ key", "generated by the simulator; every answer must verify against it"),
                ("Client ID", Self.simulatorClientId),
                ("Clock", "virtual: the 3 s inquiry waits and the 60 s window pass instantly"),
            ]
        } else {
            virtualClock = nil
            virtualStart = Date()
            let baseText = arguments.required("base-url")
            guard let baseURL = URL(string: baseText), baseURL.host != nil else {
                throw CLIError.usage("--base-url is not a URL: \(baseText)", command: DemoCommand.name)
            }
            do {
                try EndpointSecurity.check(baseURL)
            } catch {
                throw CLIError.unusableInput("\(error)")
            }
            let privateKey: RSAPrivateKey
            let alipayKey: RSAPublicKey
            do {
                privateKey = try RSAPrivateKey(contentsOfFile: arguments.required("private-key"))
                alipayKey = try RSAPublicKey(contentsOfFile: arguments.required("alipay-public-key"))
            } catch {
                throw CLIError.unusableInput("\(error)")
            }
            backend = .remote(baseURL: baseURL, redirectURL: arguments.value("redirect-url"))
            let clock = SystemClock()
            let reporter = DemoReporter(clock: clock, inquiryInterval: configuration.resolution.inquiryInterval,
                                        inquiryWindow: configuration.resolution.inquiryWindow)
            report = reporter
            client = AlipayPlusClient(configuration: try AlipayPlusClient.Configuration(
                clientId: arguments.required("client-id"), privateKey: privateKey,
                alipayPlusPublicKeys: AlipayPlusPublicKeys(alipayKey), environment: .custom(baseURL), clock: clock,
                eventHandler: { reporter.handle($0) }),
                transport: DemoTransport(next: URLSessionTransport(), report: reporter))
            lines = [
                ("Alipay+", "\(baseURL.absoluteString) over HTTPS (URLSessionTransport)"),
                ("Merchant key", "\(arguments.required("private-key")) (\(privateKey.bitCount)-bit RSA)"),
                ("Alipay+ key", "\(arguments.required("alipay-public-key")); every answer must verify against it"),
                ("Client ID", arguments.required("client-id")),
                ("Clock", "the system clock"),
            ]
        }
        coordinator = try AutoDebitCoordinator(client: client, store: store, configuration: configuration)
        lines += [
            ("Store", "LocalAutoDebitStore(directory:) journal in \(storePath)"),
            ("Merchant", "\(merchantId) (authClientId), user user-42"),
        ]
        report.line("alipayplus demo: Alipay+ Auto Debit from the merchant's side")
        report.line()
        for (label, value) in lines { report.field(label, value) }
        report.line()
        report.line("   → API called         request id   ← result (status, code)          check")
        report.line("   ⇠ notification from Alipay+, handled by coordinator.handleInbound")
        report.line("   Tokens and auth codes are secrets: the demo never prints them.")
    }
}
