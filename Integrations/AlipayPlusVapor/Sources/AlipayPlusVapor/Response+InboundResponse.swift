public import AlipayPlus
public import Vapor

extension Response {
    /// A Vapor response with exactly the coordinator's status, headers and body bytes.
    ///
    /// The body is sent as it was signed. `Content-Length` is left to Vapor, which writes it from
    /// the body.
    public convenience init(_ answer: InboundResponse) {
        var headers = HTTPHeaders()
        for (name, value) in answer.headers where name.lowercased() != "content-length" {
            headers.add(name: name, value: value)
        }
        self.init(status: HTTPResponseStatus(statusCode: answer.status), headers: headers,
                  body: Body(data: answer.body))
    }
}
