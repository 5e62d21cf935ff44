import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The example's own JSON answers and request bodies (its merchant and control APIs, not the
/// Alipay+ endpoints, which AlipayPlusHummingbird mounts).
public enum JSONReply {
    /// A JSON response (sorted keys, so answers are stable to read and compare).
    public static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        var fields = HTTPFields()
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A JSON error: `{"error": code, "message": ...}`.
    public static func error(_ status: HTTPResponse.Status, _ code: String, _ message: String) -> Response {
        json(["error": code, "message": message], status: status)
    }

    /// Decodes a JSON request body (at most 64 KiB), answering 400 through `BadRequest` when it does
    /// not decode.
    public static func decode<Value: Decodable>(_ type: Value.Type, from request: Request) async throws -> Value {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        let data = Data(buffer.readableBytesView)
        do {
            return try JSONDecoder().decode(type, from: data.isEmpty ? Data("{}".utf8) : data)
        } catch {
            throw BadRequest(message: "the JSON body does not decode: \(error)")
        }
    }
}

/// A client error answered as 400 with a JSON body.
public struct BadRequest: Error, HTTPResponseError {
    public var message: String
    public init(message: String) { self.message = message }
    public var status: HTTPResponse.Status { .badRequest }
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        JSONReply.error(.badRequest, "badRequest", message)
    }
}
