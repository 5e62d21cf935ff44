public import AlipayPlus
import Foundation
public import Vapor

extension InboundRequest {
    /// The request as the coordinator wants it: method, path, headers and the raw body bytes,
    /// untouched (the signature covers the exact bytes, so nothing is decoded or re-encoded).
    ///
    /// Header names keep their spelling and order; a header sent twice stays twice (the coordinator
    /// refuses a call with two `Signature` headers).
    ///
    /// - Parameters:
    ///   - request: the Vapor request; a streamed body is collected here.
    ///   - bodyLimit: the most body bytes accepted.
    /// - Throws: `Abort(.payloadTooLarge)` when the body is longer than `bodyLimit` (answered 413);
    ///   the body stream's own error when the connection fails.
    public init(_ request: Request, bodyLimit: Int) async throws {
        let collected = try await request.body.collect(max: bodyLimit).get()
        guard (collected?.readableBytes ?? 0) <= bodyLimit else {
            throw Abort(.payloadTooLarge, reason: "the body is longer than \(bodyLimit) bytes")
        }
        var headers = AlipayPlusTransport.HTTPHeaders()
        for (name, value) in request.headers {
            headers.add(name: name, value: value)
        }
        self.init(method: request.method.rawValue, path: request.url.path, headers: headers,
                  body: collected.map { Data($0.readableBytesView) } ?? Data())
    }
}
