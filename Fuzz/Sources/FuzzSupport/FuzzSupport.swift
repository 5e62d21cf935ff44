#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// libFuzzer's driver: parses the command line and calls `callback` for every input.
@_silgen_name("LLVMFuzzerRunDriver")
private func llvmFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafeRawPointer, Int) -> CInt
) -> CInt

/// Shared plumbing for the fuzz targets.
public enum Fuzz {
    /// Runs libFuzzer over `callback`.
    ///
    /// SwiftPM links a debug executable with `--defsym main=<Target>_main`, so every target exports
    /// that symbol and hands control to libFuzzer's driver from it (in a release build libFuzzer's own
    /// `main` is used and this is never called).
    public static func runDriver(
        _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
        _ callback: @convention(c) (UnsafeRawPointer, Int) -> CInt
    ) -> CInt {
        var argc = argc
        var argv = argv
        return llvmFuzzerRunDriver(&argc, &argv, callback)
    }

    /// Reports a violated property and aborts, so libFuzzer saves the input as a crash.
    public static func fail(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
        let text = "PROPERTY VIOLATED (\(file):\(line)): \(message)\n"
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
        abort()
    }

    /// Checks a property; on failure reports it and aborts.
    public static func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                             file: StaticString = #fileID, line: UInt = #line) {
        if !condition() { fail(message(), file: file, line: line) }
    }

    /// Runs `body` on the concurrency pool and waits for it on this (libFuzzer's) thread.
    public static func blocking<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            box.value = await body()
            done.signal()
        }
        done.wait()
        return box.value!
    }
}

/// A value handed from a task to the waiting thread (the semaphore orders the accesses).
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}

/// Splits a fuzz input into fields separated by a byte, so one input can carry several strings.
public struct FuzzInput {
    /// The raw bytes.
    public let bytes: [UInt8]

    /// Copies the input libFuzzer passes.
    public init(_ start: UnsafeRawPointer, _ count: Int) {
        bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    }

    /// The input cut at every `separator` into at most `maxParts` parts (the last keeps the rest).
    public func split(separator: UInt8, maxParts: Int) -> [[UInt8]] {
        bytes.split(separator: separator, maxSplits: max(0, maxParts - 1), omittingEmptySubsequences: false)
            .map(Array.init)
    }
}
