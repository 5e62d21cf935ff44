import AlipayPlus
import AlipayPlusModels
import AlipayPlusTesting
import Foundation

/// Turns the client's events and the demo's own notes into short, aligned lines on standard output.
///
/// Request lines come from the client's `eventHandler` (one per finished call: API, request id, result,
/// "signature verified"); the coordinator's decisions come from its events. Consecutive identical
/// inquiries are folded into one line, so a 60 s inquiry window reads as one step. Nothing secret is
/// ever printed: events carry no tokens, and the demo prints no request bodies.
final class DemoReporter: @unchecked Sendable {
    private let lock = NSLock()
    private let clock: any AlipayPlusClock
    private let inquiryInterval: Duration
    private let inquiryWindow: Duration
    private var write: @Sendable (String) -> Void
    /// Consecutive inquiries with the same id and answer, not printed yet.
    private var foldedInquiry: (id: String, answer: String, count: Int, first: Date, last: Date)?
    /// When the last pay of each payment request id started (for "t+3s" offsets).
    private var payStarted: [String: Date] = [:]
    /// Request ids whose coordinator already announced that it is inquiring.
    private var inquiring: Set<String> = []
    /// What the last inquiry asked and answered, from ``DemoTransport``.
    private var lastInquiry: (id: String?, result: APIResult?)?

    init(clock: any AlipayPlusClock, inquiryInterval: Duration, inquiryWindow: Duration,
         write: @escaping @Sendable (String) -> Void = { Console.out($0) }) {
        self.clock = clock
        self.inquiryInterval = inquiryInterval
        self.inquiryWindow = inquiryWindow
        self.write = write
    }

    // MARK: Plain lines

    /// A line as is (an empty string prints an empty line).
    func line(_ text: String = "") {
        lock.withLock {
            flushInquiries()
            write(text + "\n")
        }
    }

    /// A step heading, preceded by an empty line.
    func step(_ number: Int, _ title: String) {
        line()
        line("\(number). \(title)")
    }

    /// An indented note from the demo itself.
    func note(_ text: String) {
        line("   " + text)
    }

    /// A decision or state change of the coordinator.
    func coordinator(_ text: String) {
        line("   coordinator: " + text)
    }

    /// `label` padded so values line up, followed by `value`.
    func field(_ label: String, _ value: String, width: Int = 14) {
        line("   " + label.padding(toLength: width, withPad: " ", startingAt: 0) + value)
    }

    // MARK: Events

    /// Notes the payment id and `paymentResult` of the inquiry in flight (see ``DemoTransport``).
    func observeInquiry(paymentRequestId: String?, paymentResult: APIResult?) {
        lock.withLock { lastInquiry = (paymentRequestId, paymentResult) }
    }

    /// The client's `eventHandler`.
    func handle(_ event: AlipayPlusEvent) {
        lock.withLock {
            render(event)
        }
    }

