import AlipayPlusModels
import Foundation
import XCTest

/// Every type survives encode → decode unchanged.
final class RoundTripTests: XCTestCase {
    private func roundTrip<T: Codable & Equatable>(_ value: T, file: StaticString = #filePath, line: UInt = #line) {
        do {
            let data = try AlipayPlusJSON.encode(value)
            let back = try AlipayPlusJSON.decode(T.self, from: data)
            XCTAssertEqual(back, value, "\(T.self): \(String(decoding: data, as: UTF8.self))", file: file, line: line)
            XCTAssertEqual(try AlipayPlusJSON.encode(back), data, "\(T.self) re-encodes to the same bytes", file: file, line: line)
        } catch {
            XCTFail("\(T.self): \(error)", file: file, line: line)
        }
    }

    private let result = APIResult(resultCode: .paymentInProcess, resultStatus: .unknown, resultMessage: "in process")
    private let amount = Amount(currency: "KWD", minorUnits: 1234)
    private let wallet = Wallet(walletName: "ALIPAY_HK", walletBrandName: "AlipayHK", walletLogo: Logo(logoName: "l", logoUrl: "https://x/l.png"), walletRegion: "HK")

    func testCommonObjects() {
        roundTrip(result)
        roundTrip(APIResult.success)
        roundTrip(amount)
        roundTrip(Fixtures.order)
        roundTrip(Fixtures.order.merchant)
        roundTrip(Fixtures.order.merchant.store!)
        roundTrip(Fixtures.order.buyer!)
        roundTrip(UserName(firstName: "a", middleName: "b", lastName: "c", fullName: "d"))
        roundTrip(Fixtures.order.goods![0])
        roundTrip(Fixtures.order.shipping!)
        roundTrip(Address(region: "HK", state: "HK", city: "c", address1: "1", address2: "2", zipCode: "000"))
        roundTrip(Env(terminalType: .wap, osType: .android, userAgent: "ua"))
        roundTrip(PaymentMethod(paymentMethodType: "CONNECT_WALLET", paymentMethodId: "tok", customerId: "c"))
        roundTrip(PaymentFactor(isAgreementPayment: true, isInStorePayment: false, isCashierPayment: false,
                                inStorePaymentScenario: "PaymentCode", presentmentMode: .unified, isPaymentEvaluation: true))
        roundTrip(SettlementStrategy(settlementCurrency: "USD"))
        roundTrip(Fixtures.payResponse.settlementQuote!)
        roundTrip(Transaction(transactionResult: .success, transactionId: "T", transactionRequestId: "R", transactionType: .refund,
                              transactionStatus: .processing, transactionAmount: amount, transactionTime: Fixtures.time))
        roundTrip(wallet)
        roundTrip(Logo(logoName: "n", logoUrl: "u"))
    }

    func testAuthorizationTypes() {
        roundTrip(PrepareRequest(authClientId: "M1", authClientName: "Demo Ltd", authClientDisplayName: "Demo",
                                 authClientLogo: "https://x/l.png", referenceMerchantId: "M1", referenceAgreementId: "A1",
                                 authRedirectUrl: "https://m.example/r?x=1", authState: "S", terminalType: .web, osType: nil,
                                 passThroughInfo: "{\"k\":\"v\"}"))
        roundTrip(PrepareResponse(result: .success, authUrl: "https://a", normalUrl: "https://n", applinkUrl: "https://l",
                                  schemeUrl: "wallet://s", appIdentifier: "com.w", authCodeForm: "qr"))
        roundTrip(ApplyTokenRequest.authorizationCode(authClientId: "M1", authCode: "code"))
        roundTrip(ApplyTokenRequest.refreshToken(authClientId: "M1", refreshToken: "rt"))
        roundTrip(ApplyTokenResponse(result: .success, accessToken: "at", accessTokenExpiryTime: Fixtures.time, refreshToken: "rt",
                                     refreshTokenExpiryTime: Fixtures.time.addingTimeInterval(86_400), walletForAccountBinding: wallet,
                                     customerId: "c", pspId: "p", userLoginId: "u"))
        roundTrip(CancelTokenRequest(accessToken: "at", authClientId: "M1", passThroughInfo: "x"))
        roundTrip(CancelTokenResponse(result: .success))
    }

