/// An inbound request's path as Alipay+ signed it (without the query) and the call it names (its
/// last non-empty component), read without splitting the path into arrays.
struct InboundPath: Equatable {
    /// The path without `?` and what follows: the content the signature covers.
    let path: String
    /// The last non-empty component of ``path`` (`notifyPayment` of `/alipay/notifyPayment/`).
    let name: String

    init(_ raw: String) {
        let bytes = raw.utf8
        let pathEnd = bytes.firstIndex(of: UInt8(ascii: "?")) ?? bytes.endIndex
        var nameEnd = pathEnd
        while nameEnd > bytes.startIndex, bytes[bytes.index(before: nameEnd)] == UInt8(ascii: "/") {
            nameEnd = bytes.index(before: nameEnd)
        }
        let nameStart = bytes[..<nameEnd].lastIndex(of: UInt8(ascii: "/")).map(bytes.index(after:)) ?? bytes.startIndex
        path = String(raw[..<pathEnd])
        name = String(raw[nameStart..<nameEnd])
    }
}
