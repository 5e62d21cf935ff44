/// Alipay+ stops waiting for an inbound answer after 5 s, so slow work (an applyToken for an
/// `AUTHCODE_CREATED`, a merchant's unbinding policy) gets a budget of real time: past it, the answer
/// goes out with a fallback and the work carries on in the background.
enum AnswerBudget {
    /// The value of `work` if it finishes within `budget` of real time, else `fallback` (the work is not
    /// cancelled and still completes).
    static func value<Value: Sendable>(
        of work: Task<Value, Never>, within budget: Duration, fallback: Value
    ) async -> Value {
        await withTaskGroup(of: Value?.self) { group in
            group.addTask { await work.value }
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
