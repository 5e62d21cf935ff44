import Foundation

/// Records whether a store transition closure changed its record, so the caller emits an event only
/// for a real change (the store runs the closure synchronously, at most once per call).
final class ChangeFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    /// Marks the transition as having changed the record.
    func set() { lock.withLock { value = true } }

    /// Whether the transition changed the record.
    var isSet: Bool { lock.withLock { value } }
}
