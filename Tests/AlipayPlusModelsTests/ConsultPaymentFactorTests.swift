import AlipayPlusModels
import Foundation
import XCTest

/// consultPayment's page documents cashier factor values only: an Auto Debit consult sends no
/// `paymentFactor` unless the caller chooses one.
final class ConsultPaymentFactorTests: XCTestCase {
    private func body(_ request: ConsultPaymentRequest) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: AlipayPlusJSON.encode(request)) as? [String: Any])
    }

    func testAConsultSendsNoUndocumentedPaymentFactorByDefault() throws {
        let request = ConsultPaymentRequest(paymentAmount: Amount(currency: "HKD", minorUnits: 0),
                                            settlementStrategy: SettlementStrategy(settlementCurrency: "HKD"))
        XCTAssertNil(try body(request)["paymentFactor"])
        XCTAssertEqual(request.validate(), [])
    }

    func testAConsultSendsThePaymentFactorTheCallerChose() throws {
        let request = ConsultPaymentRequest(paymentAmount: Amount(currency: "HKD", minorUnits: 0), paymentFactor: .autoDebit,
                                            settlementStrategy: SettlementStrategy(settlementCurrency: "HKD"))
        let factor = try XCTUnwrap(try body(request)["paymentFactor"] as? [String: Any])
        XCTAssertEqual(factor["isAgreementPayment"] as? String, "true")
    }
}
