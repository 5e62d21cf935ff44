import XCTest
@testable import AlipayPlus

/// Which Content-Type values an inbound call may carry: JSON in any case, with any parameters.
final class InboundContentTypeTests: XCTestCase {
    func testOnlyApplicationJSONIsAcceptedInAnyCaseWithAnyParameters() {
        let table: [(contentType: String, isJSON: Bool)] = [
            ("application/json", true),
            ("application/json; charset=UTF-8", true),
            ("Application/JSON;charset=utf-8", true),
            ("  application/json \t; q=1", true),
            ("application/json\t", true),
            ("application/jsonp", false),
            ("application/jso", false),
            ("text/plain; charset=UTF-8", false),
            ("application/x-www-form-urlencoded", false),
            ("", false),
            (";application/json", false),
            ("application/json-patch+json", false),
            ("applicationXjson", false),
        ]
        for row in table {
            XCTAssertEqual(AutoDebitCoordinator.isJSON(contentType: row.contentType), row.isJSON, "'\(row.contentType)'")
        }
    }
}
