import AlipayPlusTransport
import XCTest

final class HTTPHeadersTests: XCTestCase {
    func testNamesAreCaseInsensitive() {
        let headers: HTTPHeaders = ["Content-Type": "application/json", "Client-Id": "SANDBOX_1"]
        XCTAssertEqual(headers["content-type"], "application/json")
        XCTAssertEqual(headers["CLIENT-ID"], "SANDBOX_1")
        XCTAssertNil(headers["Signature"])
        XCTAssertTrue(headers.contains(name: "client-id"))
    }

    func testDuplicatesAndOrderAreKept() {
        var headers = HTTPHeaders()
        headers.add(name: "Accept", value: "a")
        headers.add(name: "X-One", value: "1")
        headers.add(name: "accept", value: "b")
        XCTAssertEqual(headers.values(for: "ACCEPT"), ["a", "b"])
        XCTAssertEqual(headers["Accept"], "a")
        XCTAssertEqual(headers.map(\.name), ["Accept", "X-One", "accept"])
        XCTAssertEqual(headers.map(\.value), ["a", "1", "b"])
        XCTAssertEqual(headers.count, 3)
    }

    func testSubscriptSetReplacesAllAtFirstPosition() {
        var headers = HTTPHeaders([(name: "A", value: "1"), (name: "B", value: "2"), (name: "a", value: "3")])
        headers["a"] = "new"
        XCTAssertEqual(headers.map(\.name), ["a", "B"])
        XCTAssertEqual(headers.values(for: "A"), ["new"])
        headers["C"] = "c"
        XCTAssertEqual(headers.map(\.name), ["a", "B", "C"])
        headers["b"] = nil
        XCTAssertEqual(headers.map(\.name), ["a", "C"])
        headers.remove(name: "c")
        XCTAssertEqual(headers.map(\.name), ["a"])
    }

    func testEqualityIgnoresNameCaseButNotValuesOrOrder() {
        let one: HTTPHeaders = ["Content-Type": "x", "Accept": "y"]
        let sameDifferentCase: HTTPHeaders = ["content-type": "x", "ACCEPT": "y"]
        let otherOrder: HTTPHeaders = ["Accept": "y", "Content-Type": "x"]
        let otherValue: HTTPHeaders = ["Content-Type": "X", "Accept": "y"]
        XCTAssertEqual(one, sameDifferentCase)
        XCTAssertEqual(one.hashValue, sameDifferentCase.hashValue)
        XCTAssertNotEqual(one, otherOrder)
        XCTAssertNotEqual(one, otherValue)
    }

    func testDescriptionRedactsSignature() {
        let headers: HTTPHeaders = ["signature": "algorithm=RSA256, keyVersion=1, signature=SECRETVALUE", "Client-Id": "C1"]
        XCTAssertFalse(headers.description.contains("SECRETVALUE"))
        XCTAssertTrue(headers.description.contains("Client-Id: C1"))
    }

    func testSingleValuesAreThoseOfNamesPresentExactlyOnce() {
        var headers: HTTPHeaders = ["Client-Id": "C1", "signature": "S1", "Accept": "x"]
        headers.add(name: "ACCEPT", value: "y")
        XCTAssertEqual(headers.singleValues(of: ["client-id", "Signature", "Accept", "Request-Time"]), ["C1", "S1", nil, nil])
        XCTAssertEqual(HTTPHeaders().singleValues(of: ["A"]), [nil])
    }
}
