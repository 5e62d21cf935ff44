import Foundation
import XCTest
@testable import AlipayPlus

/// The journal's record encoder writes what Foundation's `JSONEncoder` writes, value for value:
/// `JSONDecoder` reads both back alike, so journals from before and after it read the same.
final class StreamingJSONEncoderTests: XCTestCase {
    private enum Shape: Codable, Equatable {
        case empty
        case circle(radius: Double)
        case labelled(String, Int)
    }

    private struct Nothing: Codable, Equatable {}

    private struct Everything: Codable, Equatable {
        var text = "plain"
        var flag = true
        var double = 1.5
        var float: Float = 0.25
        var int = -42
        var int8: Int8 = -8
        var int16: Int16 = 16
        var int32: Int32 = -32
        var int64 = Int64.min
        var uint = UInt.max
        var uint8: UInt8 = 255
        var uint16: UInt16 = 65_535
        var uint32 = UInt32.max
        var uint64 = UInt64.max
        var absent: String? = nil
        var present: Int? = 7
        var date = Date(timeIntervalSince1970: 1_795_917_600.125)
        var data = Data([0, 1, 2, 250, 255])
        var url = URL(string: "https://example.com/a?b=c")!
        var decimal = Decimal(string: "-12345.678")!
        var list = [1, 2, 3]
        var empties: [[Int]] = [[], [1], []]
        var dictionary = ["b": 2, "a": 1]
        var numbered = [3: "three"]
        var shapes: [Shape] = [.empty, .circle(radius: 2), .labelled("x", 1)]
        var nothing = Nothing()
        var nested: [String: [Shape?]] = ["k": [nil, .empty]]
    }

    private let decoder = JSONDecoder()

    /// The same JSON structure as `JSONEncoder` writes (key order aside), read back to the same value.
    private func assertSameAsFoundation<T: Codable & Equatable>(_ value: T, file: StaticString = #filePath, line: UInt = #line) throws {
        let streamed = try StreamingJSONEncoder.encode(value)
        let foundation = try JSONEncoder().encode(value)
        XCTAssertEqual(try decoder.decode(T.self, from: Data(streamed)), value, file: file, line: line)
        XCTAssertEqual(try canonical(Data(streamed)), try canonical(foundation), String(decoding: streamed, as: UTF8.self),
                       file: file, line: line)
    }

