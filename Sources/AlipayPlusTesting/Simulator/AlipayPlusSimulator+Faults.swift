import Foundation
import AlipayPlusTransport

extension AlipayPlusSimulator {
    /// Injects `fault` into the next `count` requests (to `path` when given, to any path otherwise).
    ///
    /// Latency combines with one other fault; among the others, the earliest injected wins.
    public func injectFault(_ fault: TransportFault, path: String? = nil, count: Int = 1) {
        faultRules.append(FaultRule(fault: fault, path: path, predicate: nil, remaining: count))
    }

    /// Injects `fault` into the next `count` requests for which `predicate` is true.
    public func injectFault(
        _ fault: TransportFault, count: Int = 1, when predicate: @escaping @Sendable (HTTPRequestSummary) -> Bool
    ) {
        faultRules.append(FaultRule(fault: fault, path: nil, predicate: predicate, remaining: count))
    }

    /// Removes every injected fault that has not fired yet.
    public func clearFaults() {
        faultRules.removeAll()
    }

    /// The faults that apply to this request (their counters are consumed).
    func takeFaults(for request: HTTPRequest) -> [TransportFault] {
        let summary = HTTPRequestSummary(path: request.url.path, body: request.body)
        var taken: [TransportFault] = []
        var tookFailure = false
        for index in faultRules.indices where faultRules[index].remaining > 0 {
            let rule = faultRules[index]
            if let path = rule.path, path != summary.path { continue }
            if let predicate = rule.predicate, !predicate(summary) { continue }
            let isLatency: Bool
            if case .latency = rule.fault { isLatency = true } else { isLatency = false }
            if !isLatency && tookFailure { continue }
            tookFailure = tookFailure || !isLatency
            faultRules[index].remaining -= 1
            taken.append(rule.fault)
        }
        faultRules.removeAll { $0.remaining <= 0 }
        return taken
    }
}
