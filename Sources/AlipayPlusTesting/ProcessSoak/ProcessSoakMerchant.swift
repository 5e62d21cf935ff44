public import AlipayPlus
import AlipayPlusModels
import AlipayPlusTransport
public import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The merchant side of the process-kill soak, run as a child process: an `AutoDebitCoordinator`
/// over the store it is given, talking to the driver's sandbox over loopback HTTP and serving the
/// driver's commands and Alipay+'s notifications on a loopback port.
///
/// `alipayplus soak --processes` starts `alipayplus soak-merchant` as its child, with the journal
/// store. Another package ships its own child with its own store (for example a shared database, so
/// several instances can run at once: `--instances K`) as an executable of a few lines:
/// ```swift
/// let options = try ProcessSoakMerchant.Options(arguments: CommandLine.arguments.dropFirst())
/// let store = try await MyStore(url: ProcessInfo.processInfo.environment["DATABASE_URL"]!)
/// try await ProcessSoakMerchant(store: store, options: options).run()
/// ```
///
/// The child's command-line contract (the driver appends these to `--merchant-arg`s):
/// `--store DIR --sandbox URL --port P --instance-id ID`: `DIR` is a folder the child may keep its
/// data in (the same one after each restart), `URL` the sandbox's `http://127.0.0.1:<port>`, `P`
/// the port to listen on (0: any free one), `ID` the instance's id (the coordinator's
/// `instanceId`). On standard output it writes the line `opening` before it opens its store, `open`
/// once the store is open, and `ready port=<P>` once it serves; the driver kills it with SIGKILL at
/// any moment and starts it again with the same arguments.
///
/// Commands are `POST /soak/<name>` with JSON bodies (bind/begin, bind/complete, charge, cancel,
/// refund, unbind, recover, records, status); every other path goes to
/// `AutoDebitCoordinator/handleInbound(_:)`. The keys are ``TestKeys``'.
public struct ProcessSoakMerchant: Sendable {
    /// The child's command-line options.
    public struct Options: Sendable {
        /// The folder the child keeps its data in.
        public var storeDirectory: URL
        /// The sandbox's base URL (`http://127.0.0.1:<port>`).
        public var sandboxURL: URL
        /// The port to listen on (0: any free port).
        public var port: Int
        /// The instance id.
        public var instanceId: String

        /// Reads `--store DIR --sandbox URL --port P --instance-id ID`.
        ///
        /// - Throws: ``ProcessSoakError`` `invalidArguments` naming the missing or malformed option.
        public init(arguments: some Sequence<String>) throws {
            var values: [String: String] = [:]
            var iterator = arguments.makeIterator()
            while let name = iterator.next() {
                guard name.hasPrefix("--"), let value = iterator.next() else {
                    throw ProcessSoakError.invalidArguments("expected '--option value' pairs, got '\(name)'")
                }
                values[String(name.dropFirst(2))] = value
            }
            func required(_ name: String) throws -> String {
                guard let value = values[name] else {
                    throw ProcessSoakError.invalidArguments("--\(name) is missing (usage: --store DIR --sandbox URL --port P --instance-id ID)")
                }
                return value
            }
            storeDirectory = URL(fileURLWithPath: try required("store"), isDirectory: true)
            guard let url = URL(string: try required("sandbox")), url.scheme == "http" || url.scheme == "https" else {
                throw ProcessSoakError.invalidArguments("--sandbox must be an http://127.0.0.1:<port> URL")
            }
            sandboxURL = url
            guard let port = Int(try required("port")), (0...65_535).contains(port) else {
                throw ProcessSoakError.invalidArguments("--port must be a port number within 0...65535")
            }
            self.port = port
            instanceId = try required("instance-id")
        }
    }

    private let store: any AutoDebitStore
    private let options: Options

    /// Creates the merchant child over `store`.
    public init(store: any AutoDebitStore, options: Options) {
        self.store = store
        self.options = options
    }

