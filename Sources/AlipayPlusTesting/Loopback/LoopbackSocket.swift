import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One socket descriptor with a close that happens once, and a shutdown that is refused after it,
/// so a cancellation handler never touches a descriptor number the system has handed out again.
final class LoopbackSocket: @unchecked Sendable {
    private let lock = NSLock()
    private var descriptor: Int32
    private var isClosed = false

    init(_ descriptor: Int32) { self.descriptor = descriptor }

    /// The descriptor while open (for the blocking calls of its owner).
    var fd: Int32 { lock.withLock { descriptor } }

    /// Wakes every call blocked on the socket (accept or read return at once).
    func shutdownBoth() {
        lock.withLock {
            guard !isClosed else { return }
            _ = shutdown(descriptor, Int32(SHUT_RDWR))
        }
    }

    func close() {
        lock.withLock {
            guard !isClosed else { return }
            isClosed = true
            #if canImport(Glibc) || canImport(Musl)
            _ = Glibc.close(descriptor)
            #else
            _ = Darwin.close(descriptor)
            #endif
        }
    }

    deinit { close() }

    /// Up to 64 KiB read from the socket; `nil` at end of stream or on an error.
    static func read(_ fd: Int32) -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 { return Array(chunk.prefix(count)) }
            if count < 0 && errno == EINTR { continue }
            return nil
        }
    }

    /// Writes every byte (without SIGPIPE); `false` when the peer is gone.
    static func write(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { buffer in
                send(fd, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 && errno == EINTR { continue }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    /// A listening TCP socket on 127.0.0.1:`port` (0: a free port) and the port it got.
    static func listen(port: Int) throws -> (LoopbackSocket, Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw LoopbackServerError.socket("socket", errno) }
        let socket = LoopbackSocket(fd)
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        address.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw LoopbackServerError.socket("bind 127.0.0.1:\(port)", errno) }
        guard Glibc.listen(fd, 128) == 0 else { throw LoopbackServerError.socket("listen", errno) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw LoopbackServerError.socket("getsockname", errno) }
        return (socket, Int(UInt16(bigEndian: address.sin_port)))
    }
}

/// Why the loopback server could not start.
package struct LoopbackServerError: Error, CustomStringConvertible {
    /// What failed, with the system's reason.
    package let description: String

    static func socket(_ operation: String, _ code: Int32) -> LoopbackServerError {
        LoopbackServerError(description: "loopback server: \(operation) failed: \(String(cString: strerror(code))) (errno \(code))")
    }
}
