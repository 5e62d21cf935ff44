public import AlipayPlusModels

/// What the simulated wallet does with one pay, set before the pay arrives.
public enum PaymentScript: Sendable, Hashable {
    /// The pay succeeds at once (the default).
    case succeed
    /// The pay fails at once with `code` (`F`), e.g. `.userBalanceNotEnough`.
    case fail(ResultCode)
    /// The pay answers `PAYMENT_IN_PROCESS` (`U`); inquiries keep answering `U` until the
    /// `afterInquiries`-th one (counted from 1; 0 counts as 1), which reports `then`.
    case unknown(then: FinalPaymentOutcome, afterInquiries: Int)
    /// The pay answers `PAYMENT_IN_PROCESS` and never resolves: only cancelPayment ends it.
    case neverResolves
}

/// A final payment result a ``PaymentScript/unknown(then:afterInquiries:)`` payment turns into.
public enum FinalPaymentOutcome: Sendable, Hashable {
    /// Paid.
    case succeed
    /// Failed with this code.
    case fail(ResultCode)
}

/// A transport fault the simulator injects instead of (or around) a normal exchange.
public enum TransportFault: Sendable, Hashable {
    /// Waits this long on the simulator's clock before processing.
    case latency(Duration)
    /// Throws `TransportError.connectionFailed` (`.notSent`) before anything is processed.
    case connectionFailure
    /// Processes the request, then throws `TransportError.timedOut` (`.possiblySent`): the answer is lost.
    case responseLost
    /// Processes the request, then answers this HTTP status (5xx) with an HTML body, as a proxy would.
    case httpError(status: Int)
    /// Processes the request, then answers 200 with a correctly signed body that is not JSON.
    case malformedBody
    /// Processes the request, then answers with a signature that does not match the body.
    case badSignature
    /// Processes the request, then answers without a `Signature` header.
    case missingSignature
}
