/// An error a transport throws for a programming mistake, not for a network fault (for example a
/// recorded-response cassette whose next request does not match the recording).
///
/// The client and the coordinator rethrow such an error at once and unchanged: it is never retried,
/// never turned into an unknown outcome, and never resolved by inquiry. Conform your own test
/// transports' errors to it when a mismatch means the test itself is wrong.
public protocol UnrecoverableTransportError: Error {}
