public import Foundation

/// `Quote` (`settlementQuote`): the FX rate applied between payment and settlement currency [X].
public struct Quote: Codable, Sendable, Hashable {
    /// `quoteId`: at most 64 characters.
    public var quoteId: String?
    /// `quoteCurrencyPair`: two ISO 4217 codes joined by a slash, e.g. `USD/HKD`.
    public var quoteCurrencyPair: String?
    /// `quotePrice`: the rate; read from a JSON string or number.
    public var quotePrice: Decimal?
    /// `quoteStartTime`.
    public var quoteStartTime: Date?
    /// `quoteExpiryTime`.
    public var quoteExpiryTime: Date?
    /// `baseCurrency`: the base currency of the pair [X].
    public var baseCurrency: String?
    /// `quoteUnit`: the unit the price is quoted per [X].
    public var quoteUnit: String?

    /// Creates a quote.
    public init(quoteId: String? = nil, quoteCurrencyPair: String? = nil, quotePrice: Decimal? = nil,
                quoteStartTime: Date? = nil, quoteExpiryTime: Date? = nil, baseCurrency: String? = nil,
                quoteUnit: String? = nil) {
        self.quoteId = quoteId
        self.quoteCurrencyPair = quoteCurrencyPair
        self.quotePrice = quotePrice
        self.quoteStartTime = quoteStartTime
        self.quoteExpiryTime = quoteExpiryTime
        self.baseCurrency = baseCurrency
        self.quoteUnit = quoteUnit
    }
}
