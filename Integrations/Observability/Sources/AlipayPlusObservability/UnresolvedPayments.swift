import AlipayPlus
import Foundation

/// The payments this process has seen start or go pending and not yet end: the unresolved gauge.
///
/// Adding and removing are idempotent, so a payment seen pending again, or ended without this
/// process having seen it start (after a restart, by recovery), keeps the count right.
final class UnresolvedPayments: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: Set<String> = []

    /// Applies `event`; returns the new count when it changed what is tracked, else `nil`.
    func apply(_ event: AlipayPlusEvent) -> Int? {
        guard let id = event.paymentRequestId, let change = Self.change(for: event.kind) else { return nil }
        return lock.withLock {
            switch change {
            case .opens: ids.insert(id)
            case .closes: ids.remove(id)
            }
            return ids.count
        }
    }

    /// What an event of `kind` does to its payment's place in the set.
    enum Change: Equatable {
        case opens
        case closes
    }

    /// The rule: a started or pending payment is unresolved; a succeeded, failed or canceled one is not.
    static func change(for kind: AlipayPlusEvent.Kind) -> Change? {
        switch kind {
        case .paymentStarted, .paymentPending: .opens
        case .paymentSucceeded, .paymentFailed, .paymentCanceled: .closes
        default: nil
        }
    }
}
