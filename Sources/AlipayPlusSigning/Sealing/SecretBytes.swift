internal import CAlipayPlusOpenSSL

/// Key material in memory this library allocated itself, wiped with `OPENSSL_cleanse` when released.
///
/// The bytes live in one heap allocation that is never copied into `Data` or `Array`; callers borrow
/// them through ``withUnsafeBytes(_:)``. The pointer never changes after init, and the bytes are
/// only written during init, hence `@unchecked Sendable`.
final class SecretBytes: @unchecked Sendable {
    let count: Int
    private let pointer: UnsafeMutableRawPointer

    /// Allocates `count` bytes and lets `fill` write them once (it receives the whole buffer).
    ///
    /// When `fill` throws, the bytes are wiped and freed here, before any object exists (so the
    /// buffer is never freed twice).
    init(count: Int, fill: (UnsafeMutableRawBufferPointer) throws -> Void) rethrows {
        let allocation = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 16)
        allocation.initializeMemory(as: UInt8.self, repeating: 0, count: max(count, 1))
        do {
            try fill(UnsafeMutableRawBufferPointer(start: allocation, count: count))
        } catch {
            calipayplus_cleanse(allocation, count)
            allocation.deallocate()
            throw error
        }
        self.count = count
        pointer = allocation
    }

    /// Copies `bytes` into a new allocation (the caller wipes its own copy if it owns one).
    convenience init(copying bytes: UnsafeRawBufferPointer) {
        self.init(count: bytes.count) { buffer in
            if let base = bytes.baseAddress, !bytes.isEmpty { buffer.baseAddress?.copyMemory(from: base, byteCount: bytes.count) }
        }
    }

    deinit {
        calipayplus_cleanse(pointer, count)
        pointer.deallocate()
    }

    /// Lends the bytes to `body`; `body` must not keep the pointer.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}

/// Wipes a buffer that held secret bytes (a decrypted token, a decoded key).
func wipe(_ buffer: UnsafeMutableRawBufferPointer) {
    calipayplus_cleanse(buffer.baseAddress, buffer.count)
}

/// Wipes an array that held secret bytes, in place.
func wipe(_ array: inout [UInt8]) {
    array.withUnsafeMutableBytes { wipe($0) }
}
