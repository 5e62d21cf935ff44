import XCTest
@testable import AlipayPlus

/// What an inbound request's path means: the signed path is everything before `?`, the call is its
/// last non-empty component.
final class InboundPathTests: XCTestCase {
    func testTheSignedPathStopsAtTheQueryAndTheCallIsTheLastNonEmptyComponent() {
        let table: [(raw: String, path: String, name: String)] = [
            ("/alipay/notifyPayment", "/alipay/notifyPayment", "notifyPayment"),
            ("/alipay/notifyPayment?trace=1&x=/y", "/alipay/notifyPayment", "notifyPayment"),
            ("/alipay/notifyPayment/", "/alipay/notifyPayment/", "notifyPayment"),
            ("/alipay//authNotify//", "/alipay//authNotify//", "authNotify"),
            ("notifyPayment", "notifyPayment", "notifyPayment"),
            ("/", "/", ""),
            ("", "", ""),
            ("?notifyPayment", "", ""),
            ("/ünïcode/consultUnbinding?q", "/ünïcode/consultUnbinding", "consultUnbinding"),
        ]
        for row in table {
            let read = InboundPath(row.raw)
            XCTAssertEqual(read.path, row.path, "path of '\(row.raw)'")
            XCTAssertEqual(read.name, row.name, "call of '\(row.raw)'")
        }
    }
}
