public import AlipayPlus
import AlipayPlusModels
public import Logging

/// The structured metadata of an event's log line.
///
/// Keys are the names of `AlipayPlusEvent`'s `description` (`operation`, `path`,
/// `attempt`, `httpStatus`, `resultCode`, `resultStatus`, `latencyMs`, `paymentRequestId`,
/// `refundRequestId`, `merchantUserId`, `bindingId`, `message`); a field the event does not carry is
/// left out. The message is the event's `singleLineMessage` (one line), passed through the library's `Redaction` as a last guard,
/// although events never carry secrets.
public enum EventLogMetadata {
    /// The metadata of `event`.
    public static func metadata(of event: AlipayPlusEvent) -> Logger.Metadata {
        var metadata: Logger.Metadata = [:]
        if let operation = event.operation { metadata["operation"] = "\(operation)" }
        if let path = event.path { metadata["path"] = "\(path)" }
        if let attempt = event.attempt { metadata["attempt"] = "\(attempt)" }
        if let status = event.httpStatus { metadata["httpStatus"] = "\(status)" }
        if let code = event.resultCode { metadata["resultCode"] = "\(code.rawValue)" }
        if let status = event.resultStatus { metadata["resultStatus"] = "\(status.rawValue)" }
        if let latency = event.latency { metadata["latencyMs"] = "\(DurationUnits.milliseconds(of: latency))" }
        if let id = event.paymentRequestId { metadata["paymentRequestId"] = "\(id)" }
        if let id = event.refundRequestId { metadata["refundRequestId"] = "\(id)" }
        if let user = event.merchantUserId { metadata["merchantUserId"] = "\(user)" }
        if let binding = event.bindingId { metadata["bindingId"] = "\(binding)" }
        if let message = event.singleLineMessage { metadata["message"] = "\(Redaction.redact(message))" }
        return metadata
    }
}
