import AlipayPlusModels
import AlipayPlusTesting
import AlipayPlusTransport
import Foundation
import XCTest
@testable import AlipayPlus

/// Power cuts on a real store's journal: a charging run with refunds and notifications is stopped at
/// a request to Alipay+, its folder copied as the disk was at that moment, and the copy damaged as a
/// power cut would (the writes since the previous request torn at a random byte, the last record's
/// bytes flipped, garbage after the last whole record, a compaction cut at each step); opening and
/// recovering each copy must reach a state the simulator's ledger agrees with.
///
/// Only the writes made since the previous request are damaged: an earlier write was fsync'd before
/// that request was sent, so a power cut cannot take it back.
final class JournalPowerCutTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("JournalPowerCut-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let root { try? FileManager.default.removeItem(at: root) }
    }

    // MARK: The rule

    func testAPowerCutInsideTheLastWritesRecoversToAStateTheLedgerAgreesWith() async throws {
        var random = PowerCutRandom(seed: 18)
        var judged = 0
        for world in 0..<18 {
            let stopAt = Int.random(in: 2...70, using: &random)
            guard let cut = try await runUntilPowerCut(atRequest: stopAt, world: world) else { continue }
            let damage = Damage.allCases[world % Damage.allCases.count]
            let description = try damage.apply(to: cut, using: &random)
            let problems = try await openRecoverAndJudge(cut)
            XCTAssertEqual(problems, [], "world \(world): cut at request \(stopAt), \(description)")
            judged += 1
        }
        XCTAssertGreaterThanOrEqual(judged, 12, "most stop points fall inside the run")
    }

    func testACompactionCutAtAnyStepOpensToTheStateBeforeIt() async throws {
        let run = root.appendingPathComponent("complete")
        guard try await runUntilPowerCut(atRequest: .max, world: 99, folder: run) == nil else {
            return XCTFail("the run ends before its last request")
        }
        let expected = try await openedSnapshot(copy(run, "expected"))
        let compacted = try copy(run, "compacted")
        try await openedSnapshot(compacted)  // open compacts: snapshot g + 1, empty log g + 1
        let oldLog = try logFile(in: run)
        let newLog = try logFile(in: compacted)
        XCTAssertNotEqual(oldLog.lastPathComponent, newLog.lastPathComponent, "open moved the journal to a new generation")
        let newSnapshot = try Data(contentsOf: compacted.appendingPathComponent("autodebit.snapshot"))
        var random = PowerCutRandom(seed: 1804)

        // 1. The new snapshot half written to the temporary file: the old generation stands.
        for _ in 0..<4 {
            let state = try copy(run, "tmp-\(UUID().uuidString)")
            let length = Int.random(in: 0...newSnapshot.count, using: &random)
            try newSnapshot.prefix(length).write(to: state.appendingPathComponent("autodebit.snapshot.tmp"))
            let opened = try await openedSnapshot(state)
            XCTAssertEqual(opened, expected, "temporary snapshot of \(length) of \(newSnapshot.count) bytes")
        }
        // 2. Renamed, the new log not created yet: the stale old log is ignored.
        let renamed = try copy(run, "renamed")
        try newSnapshot.write(to: renamed.appendingPathComponent("autodebit.snapshot"))
        let afterRename = try await openedSnapshot(renamed)
        XCTAssertEqual(afterRename, expected, "after the rename, before the new log")
        // 3. The new log created, the old one not deleted yet.
        let bothLogs = try copy(compacted, "both-logs")
        try FileManager.default.copyItem(at: oldLog, to: bothLogs.appendingPathComponent(oldLog.lastPathComponent))
        let withBothLogs = try await openedSnapshot(bothLogs)
        XCTAssertEqual(withBothLogs, expected, "after the new log, before the old one is deleted")
    }

    // MARK: Damage

    /// What a power cut leaves of the writes since the previous request.
    private enum Damage: CaseIterable {
        case tornAtRandomByte, flippedByteInLastRecord, garbageAfterLastWholeRecord

        func apply(to cut: PowerCut, using random: inout PowerCutRandom) throws -> String {
            let log = try Data(contentsOf: cut.log)
            let starts = try recordStarts(log)
            switch self {
            case .tornAtRandomByte:
                let offset = Int.random(in: cut.acknowledgedLength..<max(cut.acknowledgedLength + 1, log.count), using: &random)
                try log.prefix(offset).write(to: cut.log)
                return "log torn at byte \(offset) (acknowledged \(cut.acknowledgedLength), written \(log.count))"
            case .flippedByteInLastRecord:
                guard let last = starts.last, last >= cut.acknowledgedLength else { return "no record since the previous request" }
                var bytes = [UInt8](log)
                let offset = Int.random(in: last..<bytes.count, using: &random)
                bytes[offset] ^= UInt8.random(in: 1...255, using: &random)
                try Data(bytes).write(to: cut.log)
                return "byte \(offset) of the last record (from \(last)) flipped"
            case .garbageAfterLastWholeRecord:
                let boundaries = (starts + [log.count]).filter { $0 >= cut.acknowledgedLength }
                let boundary = boundaries.randomElement(using: &random) ?? log.count
                let garbage: [UInt8] = random.next() % 2 == 0
                    ? Array(repeating: 0, count: Int.random(in: 1...512, using: &random))
                    : (0..<Int.random(in: 1...512, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                try (log.prefix(boundary) + Data(garbage)).write(to: cut.log)
                return "\(garbage.count) bytes of garbage after the record boundary \(boundary)"
            }
        }

        /// Where each record of a log starts.
        private func recordStarts(_ log: Data) throws -> [Int] {
            var starts: [Int] = []
            var offset = 0
            try [UInt8](log).withUnsafeBytes { bytes in
                while offset < bytes.count {
                    guard case .record(_, _, let end) = JournalFraming.parse(bytes, at: offset) else {
                        throw XCTSkip("the undamaged log has a bad record at \(offset)")
                    }
                    starts.append(offset)
                    offset = end
                }
            }
            return starts
        }
    }

    // MARK: The world

    /// The disk of a run stopped at one request, and the simulator as it was then.
    struct PowerCut {
        var folder: URL
        var log: URL
        /// The log's length when the previous request was sent: every byte before it was fsync'd.
        var acknowledgedLength: Int
        var simulator: AlipayPlusSimulator
        var clock: VirtualClock
    }

    /// Runs the scenario until request `stopAt` would reach Alipay+; then copies the folder (the
    /// power cut) and lets no request through. `nil` when the run ends before that request.
    private func runUntilPowerCut(atRequest stopAt: Int, world: Int, folder: URL? = nil) async throws -> PowerCut? {
        let clock = VirtualClock()
        let simulator = AlipayPlusSimulator(configuration: try AlipayPlusSimulator.Configuration(
            merchantClientId: TestKeys.merchantClientId, merchantPublicKey: TestKeys.merchantPublicKey,
            alipayPlusPrivateKey: TestKeys.alipayPlusPrivateKey, clock: clock
        ), seed: UInt64(world) + 1)
        let live = folder ?? root.appendingPathComponent("world-\(world)-live")
        let copy = root.appendingPathComponent("world-\(world)-cut")
        let store = try LocalAutoDebitStore(directory: live, keyRing: TestKeys.tokenKeyRing)
        let transport = PowerCutTransport(base: simulator, folder: live, copy: copy, stopAt: stopAt)
        let coordinator = try Self.coordinator(store: store, transport: transport, simulator: simulator, clock: clock)
        var random = PowerCutRandom(seed: UInt64(world) &* UInt64(7919))
        scenario: do {
            for user in ["u0", "u1"] {
                guard let start = try? await coordinator.beginBinding(for: user),
                      let redirect = try? await simulator.approve(walletPageURL: start.walletPageURL),
                      (try? await coordinator.completeBinding(redirectURL: redirect)) != nil
                else { break scenario }
            }
            for index in 0..<14 where !transport.isStopped {
                let id = "CUT\(world)-\(index)"
                let script: PaymentScript = switch Int.random(in: 0..<10, using: &random) {
                case 0..<6: .succeed
                case 6: .fail(.userBalanceNotEnough)
                case 7, 8: .unknown(then: .succeed, afterInquiries: Int.random(in: 1...4, using: &random))
                default: .neverResolves
                }
                await simulator.script(script, forPaymentRequestId: id)
                let request = ChargeRequest(merchantUserId: "u\(index % 2)", amount: Amount(currency: "HKD", minorUnits: 1_000 + Int64(index)),
                                            referenceOrderId: "ORDER-\(world)-\(index)", orderDescription: "power cut \(index)",
                                            paymentRequestId: id)
                if case .succeeded? = try? await coordinator.charge(request), index % 3 == 0 {
                    for number in 0..<2 where !transport.isStopped {
                        _ = try? await coordinator.refund(paymentRequestId: id, amount: Amount(currency: "HKD", minorUnits: 300),
                                                          refundRequestId: "CUTR\(world)-\(index)-\(number)")
                    }
                }
                if !transport.isStopped {
                    await simulator.deliverNotifications(to: { await coordinator.handleInbound($0) })
                }
            }
        }
        await store.close()
        guard let acknowledged = transport.acknowledgedLength else { return nil }
        return PowerCut(folder: copy, log: try logFile(in: copy), acknowledgedLength: acknowledged, simulator: simulator, clock: clock)
    }

    /// Opens the damaged copy as the next process would, recovers, takes the notifications, and
    /// judges the store against the ledger.
    private func openRecoverAndJudge(_ cut: PowerCut) async throws -> [String] {
        let store = try LocalAutoDebitStore(directory: cut.folder, keyRing: TestKeys.tokenKeyRing)
        let coordinator = try Self.coordinator(store: store, transport: cut.simulator, simulator: cut.simulator, clock: cut.clock)
        for _ in 0..<3 {
            _ = try await coordinator.recover()
            await cut.simulator.deliverNotifications(to: { await coordinator.handleInbound($0) })
        }
        let snapshot = await store.snapshot()
        await store.close()
        return SoakChecker(
            seed: 0, charges: 0, payments: snapshot.payments, refunds: snapshot.refunds, ledger: await cut.simulator.ledger,
            deliveries: [], pendingNotifications: await cut.simulator.pendingNotificationNames
        ).check().violations
    }

    private static func coordinator(store: LocalAutoDebitStore, transport: any HTTPTransport, simulator: AlipayPlusSimulator,
                                    clock: VirtualClock) throws -> AutoDebitCoordinator {
        let client = try simulator.merchantClient(transport: transport)
        return try AutoDebitCoordinator(
            client: client, store: store,
            configuration: AutoDebitCoordinator.Configuration(
                authClientId: "M0001", authClientName: "Power Cut Ltd",
                authRedirectURL: URL(string: "https://shop.example/alipayplus/return")!,
                merchant: Merchant(referenceMerchantId: "M0001", merchantMCC: "5732", merchantName: "Power Cut Ltd",
                                   merchantAddress: Address(region: "HK")),
                settlementCurrency: "HKD",
                inbound: .init(timeWindow: .seconds(600)),
                coordination: .init(recoveryInterval: nil)
            )
        )
    }

    // MARK: Files

    private func logFile(in folder: URL) throws -> URL {
        let logs = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "log" }
        guard logs.count == 1, let log = logs.first else { throw XCTSkip("expected one log in \(folder.path), found \(logs.count)") }
        return log
    }

    private func copy(_ folder: URL, _ name: String) throws -> URL {
        let target = root.appendingPathComponent(name)
        try FileManager.default.copyItem(at: folder, to: target)
        return target
    }

    @discardableResult
    private func openedSnapshot(_ folder: URL) async throws -> StoreSnapshot {
        let store = try LocalAutoDebitStore(directory: folder, keyRing: TestKeys.tokenKeyRing)
        let snapshot = await store.snapshot()
        await store.close()
        return snapshot
    }
}

