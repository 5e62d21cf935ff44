/// `paymentFactor.presentmentMode` ([X]: `TILE`, `UNIFIED`).
public enum PresentmentMode: OpenStringEnum {
    /// `UNIFIED`: the Alipay+ wallet page.
    case unified
    /// `TILE`: one tile per wallet.
    case tile
    /// Any other value, kept as received.
    case unknown(String)

    /// Maps the wire value; keeps unknown values.
    public init(rawValue: String) {
        switch rawValue {
        case "UNIFIED": self = .unified
        case "TILE": self = .tile
        default: self = .unknown(rawValue)
        }
    }
    /// The wire value.
    public var rawValue: String {
        switch self {
        case .unified: return "UNIFIED"
        case .tile: return "TILE"
        case .unknown(let value): return value
        }
    }
}
