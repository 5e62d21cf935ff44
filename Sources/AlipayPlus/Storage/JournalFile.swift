import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file descriptor owned by the journal, with the few POSIX calls it needs. Every failure becomes
/// a ``JournalError/Code/ioFailure`` naming the path and the errno text. Not thread-safe: the
/// `Journal` lock guards it.
final class JournalFile {
    let path: String
    private(set) var descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close() }

    /// Opens `path` with `flags` (O_CLOEXEC is added); creates it with mode 0644 if O_CREAT is set.
    static func open(_ path: String, flags: Int32) throws -> JournalFile {
        var descriptor: Int32
        repeat {
            descriptor = Glibc.open(path, flags | O_CLOEXEC | O_NOFOLLOW, 0o600)
        } while descriptor < 0 && errno == EINTR
        guard descriptor >= 0 else { throw JournalError.ioFailure(path: path, operation: "open", errno: errno) }
        return JournalFile(path: path, descriptor: descriptor)
    }

    func size() throws -> Int64 {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw JournalError.ioFailure(path: path, operation: "fstat", errno: errno) }
        return Int64(info.st_size)
    }

    /// Reads the whole file.
    func readAll() throws -> [UInt8] {
        let count = Int(try size())
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        try bytes.withUnsafeMutableBytes { buffer in
            while done < count {
                let read = pread(descriptor, buffer.baseAddress! + done, count - done, off_t(done))
                if read < 0 {
                    if errno == EINTR { continue }
                    throw JournalError.ioFailure(path: path, operation: "read", errno: errno)
                }
                if read == 0 { break }  // file shrank under us; parse what we have
                done += read
            }
        }
        if done < count { bytes.removeLast(count - done) }
        return bytes
    }

    /// Writes all of `bytes` at `offset`: one pwrite(2) for a regular file, looping only on a short write.
    func write(_ bytes: [UInt8], at offset: Int64) throws {
        var done = 0
        try bytes.withUnsafeBytes { buffer in
            while done < buffer.count {
                let written = pwrite(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
                if written < 0 {
                    if errno == EINTR { continue }
                    throw JournalError.ioFailure(path: path, operation: "write", errno: errno)
                }
                done += written
            }
        }
    }

    func sync() throws {
        JournalFsyncCount.record()
        guard fsync(descriptor) == 0 else { throw JournalError.ioFailure(path: path, operation: "fsync", errno: errno) }
    }

    func truncate(to length: Int64) throws {
        var result: Int32
        repeat { result = ftruncate(descriptor, off_t(length)) } while result != 0 && errno == EINTR
        guard result == 0 else { throw JournalError.ioFailure(path: path, operation: "ftruncate", errno: errno) }
    }

    /// Takes an exclusive, non-blocking flock(2); false if someone else holds it.
    func tryLockExclusive() throws -> Bool {
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return true }
        if errno == EWOULDBLOCK { return false }
        throw JournalError.ioFailure(path: path, operation: "flock", errno: errno)
    }

    func close() {
        if descriptor >= 0 {
            _ = Glibc.close(descriptor)
            descriptor = -1
        }
    }

    // MARK: Path operations

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    static func fileSize(_ path: String) throws -> Int64 {
        var info = stat()
        guard stat(path, &info) == 0 else { throw JournalError.ioFailure(path: path, operation: "stat", errno: errno) }
        return Int64(info.st_size)
    }

    static func rename(_ from: String, to: String) throws {
        guard Glibc.rename(from, to) == 0 else {
            throw JournalError.ioFailure(path: from, operation: "rename to \(to)", errno: errno)
        }
    }

    static func remove(_ path: String) throws {
        guard unlink(path) == 0 || errno == ENOENT else {
            throw JournalError.ioFailure(path: path, operation: "unlink", errno: errno)
        }
    }

    /// The absolute path of an existing folder with every symbolic link in it resolved (realpath(3)).
    ///
    /// The journal resolves its folder once at open, so a folder given through a link works, while
    /// its files are still opened with `O_NOFOLLOW` (a file replaced by a link is refused).
    static func resolvedPath(_ path: String) throws -> String {
        guard let resolved = realpath(path, nil) else {
            throw JournalError.ioFailure(path: path, operation: "realpath", errno: errno)
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// fsyncs a directory so that creations, renames and unlinks in it are durable.
    static func syncDirectory(_ path: String) throws {
        let directory = try open(path, flags: O_RDONLY | O_DIRECTORY)
        defer { directory.close() }
        try directory.sync()
    }
}
