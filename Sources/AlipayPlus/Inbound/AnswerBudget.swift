/// Alipay+ stops waiting for an inbound answer after 5 s, so slow work (an applyToken for an
/// `AUTHCODE_CREATED`, a merchant's unbinding policy) gets a budget of real time: past it, the answer
/// goes out with a fallback and the work carries on in the coordinator's background work (owned by
/// ``AutoDebitCoordinator/run()``).
enum AnswerBudget {
    /// The value of `answer` if it is given within `budget` of real time, else `fallback`.
    ///
    /// Only the wait ends at the budget: the work that gives `answer` runs elsewhere and is not
    /// cancelled. Both children of the race end when it is decided (the wait and the sleep are
    /// cancellable), so the answer never waits longer than the budget.
    static func value<Value: Sendable>(
        of answer: PendingAnswer<Value>, within budget: Duration, fallback: Value
    ) async -> Value {
        await withTaskGroup(of: Value?.self) { group in
            group.addTask { await answer.value() }
            group.addTask {
                try? await Task.sleep(for: budget)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? fallback
        }
    }
}
