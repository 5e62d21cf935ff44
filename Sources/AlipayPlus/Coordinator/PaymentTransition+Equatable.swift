import AlipayPlusModels
import Foundation

/// Lets ``PaymentResolution/Action`` be compared, so the resolution's rules can be tested as tables.
///
/// Written by hand because conformance cannot be synthesized outside the file that declares the
/// type; when `PaymentTransition.swift` is next edited, declare `Hashable` there and delete this file.
extension PaymentTransition: Equatable {
    static func == (lhs: PaymentTransition, rhs: PaymentTransition) -> Bool {
        switch (lhs, rhs) {
        case (.outcomeUnknown, .outcomeUnknown), (.canceled, .canceled):
            return true
        case let (.succeeded(lhsId, lhsTime), .succeeded(rhsId, rhsTime)):
            return lhsId == rhsId && lhsTime == rhsTime
        case let (.failed(lhsCode), .failed(rhsCode)):
            return lhsCode == rhsCode
        case let (.cancelRequested(lhsMay), .cancelRequested(rhsMay)):
            return lhsMay == rhsMay
        default:
            return false
        }
    }
}
