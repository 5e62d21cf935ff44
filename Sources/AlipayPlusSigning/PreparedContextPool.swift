internal import CAlipayPlusOpenSSL
import Foundation

/// Contexts prepared once for one key and operation, lent to one caller at a time and reused.
///
/// `openssl speed` signs on one context initialised once; a context per call (or a duplicate of a
/// template per call) costs an allocation and a copy of the provider's state every time. The pool
/// keeps idle contexts on a stack: ``withContext(_:)`` takes one (or duplicates the template when
/// none is idle), runs the operation on it, and puts it back, so each context is used by one thread
/// at a time and most calls reuse one. A context whose operation failed is freed, not reused.
/// `SignatureConcurrencyTests` signs and verifies with one key from hundreds of tasks at once.
final class PreparedContextPool: @unchecked Sendable {
    /// Idle contexts kept at most; more are freed when they come back (a burst does not stay allocated).
    static let maximumIdle = 16

    /// Initialised once for the operation; only read (duplicated), never operated on.
    private let template: OpaquePointer
    private let lock = NSLock()
    private var idle: [OpaquePointer] = []

    /// Takes ownership of `template` (freed with the pool).
    init(template: OpaquePointer) {
        self.template = template
        idle.reserveCapacity(Self.maximumIdle)
    }

    deinit {
        for context in idle { calipayplus_pkey_ctx_free(context) }
        calipayplus_pkey_ctx_free(template)
    }

    /// Runs `operation` on a context of its own; `nil` when no context could be duplicated.
    ///
    /// `operation` answers its result and whether the context may be reused (false after a failure).
    func withContext<Result>(_ operation: (OpaquePointer) -> (result: Result, reusable: Bool)) -> Result? {
        let taken = lock.withLock { idle.popLast() }
        guard let context = taken ?? calipayplus_pkey_ctx_dup(template) else { return nil }
        let (result, reusable) = operation(context)
        let kept = reusable && lock.withLock {
            guard idle.count < Self.maximumIdle else { return false }
            idle.append(context)
            return true
        }
        if !kept { calipayplus_pkey_ctx_free(context) }
        return result
    }
}