    /// Writes the line `opening` on standard output: call it before opening the store.
    public static func announceOpening() { announce("opening") }

    /// Serves until the task is cancelled (or the process is killed): the coordinator's `run()` and
    /// the loopback server, in one task group; writes `open` and then `ready port=<P>`.
    ///
    /// - Throws: ``ProcessSoakError`` `serverFailed` when the port cannot be listened on, `childFailed`
    ///   when the driver that started the child is gone; the coordinator's configuration errors
    ///   (`AutoDebitError`).
    public func run() async throws {
        Self.announce("open")
        let coordinator = try makeCoordinator()
        let commands = ProcessSoakCommands(coordinator: coordinator, store: store, instanceId: options.instanceId)
        let server: LoopbackHTTPServer
        do {
            server = try LoopbackHTTPServer(port: options.port) { request in await commands.answer(request) }
        } catch {
            throw ProcessSoakError.serverFailed("\(error)")
        }
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await coordinator.run() }
            group.addTask { await server.run() }
            group.addTask { try await Self.failWhenOrphaned() }
            await coordinator.untilRunning()
            Self.announce("ready port=\(server.port)")
        }
    }

    /// Throws once the driver that started this child is gone (the child is re-parented), so a
    /// killed driver leaves no merchant behind.
    private static func failWhenOrphaned() async throws {
        let parent = getppid()
        while getppid() == parent {
            try await Task.sleep(for: .milliseconds(200))
        }
        throw ProcessSoakError.childFailed("the driver (process \(parent)) is gone")
    }

    private static func announce(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// The coordinator with the soak's short timings (real time: attempts of 0.5 s, calls of 1.5 s,
    /// inquiries every 10 ms for 2 s).
    private func makeCoordinator() throws -> AutoDebitCoordinator {
        let client = AlipayPlusClient(
            configuration: try AlipayPlusClient.Configuration(
                clientId: TestKeys.merchantClientId, privateKey: TestKeys.merchantPrivateKey,
                alipayPlusPublicKeys: AlipayPlusPublicKeys(TestKeys.alipayPlusPublicKey),
                environment: .custom(options.sandboxURL),
                timeouts: .init(perAttempt: .milliseconds(500), overall: .milliseconds(1_500)), retryPolicy: .default
            ),
            transport: URLSessionTransport(configuration: .init(defaultTimeout: .seconds(10), maximumConnectionsPerHost: 16))
        )
        return try AutoDebitCoordinator(
            client: client, store: store,
            configuration: AutoDebitCoordinator.Configuration(
                authClientId: "M0001", authClientName: "Soak Ltd",
                authRedirectURL: URL(string: "https://shop.example/alipayplus/return")!,
                merchant: Merchant(referenceMerchantId: "M0001", merchantMCC: "5732", merchantName: "Soak Ltd",
                                   merchantAddress: Address(region: "HK")),
                settlementCurrency: "HKD",
                resolution: .init(inquiryInterval: .milliseconds(10), inquiryWindow: .seconds(2),
                                  cancelRetryDelay: .milliseconds(20)),
                inbound: .init(timeWindow: .seconds(600)),
                coordination: .init(instanceId: options.instanceId, leaseTTL: .seconds(5),
                                    leasePollInterval: .milliseconds(10), recoveryInterval: .milliseconds(500))
            )
        )
    }
}

/// Why the process soak could not run (violations of the money rules are data, not errors).
public struct ProcessSoakError: Error, CustomStringConvertible {
    private enum Code { case invalidArguments, serverFailed, childFailed }
    private let code: Code
    /// What went wrong and how to fix it.
    public let description: String

    static func invalidArguments(_ message: String) -> ProcessSoakError { .init(code: .invalidArguments, description: message) }
    static func serverFailed(_ message: String) -> ProcessSoakError { .init(code: .serverFailed, description: message) }
    static func childFailed(_ message: String) -> ProcessSoakError { .init(code: .childFailed, description: message) }
}
