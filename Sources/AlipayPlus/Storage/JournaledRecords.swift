// What a journal's binding and authorization entries hold: the sealed form, or (in journals
// written before tokens were sealed) the plain one. Both encode as the record's own object, so the
// journal's layout is unchanged; the plain form is only ever read, and `LocalAutoDebitStore` seals it
// at open, before anything is applied or compacted.

/// A journaled binding: sealed, or plain from a journal written before sealing.
enum JournaledBinding: Codable, Sendable {
    case sealed(SealedBindingRecord)
    case plain(BindingRecord)

    private enum Probe: String, CodingKey { case accessTokenLookupHash }

    /// Sealed when the entry has a lookup hash (every sealed binding has one), plain otherwise.
    ///
    /// - Throws: `DecodingError` when the entry is neither form.
    init(from decoder: any Decoder) throws {
        if try decoder.container(keyedBy: Probe.self).contains(.accessTokenLookupHash) {
            self = .sealed(try SealedBindingRecord(from: decoder))
        } else {
            self = .plain(try BindingRecord(from: decoder))
        }
    }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .sealed(let binding): try binding.encode(to: encoder)
        case .plain(let binding): try binding.encode(to: encoder)
        }
    }
}

/// A journaled authorization: sealed, or plain (`completedWithAuthCode`) from before sealing.
enum JournaledAuthorization: Codable, Sendable {
    case sealed(SealedAuthorization)
    case plain(PendingAuthorization)

    private enum Probe: String, CodingKey { case completedWithAuthCode }

    /// Plain when the entry carries a plain auth code, sealed otherwise (an authorization that
    /// waits has no code, and reads the same in both forms).
    ///
    /// - Throws: `DecodingError` when the entry is neither form.
    init(from decoder: any Decoder) throws {
        if try decoder.container(keyedBy: Probe.self).contains(.completedWithAuthCode) {
            self = .plain(try PendingAuthorization(from: decoder))
        } else {
            self = .sealed(try SealedAuthorization(from: decoder))
        }
    }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .sealed(let authorization): try authorization.encode(to: encoder)
        case .plain(let authorization): try authorization.encode(to: encoder)
        }
    }
}
