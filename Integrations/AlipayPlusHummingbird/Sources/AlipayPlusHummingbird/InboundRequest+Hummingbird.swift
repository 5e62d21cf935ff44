public import AlipayPlus
import Foundation
public import Hummingbird

extension InboundRequest {
    /// The request as the coordinator wants it: method, path, headers and the raw body bytes,
    /// untouched (the signature covers the exact bytes, so nothing is decoded or re-encoded).
    ///
    /// Header names keep their spelling and order; a header sent twice stays twice (the coordinator
    /// refuses a call with two `Signature` headers).
    ///
    /// - Parameters:
    ///   - request: the Hummingbird request; its body is read here.
    ///   - bodyLimit: the most bytes read; a longer body is refused.
    /// - Throws: `NIOTooManyBytesError` when the body is longer than `bodyLimit` (Hummingbird answers
    ///   it with 413 Content Too Large); the body stream's own error when the connection fails.
    public init(_ request: Request, bodyLimit: Int) async throws {
        let body = try await request.body.collect(upTo: bodyLimit)
        var headers = HTTPHeaders()
        for field in request.headers {
            headers.add(name: field.name.rawName, value: field.value)
        }
        self.init(method: request.method.rawValue, path: request.uri.path, headers: headers,
                  body: Data(body.readableBytesView))
    }
}
