import AlipayPlusModels
import AlipayPlusTransport
import Foundation

/// Passes every exchange through unchanged, and shows the reporter what an inquiry asked and answered.
///
/// Client events say that an inquiryPayment call succeeded, not what it said about the payment (the
/// request has no idempotency key, so its events carry no paymentRequestId either). The reporter only
/// uses these facts once the client has verified the response's signature (`requestFinished`).
struct DemoTransport: HTTPTransport {
    let next: any HTTPTransport
    let report: DemoReporter

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let response = try await next.send(request)
        if request.url.path.hasSuffix(InquiryPaymentRequest.path) {
            let asked = try? AlipayPlusJSON.decode(InquiryPaymentRequest.self, from: request.body)
            let answered = try? AlipayPlusJSON.decode(InquiryPaymentResponse.self, from: response.body)
            report.observeInquiry(paymentRequestId: asked?.paymentRequestId, paymentResult: answered?.paymentResult)
        }
        return response
    }
}
