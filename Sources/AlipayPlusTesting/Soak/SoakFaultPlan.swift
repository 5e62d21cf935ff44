import AlipayPlusModels
import Foundation

/// Decides, request by request, which transport fault the simulator injects, and counts every fault
/// the soak injects (transport faults, scripts, token expiries, notification disorder, crashes).
///
/// Installed in the simulator as one deciding rule plus one rule per fault, all with predicates; the
/// simulator evaluates them in order inside its actor, so one decision serves one request.
final class SoakFaultPlan: @unchecked Sendable {
    private let lock = NSLock()
    private var random: SoakRandom
    private var current: TransportFault?
    private var counts: [String: Int] = [:]
    private var enabled = false
    private let rate: Double

    /// The faults the simulator can inject, with the name they are counted under.
    static let transportFaults: [(fault: TransportFault, name: String)] = [
        (.connectionFailure, "connectionFailure"),
        (.responseLost, "responseLost"),
        (.httpError(status: 502), "http5xx"),
        (.httpError(status: 503), "http5xx"),
        (.malformedBody, "malformedBody"),
        (.badSignature, "badSignature"),
        (.missingSignature, "missingSignature"),
        (.latency(.seconds(2)), "latency"),
    ]

    init(seed: UInt64, rate: Double) {
        random = SoakRandom(seed: seed, stream: 0xFA17)
        self.rate = rate
    }

    /// Turns transport faults on or off (off while binding users and in the final recovery).
    func setEnabled(_ on: Bool) { lock.withLock { enabled = on } }

    /// Counts one injected fault of `kind`.
    func count(_ kind: String, by amount: Int = 1) {
        lock.withLock { counts[kind, default: 0] += amount }
    }

    /// Every fault counted so far.
    var snapshot: [String: Int] { lock.withLock { counts } }

    /// Picks this request's fault (or none); called by the simulator's first rule.
    func decide(_ request: HTTPRequestSummary) {
        lock.withLock {
            current = nil
            guard enabled, random.chance(rate) else { return }
            let candidates: [(fault: TransportFault, name: String)]
            switch request.path {
            case ApplyTokenRequest.path:
                // A lost refresh answer makes the retried refresh token invalid (a superseded pair):
                // only faults that keep the request from arriving are injected here.
                candidates = [(.connectionFailure, "connectionFailure")]
            case PrepareRequest.path:
                candidates = []
            default:
                candidates = Self.transportFaults
            }
            guard let pick = candidates.randomElement(using: &random) else { return }
            current = pick.fault
            counts[pick.name, default: 0] += 1
        }
    }

    /// Whether the current request gets `fault`.
    func matches(_ fault: TransportFault) -> Bool { lock.withLock { current == fault } }

    /// Installs the rules in `simulator`.
    func install(in simulator: AlipayPlusSimulator) async {
        await simulator.injectFault(.latency(.zero), count: .max) { [self] summary in
            decide(summary)
            return false
        }
        var seen: [TransportFault] = []
        for (fault, _) in Self.transportFaults where !seen.contains(fault) {
            seen.append(fault)
            await simulator.injectFault(fault, count: .max) { [self] _ in matches(fault) }
        }
    }
}
