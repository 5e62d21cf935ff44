import Foundation

/// Runs a blocking system call (accept, read, waitpid) on a thread of its own and awaits its result,
/// so the cooperative pool of Swift concurrency never blocks on one.
///
/// The thread ends when `body` returns; the caller stays suspended until then, so no thread
/// outlives the call that started it. Cancellation does not interrupt `body`: callers unblock it
/// themselves (shutting a socket down, killing a process) in a cancellation handler.
package enum BlockingCall {
    /// The value of `body`, computed on a new thread.
    package static func run<Value: Sendable>(_ name: String, _ body: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.name = name
            thread.stackSize = 256 * 1024
            thread.start()
        }
    }
}