    private func render(_ event: AlipayPlusEvent) {
        switch event.kind {
        case .requestStarted:
            if event.operation == PayRequest.name, let id = event.paymentRequestId {
                payStarted[id] = clock.now
            }
        case .requestFinished:
            var answer = Self.answer(event.resultStatus, event.resultCode)
            if event.operation == InquiryPaymentRequest.name {
                // The call's own result is S; what matters is the payment's result inside it.
                let id = event.paymentRequestId ?? lastInquiry?.id ?? "-"
                if event.resultStatus == .success, let result = lastInquiry?.result {
                    answer = "payment " + Self.answer(result.resultStatus, result.resultCode)
                }
                lastInquiry = nil
                let now = clock.now
                if var folded = foldedInquiry, folded.id == id, folded.answer == answer {
                    folded.count += 1
                    folded.last = now
                    foldedInquiry = folded
                } else {
                    flushInquiries()
                    foldedInquiry = (id, answer, 1, now, now)
                }
                return
            }
            emit(requestLine(operation: event.operation ?? "?", id: requestId(event), answer: answer,
                             check: "signature verified"))
        case .requestFailed:
            emit("   ✗ " + pad(event.operation ?? "?", 19) + pad(requestId(event), 13)
                 + Self.short(event.message ?? "failed") + " (details below)")
        case .attemptFailed:
            emit("     attempt \(event.attempt.map(String.init) ?? "?") of \(event.operation ?? "?") failed ("
                 + Self.short(event.message ?? "?") + "); retrying")
        case .paymentPending:
            let id = event.paymentRequestId ?? "?"
            if inquiring.insert(id).inserted {
                emit("   coordinator: outcome unknown → inquiring every \(Self.seconds(inquiryInterval))"
                     + "(virtual clock: no real waiting)".onlyIf(clock is VirtualClock))
            } else {
                emit("   coordinator: still unknown after \(Self.seconds(inquiryWindow)) → cancelPayment")
            }
        case .paymentSucceeded:
            emit("   coordinator: \(event.paymentRequestId ?? "payment") succeeded")
        case .paymentFailed:
            emit("   coordinator: \(event.paymentRequestId ?? "payment") failed (\(event.resultCode?.rawValue ?? "?")); "
                 + "nothing was charged")
        case .paymentCanceled:
            emit("   coordinator: \(event.paymentRequestId ?? "payment") canceled; the user was not charged")
        case .refundSucceeded:
            emit("   coordinator: refund \(event.refundRequestId ?? "") succeeded")
        case .refundFailed:
            emit("   coordinator: refund \(event.refundRequestId ?? "") failed (\(event.resultCode?.rawValue ?? "?"))")
        case .refundPending:
            emit("   coordinator: refund \(event.refundRequestId ?? "") still unknown; recover() resends it")
        case .bindingCompleted:
            emit("   coordinator: " + (event.message ?? "binding stored") + " stored (token kept, never printed)")
        case .tokenRefreshed:
            emit("   coordinator: access token refreshed")
        case .bindingRemoved:
            emit("   coordinator: " + (event.message ?? "binding removed"))
        case .bindingNeedsReauthorization:
            emit("   coordinator: binding needs the user to authorize again (\(event.resultCode?.rawValue ?? "?"))")
        case .notificationRejected, .notificationMismatch:
            emit("   ✗ \(event.operation ?? "notification") refused: \(event.message ?? event.kind.name)")
        case .warning:
            emit("   warning: " + (event.message ?? ""))
        default:
            break  // paymentStarted, notificationApplied: the step lines already say it
        }
    }

    private func emit(_ text: String) {
        flushInquiries()
        write(text + "\n")
    }

    private func flushInquiries() {
        guard let folded = foldedInquiry else { return }
        foldedInquiry = nil
        if folded.count == 1 {
            write(requestLine(operation: InquiryPaymentRequest.name, id: folded.id, answer: folded.answer,
                              check: "signature verified") + "\n")
            return
        }
        var span = ""
        if let start = payStarted[folded.id] {
            span = ", t+\(Self.offset(from: start, to: folded.first))…t+\(Self.offset(from: start, to: folded.last))"
        }
        write(requestLine(operation: InquiryPaymentRequest.name + " ×\(folded.count)", id: folded.id,
                          answer: folded.answer, check: "all verified" + span) + "\n")
    }

    private func requestLine(operation: String, id: String, answer: String, check: String) -> String {
        "   → " + pad(operation, 19) + pad(id, 13) + "← " + pad(answer, 30) + check
    }

    private func requestId(_ event: AlipayPlusEvent) -> String {
        event.refundRequestId ?? event.paymentRequestId ?? "-"
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text.padding(toLength: width, withPad: " ", startingAt: 0)
    }

    /// "S SUCCESS", "U PAYMENT_IN_PROCESS".
    static func answer(_ status: ResultStatus?, _ code: ResultCode?) -> String {
        let letter: String
        switch status {
        case .success?: letter = "S"
        case .failure?: letter = "F"
        case .unknown?: letter = "U"
        case .other(let text)?: letter = text
        case nil: letter = "?"
        }
        return letter + " " + (code?.rawValue ?? "")
    }

    /// The kind of a failure without its explanation: "transport: TransportError.connectionFailed".
    static func short(_ message: String) -> String {
        let parts = message.components(separatedBy: ": ")
        let head = parts.prefix(2).joined(separator: ": ")
        return head.count > 60 ? String(head.prefix(57)) + "..." : head
    }

    /// "3 s", "60 s", "1.5 s".
    static func seconds(_ duration: Duration) -> String {
        let (whole, atto) = duration.components
        if atto == 0 { return "\(whole) s" }
        return String(format: "%.1f s", Double(whole) + Double(atto) / 1e18)
    }

    private static func offset(from start: Date, to date: Date) -> String {
        "\(Int(date.timeIntervalSince(start).rounded()))s"
    }
}

extension String {
    /// `self` prefixed with a space when `condition` holds, else empty.
    fileprivate func onlyIf(_ condition: Bool) -> String { condition ? " " + self : "" }
}
