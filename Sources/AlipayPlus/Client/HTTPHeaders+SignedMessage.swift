package import AlipayPlusSigning
package import AlipayPlusTransport

extension HTTPHeaders {
    /// The headers of a signed call: `Content-Type`, then `Client-Id`, `Request-Time` and `Signature`
    /// from `message`, in that order (the client's requests, the simulator's notifications, test calls).
    package init(signed message: SignedMessage, contentType: String = "application/json; charset=UTF-8") {
        self.init()
        add(name: "Content-Type", value: contentType)
        add(name: "Client-Id", value: message.clientId)
        add(name: "Request-Time", value: message.time)
        add(name: "Signature", value: message.headerValue)
    }
}