    /// The JSON re-written with sorted keys by `JSONSerialization`: equal for equal structures.
    private func canonical(_ json: Data) throws -> String {
        let tree = try JSONSerialization.jsonObject(with: json, options: .fragmentsAllowed)
        return String(decoding: try JSONSerialization.data(withJSONObject: tree, options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
    }

    func testEveryKindOfValueMatchesFoundation() throws {
        try assertSameAsFoundation(Everything())
        try assertSameAsFoundation([Everything(), Everything()])
        try assertSameAsFoundation(Nothing())
        try assertSameAsFoundation([Shape.empty])
        try assertSameAsFoundation(["a": Optional<Int>.none, "b": 1])
    }

    func testScalarsAtTheTopLevel() throws {
        try assertSameAsFoundation("top")
        try assertSameAsFoundation(12)
        try assertSameAsFoundation(false)
        try assertSameAsFoundation(Optional<Int>.none)
    }

    func testNumbersReadBackBitForBit() throws {
        let doubles: [Double] = [0, -0.0, 1, -1, 0.1, 1.5, 1e300, -1e-300, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
                                 9_007_199_254_740_991, 9_007_199_254_740_992, 1e16, Double(Int64.max), 817_622_709.123]
        for value in doubles {
            let bytes = try StreamingJSONEncoder.encode([value])
            let back = try decoder.decode([Double].self, from: Data(bytes))[0]
            XCTAssertEqual(back.bitPattern, value.bitPattern, "\(value) → \(String(decoding: bytes, as: UTF8.self))")
        }
        let floats: [Float] = [0, 0.1, 3.4e38, .leastNonzeroMagnitude, 16_777_216]
        for value in floats {
            let back = try decoder.decode([Float].self, from: Data(try StreamingJSONEncoder.encode([value])))[0]
            XCTAssertEqual(back.bitPattern, value.bitPattern, "\(value)")
        }
        let integers: [(value: Int64, text: String)] = [(0, "[0]"), (-1, "[-1]"), (Int64.min, "[-9223372036854775808]"),
                                                          (Int64.max, "[9223372036854775807]")]
        for c in integers {
            XCTAssertEqual(String(decoding: try StreamingJSONEncoder.encode([c.value]), as: UTF8.self), c.text)
        }
        XCTAssertEqual(String(decoding: try StreamingJSONEncoder.encode([UInt64.max]), as: UTF8.self), "[18446744073709551615]")
        XCTAssertEqual(String(decoding: try StreamingJSONEncoder.encode([817_622_709.0]), as: UTF8.self), "[817622709]",
                       "an integral date is written without a fraction, as JSONEncoder writes it")
    }

    func testStringsAreEscapedAsJSONRequires() throws {
        let cases: [(text: String, json: String)] = [
            ("", #"[""]"#),
            ("plain", #"["plain"]"#),
            ("say \"hi\"", #"["say \"hi\""]"#),
            ("back\\slash", #"["back\\slash"]"#),
            ("a/b", #"["a/b"]"#),
            ("line\nfeed\ttab\rreturn", #"["line\nfeed\ttab\rreturn"]"#),
            ("\u{8}\u{c}", #"["\u0008\u000c"]"#),
            ("\u{0}\u{1f}\u{7f}", "[\"\\u0000\\u001f\u{7f}\"]"),
            ("é 漢 🙂 \u{2028}", "[\"é 漢 🙂 \u{2028}\"]"),
        ]
        for c in cases {
            let bytes = try StreamingJSONEncoder.encode([c.text])
            XCTAssertEqual(String(decoding: bytes, as: UTF8.self), c.json)
            XCTAssertEqual(try decoder.decode([String].self, from: Data(bytes)), [c.text])
        }
    }

    func testKeysAreEscapedAndKeepTheirOrder() throws {
        struct Keys: Encodable {
            func encode(to encoder: any Encoder) throws {
                struct Key: CodingKey {
                    var stringValue: String
                    var intValue: Int? { nil }
                    init(stringValue: String) { self.stringValue = stringValue }
                    init?(intValue: Int) { nil }
                }
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(1, forKey: Key(stringValue: "z"))
                try container.encode(2, forKey: Key(stringValue: "q\"uote"))
                try container.encodeNil(forKey: Key(stringValue: "a"))
            }
        }
        XCTAssertEqual(String(decoding: try StreamingJSONEncoder.encode(Keys()), as: UTF8.self), #"{"z":1,"q\"uote":2,"a":null}"#)
    }

    /// Writes into a nested container after its parent moved on: a stream cannot go back.
    private struct GoesBack: Codable, Equatable {
        enum Keys: String, CodingKey { case inner, after, value }
        func encode(to encoder: any Encoder) throws {
            var outer = encoder.container(keyedBy: Keys.self)
            var inner = outer.nestedContainer(keyedBy: Keys.self, forKey: .inner)
            try outer.encode(1, forKey: .after)
            try inner.encode(2, forKey: .value)
        }
        init() {}
        init(from decoder: any Decoder) throws {
            let outer = try decoder.container(keyedBy: Keys.self)
            XCTAssertEqual(try outer.decode(Int.self, forKey: .after), 1)
            XCTAssertEqual(try outer.nestedContainer(keyedBy: Keys.self, forKey: .inner).decode(Int.self, forKey: .value), 2)
        }
    }

    /// Asks for a super encoder, which a stream does not offer.
    private struct UsesSuper: Codable, Equatable {
        enum Keys: String, CodingKey { case base }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            var base = container.superEncoder(forKey: .base).singleValueContainer()
            try base.encode("b")
        }
        init() {}
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            XCTAssertEqual(try container.decode(String.self, forKey: .base), "b")
        }
    }

    /// Fills a keyed container of a super encoder, which a stream does not offer either.
    private struct UsesKeyedSuper: Codable, Equatable {
        enum Keys: String, CodingKey { case base, value }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            var base = container.superEncoder(forKey: .base).container(keyedBy: Keys.self)
            try base.encode(1, forKey: .value)
            var list = base.nestedUnkeyedContainer(forKey: .base)
            try list.encode(2)
        }
        init() {}
        init(from decoder: any Decoder) throws {
            let base = try decoder.container(keyedBy: Keys.self).nestedContainer(keyedBy: Keys.self, forKey: .base)
            XCTAssertEqual(try base.decode(Int.self, forKey: .value), 1)
        }
    }

    /// Encodes nothing at all.
    private struct Silent: Encodable {
        func encode(to encoder: any Encoder) throws {}
    }

    func testValuesAStreamCannotWriteFallBackToFoundation() throws {
        XCTAssertThrowsError(try StreamingJSONEncoder.encode(GoesBack())) { XCTAssertTrue($0 is StreamingJSONEncoder.OutOfOrder, "\($0)") }
        XCTAssertThrowsError(try StreamingJSONEncoder.encode(UsesSuper())) { XCTAssertTrue($0 is StreamingJSONEncoder.OutOfOrder, "\($0)") }
        XCTAssertThrowsError(try StreamingJSONEncoder.encode(UsesKeyedSuper())) { XCTAssertTrue($0 is StreamingJSONEncoder.OutOfOrder, "\($0)") }
        let encoder = JournalRecordEncoder()
        XCTAssertEqual(try decoder.decode(GoesBack.self, from: Data(try encoder.encode(GoesBack()))), GoesBack())
        XCTAssertEqual(try decoder.decode(UsesSuper.self, from: Data(try encoder.encode(UsesSuper()))), UsesSuper())
        XCTAssertEqual(try decoder.decode(UsesKeyedSuper.self, from: Data(try encoder.encode(UsesKeyedSuper()))), UsesKeyedSuper())
    }

    func testAValueThatEncodesNothingIsAnErrorAtTheTopAndAnEmptyObjectInside() throws {
        XCTAssertThrowsError(try StreamingJSONEncoder.encode(Silent())) { XCTAssertTrue($0 is EncodingError, "\($0)") }
        XCTAssertThrowsError(try JournalRecordEncoder().encode(Silent())) { XCTAssertTrue($0 is EncodingError, "\($0)") }
        XCTAssertEqual(String(decoding: try StreamingJSONEncoder.encode([Silent()]), as: UTF8.self), "[{}]")
        XCTAssertEqual(String(decoding: try JSONEncoder().encode([Silent()]), as: UTF8.self), "[{}]")
    }

    func testWhatJSONCannotHoldFailsWithFoundationsError() {
        let encoder = JournalRecordEncoder()
        for value in [Double.nan, .infinity, -.infinity] {
            XCTAssertThrowsError(try StreamingJSONEncoder.encode([value]))
            XCTAssertThrowsError(try encoder.encode([value])) { XCTAssertTrue($0 is EncodingError, "\($0)") }
        }
        XCTAssertThrowsError(try StreamingJSONEncoder.encode([Decimal.nan]), "the stream never writes NaN itself")
    }

    func testTheStoresRecordsMatchFoundation() throws {
        var payment = PaymentRecord(paymentRequestId: "PAY-1", merchantUserId: "user \"1\"", bindingId: "BND-1",
                                    amount: Amount(currency: "HKD", value: "1999"), referenceOrderId: "ORDER-1",
                                    state: .succeeded, createdAt: Date(timeIntervalSince1970: 1_795_917_600.5))
        payment.paymentId = "2026120211"
        payment.paymentTime = Date(timeIntervalSince1970: 1_795_917_601)
        payment.failureCode = nil
        payment.version = 3
        let changes: [StoreChange] = [.payment(payment), .notification("notifyPayment:abc"), .fencingReserve(4_096)]
        let streamed = try StreamingJSONEncoder.encode([changes])
        let read = try decoder.decode([[StoreChange]].self, from: Data(streamed))
        XCTAssertEqual(try canonical(try JSONEncoder().encode(read)), try canonical(try JSONEncoder().encode([changes])),
                       String(decoding: streamed, as: UTF8.self))
        XCTAssertEqual(try canonical(Data(streamed)), try canonical(try JSONEncoder().encode([changes])))
        guard case .payment(let back)? = read.first?.first else { return XCTFail("\(read)") }
        XCTAssertEqual(back, payment)
    }
}
