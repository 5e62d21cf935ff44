import AlipayPlus
import AlipayPlusTesting
import Foundation

/// An in-memory store that remembers every call that may change it.
final class RecordingStore: @unchecked Sendable {
    private let lock = NSLock()
    private var writeCalls: [String] = []

    /// The store to hand to the coordinator.
    private(set) lazy var store = ObservedAutoDebitStore(base: LocalAutoDebitStore()) { [unowned self] call in
        if call.isWrite && call.phase == .before { self.lock.withLock { self.writeCalls.append(call.name) } }
    }

    /// The names of the mutating calls made so far.
    var writes: [String] { lock.withLock { writeCalls } }
}