/// The network of a run that loses power at request `stopAt`: before each request it notes the
/// log's length; at `stopAt` it copies the folder (the disk at that moment) and from then on sends nothing.
private final class PowerCutTransport: HTTPTransport, @unchecked Sendable {
    private let base: AlipayPlusSimulator
    private let folder: URL
    private let copy: URL
    private let stopAt: Int
    private let lock = NSLock()
    private var count = 0
    private var lastSentLength = 0
    private var stopped: Int?

    init(base: AlipayPlusSimulator, folder: URL, copy: URL, stopAt: Int) {
        self.base = base
        self.folder = folder
        self.copy = copy
        self.stopAt = stopAt
    }

    var isStopped: Bool { lock.withLock { stopped != nil } }
    /// The log's length when the last request before the cut was sent.
    var acknowledgedLength: Int? { lock.withLock { stopped } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let length = logLength()
        let cut: Bool = lock.withLock {
            count += 1
            return stopped == nil && count == stopAt
        }
        if cut {
            try FileManager.default.copyItem(at: folder, to: copy)
            lock.withLock { stopped = lastSentLength }
        }
        if isStopped { throw TransportError.connectionFailed(url: request.url, underlying: "the power went out") }
        lock.withLock { lastSentLength = length }
        return try await base.send(request)
    }

    private func logLength() -> Int {
        let logs = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.fileSizeKey])) ?? []
        return logs.filter { $0.pathExtension == "log" }
            .compactMap { try? $0.resourceValues(forKeys: [.fileSizeKey]).fileSize }.first ?? 0
    }
}

/// SplitMix64: the test's repeatable choices of stop points, offsets and garbage.
private struct PowerCutRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
