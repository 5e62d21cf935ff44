import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension TransportError {
    /// Classifies an error from URLSession.
    ///
    /// Failures before the request can have left (DNS, refused, no network, TLS handshake, bad URL)
    /// are `.connectionFailed` / `.notSent`; everything else may have been sent.
    init(mapping error: any Error, url: URL) {
        if let transportError = error as? TransportError {
            self = transportError
            return
        }
        let nsError = error as NSError
        guard nsError.domain == NSURLErrorDomain else {
            self.init(code: .other, delivery: .possiblySent, url: url, underlying: "\(nsError.domain) \(nsError.code)")
            return
        }
        let code = URLError.Code(rawValue: nsError.code)
        let summary = nsError.localizedDescription
        switch code {
        case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet,
             .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected,
             .clientCertificateRequired, .badURL, .unsupportedURL, .internationalRoamingOff,
             .callIsActive, .dataNotAllowed, .appTransportSecurityRequiresSecureConnection:
            self.init(code: .connectionFailed, delivery: .notSent, url: url, underlying: summary, urlErrorCode: nsError.code)
        case .timedOut:
            self.init(code: .timedOut, delivery: .possiblySent, url: url, underlying: summary, urlErrorCode: nsError.code)
        case .networkConnectionLost:
            self.init(code: .connectionLost, delivery: .possiblySent, url: url, underlying: summary, urlErrorCode: nsError.code)
        case .cancelled:
            self.init(code: .cancelled, delivery: .possiblySent, url: url, underlying: nil, urlErrorCode: nsError.code)
        case .badServerResponse, .cannotParseResponse, .cannotDecodeRawData, .cannotDecodeContentData,
             .zeroByteResource, .httpTooManyRedirects, .redirectToNonExistentLocation:
            self.init(code: .invalidResponse, delivery: .possiblySent, url: url, underlying: summary, urlErrorCode: nsError.code)
        default:
            self.init(code: .other, delivery: .possiblySent, url: url, underlying: summary, urlErrorCode: nsError.code)
        }
    }
}
