import AlipayPlusModels
import Foundation

/// Sample values shared by the tests.
enum Fixtures {
    static let time = Date(timeIntervalSince1970: 1_700_000_000)

    static var order: Order {
        Order(
            referenceOrderId: "ORDER_0001",
            orderDescription: "Monthly plan",
            orderAmount: Amount(currency: "HKD", minorUnits: 599),
            merchant: Merchant(
                referenceMerchantId: "M0001", merchantMCC: "5732", merchantName: "Demo Ltd",
                merchantDisplayName: "Demo", merchantAddress: Address(region: "HK", city: "Hong Kong"),
                store: Store(referenceStoreId: "S1", storeName: "Main store", storeMCC: "5732")),
            buyer: Buyer(referenceBuyerId: "U1", buyerName: UserName(firstName: "Tai", lastName: "Man"), buyerEmail: "a@b.example"),
            goods: [Goods(referenceGoodsId: "G1", goodsName: "Plan", goodsUnitAmount: Amount(currency: "HKD", minorUnits: 599), goodsQuantity: 1)],
            shipping: Shipping(shippingName: UserName(fullName: "Chan Tai Man"), shippingAddress: Address(region: "HK"), shippingCarrier: "SF"),
            env: Env(terminalType: .app, osType: .iOS, userAgent: "Demo/1.0"))
    }

    static let accessToken: Secret = "AT-SECRET-281010133AB2F588D14B4323"

    static var pay: PayRequest {
        .autoDebit(paymentRequestId: "PAY_20240101_0001", accessToken: accessToken,
                   amount: Amount(currency: "HKD", minorUnits: 599), order: order, settlementCurrency: "HKD",
                   paymentExpiryTime: time, paymentNotifyUrl: "https://acqp.example.com/alipayplus/notifyPayment")
    }

    static var payResponse: PayResponse {
        PayResponse(result: .success, acquirerId: "1021234567891230001", pspId: "1022188000000000001",
                    paymentId: "20240101190000000000001", paymentTime: time, paymentAmount: Amount(currency: "HKD", minorUnits: 599),
                    customerId: "2088000000000001", walletBrandName: "AlipayHK",
                    settlementAmount: Amount(currency: "USD", minorUnits: 77),
                    settlementQuote: Quote(quoteId: "Q1", quoteCurrencyPair: "HKD/USD", quotePrice: Decimal(string: "0.1282")!,
                                           quoteStartTime: time, quoteExpiryTime: time, baseCurrency: "HKD", quoteUnit: "1"))
    }

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try AlipayPlusJSON.encode(value), as: UTF8.self)
    }

    static func object(_ data: Data) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
}
