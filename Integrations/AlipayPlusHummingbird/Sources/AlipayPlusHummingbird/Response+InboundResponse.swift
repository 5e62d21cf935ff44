public import AlipayPlus
import HTTPTypes
public import Hummingbird
import NIOCore

extension Response {
    /// A Hummingbird response with exactly the coordinator's status, headers and body bytes.
    ///
    /// The body is sent as it was signed. `Content-Length` is left to Hummingbird, which writes it
    /// from the body; a header whose name HTTP does not allow is dropped.
    public init(_ answer: InboundResponse) {
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            guard let fieldName = HTTPField.Name(name), fieldName != .contentLength else { continue }
            fields.append(HTTPField(name: fieldName, value: value))
        }
        self.init(status: .init(code: answer.status), headers: fields,
                  body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
