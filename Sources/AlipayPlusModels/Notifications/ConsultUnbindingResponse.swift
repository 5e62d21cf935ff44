/// The merchant's answer to consultUnbinding: `allowUnbinding` is sent as `"true"` / `"false"`.
public struct ConsultUnbindingResponse: Codable, Sendable, Hashable {
    /// `result`: receipt of the call (`SUCCESS`/`S` when the answer is given).
    public var result: APIResult
    /// `allowUnbinding`: `true` lets the wallet revoke the token, `false` refuses.
    public var allowUnbinding: Bool

    /// Creates an answer.
    public init(result: APIResult = .success, allowUnbinding: Bool) {
        self.result = result
        self.allowUnbinding = allowUnbinding
    }

    /// `SUCCESS` with `allowUnbinding` `"true"`.
    public static let allow = ConsultUnbindingResponse(allowUnbinding: true)
    /// `SUCCESS` with `allowUnbinding` `"false"`.
    public static let refuse = ConsultUnbindingResponse(allowUnbinding: false)
}
