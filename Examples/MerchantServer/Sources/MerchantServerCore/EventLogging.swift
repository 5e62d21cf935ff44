import AlipayPlus
import Logging

/// Feeds the library's events into swift-log.
///
/// `AlipayPlusEvent.description` is `key=value` pairs with no secrets (no tokens, auth codes or
/// keys); each pair becomes log metadata so log pipelines can index it.
public enum EventLogging {
    /// An event handler for `AlipayPlusClient.Configuration.eventHandler`.
    public static func handler(_ logger: Logger) -> @Sendable (AlipayPlusEvent) -> Void {
        { event in
            logger.log(level: level(for: event.kind), "alipayplus.\(event.kind)", metadata: metadata(event))
        }
    }

    static func level(for kind: AlipayPlusEvent.Kind) -> Logger.Level {
        switch kind {
        case .requestStarted, .requestFinished: .debug
        case .attemptFailed, .paymentPending, .refundPending: .notice
        case .requestFailed, .warning, .notificationRejected, .notificationMismatch, .bindingNeedsReauthorization: .warning
        default: .info
        }
    }

    static func metadata(_ event: AlipayPlusEvent) -> Logger.Metadata {
        var metadata: Logger.Metadata = [:]
        if let operation = event.operation { metadata["operation"] = "\(operation)" }
        if let path = event.path { metadata["path"] = "\(path)" }
        if let attempt = event.attempt { metadata["attempt"] = "\(attempt)" }
        if let status = event.httpStatus { metadata["httpStatus"] = "\(status)" }
        if let code = event.resultCode { metadata["resultCode"] = "\(code.rawValue)" }
        if let status = event.resultStatus { metadata["resultStatus"] = "\(status)" }
        if let latency = event.latency {
            let (seconds, attoseconds) = latency.components
            metadata["latencyMs"] = "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000)"
        }
        if let id = event.paymentRequestId { metadata["paymentRequestId"] = "\(id)" }
        if let id = event.refundRequestId { metadata["refundRequestId"] = "\(id)" }
        if let user = event.merchantUserId { metadata["merchantUserId"] = "\(user)" }
        if let message = event.message { metadata["message"] = "\(Redact.text(message))" }
        return metadata
    }
}

/// Last-line redaction for anything this example logs itself.
public enum Redact {
    /// Secret query items and JSON fields, as they may appear in URLs and messages.
    static let secretNames = ["authCode", "accessToken", "refreshToken", "customerId", "paymentMethodId"]

    /// `text` with the values of secret `name=value` query items and `"name":"value"` JSON fields
    /// replaced by `<redacted>`.
    public static func text(_ text: String) -> String {
        var result = text
        for name in secretNames {
            result = replace(in: result, pattern: "(\(name)=)[^&\\s\"]+")
            result = replace(in: result, pattern: "(\"\(name)\"\\s*:\\s*\")[^\"]*")
        }
        return result
    }

    private static func replace(in text: String, pattern: String) -> String {
        guard let regex = try? Regex(pattern) else { return text }
        return text.replacing(regex) { match in
            "\(match.output[1].substring ?? "")<redacted>"
        }
    }
}
