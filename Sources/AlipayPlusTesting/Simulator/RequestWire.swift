import AlipayPlusModels
import Foundation

/// Decodable mirrors of the request models (which are encode-only): the simulator decodes what the
/// merchant sent into these, then builds the real model to run its `validate()`.
protocol RequestWire: Decodable {
    associatedtype Model: AlipayPlusOperation
    var model: Model { get }
}

struct PrepareWire: RequestWire {
    var authClientId: String
    var authClientName: String
    var authClientDisplayName: String?
    var authClientLogo: String?
    var referenceMerchantId: String?
    var referenceAgreementId: String?
    var authRedirectUrl: String
    var scopes: [String]?
    var authState: String?
    var terminalType: TerminalType?
    var osType: OSType?
    var passThroughInfo: String?

    var model: PrepareRequest {
        PrepareRequest(
            authClientId: authClientId, authClientName: authClientName, authClientDisplayName: authClientDisplayName,
            authClientLogo: authClientLogo, referenceMerchantId: referenceMerchantId,
            referenceAgreementId: referenceAgreementId, authRedirectUrl: authRedirectUrl, scopes: scopes,
            authState: authState, terminalType: terminalType, osType: osType, passThroughInfo: passThroughInfo
        )
    }
}

struct ApplyTokenWire: RequestWire {
    var authClientId: String
    var grantType: GrantType
    var authCode: Secret?
    var refreshToken: Secret?
    var passThroughInfo: String?

    var model: ApplyTokenRequest {
        ApplyTokenRequest(authClientId: authClientId, grantType: grantType, authCode: authCode,
                          refreshToken: refreshToken, passThroughInfo: passThroughInfo)
    }
}

struct CancelTokenWire: RequestWire {
    var accessToken: Secret
    var authClientId: String
    var passThroughInfo: String?

    var model: CancelTokenRequest {
        CancelTokenRequest(accessToken: accessToken, authClientId: authClientId, passThroughInfo: passThroughInfo)
    }
}

struct PayWire: RequestWire {
    var order: Order
    var paymentRequestId: String
    var paymentAmount: Amount
    var paymentMethod: PaymentMethod
    var paymentFactor: PaymentFactor
    var settlementStrategy: SettlementStrategy
    var paymentExpiryTime: Date?
    var paymentNotifyUrl: String?
    var userRegion: String?

    var model: PayRequest {
        PayRequest(order: order, paymentRequestId: paymentRequestId, paymentAmount: paymentAmount,
                   paymentMethod: paymentMethod, paymentFactor: paymentFactor, settlementStrategy: settlementStrategy,
                   paymentExpiryTime: paymentExpiryTime, paymentNotifyUrl: paymentNotifyUrl, userRegion: userRegion)
    }
}

struct InquiryPaymentWire: RequestWire {
    var paymentRequestId: String?
    var paymentId: String?

    var model: InquiryPaymentRequest {
        InquiryPaymentRequest(paymentRequestId: paymentRequestId, paymentId: paymentId)
    }
}

struct CancelPaymentWire: RequestWire {
    var paymentRequestId: String?
    var paymentId: String?

    var model: CancelPaymentRequest {
        CancelPaymentRequest(paymentRequestId: paymentRequestId, paymentId: paymentId)
    }
}

struct RefundWire: RequestWire {
    var paymentRequestId: String?
    var paymentId: String?
    var refundRequestId: String
    var refundAmount: Amount
    var refundReason: String?

    var model: RefundRequest {
        RefundRequest(paymentRequestId: paymentRequestId, paymentId: paymentId, refundRequestId: refundRequestId,
                      refundAmount: refundAmount, refundReason: refundReason)
    }
}
