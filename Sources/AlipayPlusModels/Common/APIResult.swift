/// The `result` object every response and notification carries.
public struct APIResult: Codable, Sendable, Hashable, Validatable {
    /// `resultCode`, required, at most 64 characters.
    public var resultCode: ResultCode
    /// `resultStatus`, required: `S`, `F` or `U`.
    public var resultStatus: ResultStatus
    /// `resultMessage`, optional human-readable text (likely at most 256 characters [U]).
    public var resultMessage: String?

    /// Creates a result.
    public init(resultCode: ResultCode, resultStatus: ResultStatus, resultMessage: String? = nil) {
        self.resultCode = resultCode
        self.resultStatus = resultStatus
        self.resultMessage = resultMessage
    }

    /// `{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}`.
    public static let success = APIResult(resultCode: .success, resultStatus: .success, resultMessage: "success")

    /// The documented action, where an unknown code with status `U` means `.inquire`.
    public var documentedAction: ResultAction {
        let action = resultCode.documentedAction
        if resultStatus == .unknown && (action == .fail || action == .succeed) { return .inquire }
        return action
    }

    /// Checks the code length and that a status is present.
    public func validate() -> [ValidationProblem] {
        var context = ValidationContext()
        context.require(resultCode.rawValue, "resultCode", maxLength: 64)
        context.require(resultStatus.rawValue, "resultStatus")
        return context.problems
    }
}