    func testPaymentTypes() {
        roundTrip(Fixtures.pay)
        roundTrip(Fixtures.payResponse)
        roundTrip(InquiryPaymentRequest(paymentRequestId: "P", paymentId: "I"))
        roundTrip(InquiryPaymentResponse(result: .success, paymentResult: result, acquirerId: "a", pspId: "p", paymentRequestId: "P",
                                         paymentId: "I", paymentAmount: amount, paymentTime: Fixtures.time, customerId: "c",
                                         walletBrandName: "w", transactions: [Transaction(transactionId: "T", transactionType: .payment)],
                                         settlementAmount: amount, settlementQuote: Quote(quoteId: "q"),
                                         customsDeclarationAmount: amount, mppPaymentId: "m"))
        roundTrip(CancelPaymentRequest(paymentRequestId: "P"))
        roundTrip(CancelPaymentResponse(result: .success, pspId: "p", acquirerId: "a"))
        roundTrip(RefundRequest(paymentRequestId: "P", refundRequestId: "R", refundAmount: amount, refundReason: "r"))
        roundTrip(RefundResponse(result: .success, acquirerId: "a", pspId: "p", refundId: "RI", refundTime: Fixtures.time,
                                 refundAmount: amount, settlementAmount: amount, settlementQuote: Quote(quotePrice: 7)))
        roundTrip(ConsultPaymentRequest(paymentAmount: Amount(currency: "HKD", minorUnits: 0),
                                        settlementStrategy: SettlementStrategy(settlementCurrency: "HKD"), userRegion: "HK",
                                        allowedPspRegions: ["HK", "CN"], merchant: Fixtures.order.merchant, referenceUserId: "u",
                                        env: Env(terminalType: .web)))
        roundTrip(ConsultPaymentResponse(result: .success, paymentOptions: [
            PaymentOption(paymentMethodType: "CONNECT_WALLET", paymentMethodCategory: "WALLET", enabled: true, preferred: false,
                          disableReason: "d", logo: Logo(logoName: "n"),
                          paymentOptionDetail: PaymentOptionDetail(paymentOptionDetailType: "CONNECT_WALLET",
                                                                   connectWallet: ConnectWallet(supportWallets: [wallet]))),
        ]))
    }

    func testNotificationTypes() {
        roundTrip(NotifyPaymentRequest(paymentResult: .success, paymentRequestId: "P", paymentId: "I", acquirerId: "a", pspId: "p",
                                       customerId: "c", paymentAmount: amount, paymentTime: Fixtures.time, walletBrandName: "w",
                                       settlementAmount: amount, settlementQuote: Quote(quoteId: "q"),
                                       customsDeclarationAmount: amount, mppPaymentId: "m"))
        roundTrip(AuthNotifyRequest(authorizationNotifyType: .tokenCreated, authClientId: "M1", referenceMerchantId: "M1",
                                    authCode: "c", authState: "s", accessToken: "at", referenceAgreementId: "A",
                                    walletForAccountBinding: wallet, reason: "r", pspId: "p", acquirerId: "a", passThroughInfo: "x"))
        roundTrip(ConsultUnbindingRequest(authClientId: "M1", referenceMerchantId: "M1", accessToken: "at", acquirerId: "a", pspId: "p"))
        roundTrip(ConsultUnbindingResponse.allow)
        roundTrip(ConsultUnbindingResponse.refuse)
        roundTrip(NotificationAcknowledgement.success)
        roundTrip(NotificationAcknowledgement.failure())
        roundTrip(NotifyRegistrationStatusRequest(registrationRequestId: "R", registrationResult: .success,
                                                  registrationStatus: .approved, referenceMerchantId: "M", referenceStoreId: "S",
                                                  pspId: "p", rejectReason: "x"))
    }

    func testRegistrationTypes() {
        roundTrip(RegistrationRequest(registrationRequestId: "R", merchantInfo: Fixtures.order.merchant, productCodes: ["AUTO_DEBIT"], passThroughInfo: "x"))
        roundTrip(RegistrationResponse(result: .success))
        roundTrip(InquiryRegistrationStatusRequest(registrationRequestId: "R", referenceMerchantId: "M", referenceStoreId: "S"))
        roundTrip(InquiryRegistrationStatusResponse(result: .success, registrationResult: .success, registrationStatus: .unknown("UNDER_REVIEW"), rejectReason: "x"))
    }
}
