/// What a consultUnbinding call asks about: the binding the wallet wants to revoke, if known.
///
/// The input of `AutoDebitCoordinator.Configuration.Inbound.unbindingPolicy`, made by the coordinator for
/// each call (not a setting), so it stays a top-level type.
public struct UnbindingConsultation: Sendable {
    /// The binding whose access token Alipay+ named, when the store has it.
    public var binding: BindingRecord?
    /// The `referenceMerchantId` Alipay+ sent.
    public var referenceMerchantId: String
}
