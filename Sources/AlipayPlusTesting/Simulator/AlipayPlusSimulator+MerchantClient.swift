public import AlipayPlus
public import AlipayPlusTransport

extension AlipayPlusSimulator {
    /// A merchant client that talks to this simulator as the test merchant of ``TestKeys``, on the
    /// simulator's clock: the client most tests build, in one call.
    ///
    /// The client signs with `TestKeys.merchantPrivateKey` under ``TestKeys/merchantClientId``, trusts
    /// ``alipayPlusPublicKey``, is pointed at ``baseURL`` and reads the time (request times, deadlines,
    /// back-off waits) from the configuration's `clock`, so a ``VirtualClock`` given to the simulator
    /// drives both sides. Set the simulator up with `TestKeys.merchantClientId` and
    /// `TestKeys.merchantPublicKey` so that the client's signatures verify:
    ///
    /// ```swift
    /// let clock = VirtualClock()
    /// let simulator = AlipayPlusSimulator(configuration: try .init(
    ///     merchantClientId: TestKeys.merchantClientId, merchantPublicKey: TestKeys.merchantPublicKey, clock: clock))
    /// let client = try simulator.merchantClient()
    /// ```
    ///
    /// Build the `AlipayPlusClient.Configuration` yourself when a test needs other keys, another host,
    /// other timeouts or another clock.
    ///
    /// - Parameters:
    ///   - transport: What the client sends through; the simulator itself when `nil`. Pass a transport
    ///     that wraps the simulator to hold, fail or record calls on their way.
    ///   - retryPolicy: How long the client waits between attempts that are safe to repeat
    ///     (`RetryPolicy.default` unless given; `.none` makes failures show at once).
    ///   - eventHandler: Receives the client's events.
    /// - Throws: `AlipayPlusError` with code `configuration` when the simulator signs with the test
    ///   merchant's own key (`TestKeys.merchantPrivateKey` given as its `alipayPlusPrivateKey`): the client
    ///   would refuse every answer. Give the simulator another key, or none for a fresh one.
    public nonisolated func merchantClient(
        transport: (any HTTPTransport)? = nil,
        retryPolicy: any RetryPolicy = .default,
        eventHandler: (@Sendable (AlipayPlusEvent) -> Void)? = nil
    ) throws -> AlipayPlusClient {
        let configuration = try AlipayPlusClient.Configuration(
            clientId: TestKeys.merchantClientId, privateKey: TestKeys.merchantPrivateKey,
            alipayPlusPublicKeys: AlipayPlusPublicKeys(alipayPlusPublicKey),
            environment: .custom(Self.baseURL), retryPolicy: retryPolicy, clock: configuration.clock,
            eventHandler: eventHandler
        )
        return AlipayPlusClient(configuration: configuration, transport: transport ?? self)
    }
}
