import AlipayPlus

/// The request ids of one demo run against the simulator: readable, and fresh for each run on the
/// same `--store` folder.
///
/// Run 1 uses PAY-DEMO-1 / PAY-DEMO-2 / REF-DEMO-1, run 2 PAY-DEMO-3 / PAY-DEMO-4 / REF-DEMO-2, and
/// so on. Each run starts a fresh simulator, so ids the store already remembers from an earlier run
/// would be unknown to it; the run number is the first whose ids the store has never seen.
struct DemoRunIds: Equatable {
    /// 1 for a new store, one more for each earlier run kept in it.
    let run: Int

    /// The charge that succeeds (steps 2-4).
    var paidCharge: String { "PAY-DEMO-\(2 * run - 1)" }
    /// Its order.
    var paidOrder: String { "ORDER-DEMO-\(2 * run - 1)" }
    /// The refund of step 4.
    var refund: String { "REF-DEMO-\(run)" }
    /// The charge whose outcome stays unknown until it is cancelled (step 5).
    var unknownCharge: String { "PAY-DEMO-\(2 * run)" }
    /// Its order.
    var unknownOrder: String { "ORDER-DEMO-\(2 * run)" }

    /// The ids of the first run whose request ids `store` does not hold.
    static func next(in store: any AutoDebitStore) async throws -> DemoRunIds {
        var run = 1
        while true {
            let ids = DemoRunIds(run: run)
            let paid = try await store.payment(requestId: ids.paidCharge)
            let unknown = try await store.payment(requestId: ids.unknownCharge)
            if paid == nil && unknown == nil { return ids }
            run += 1
        }
    }
}
