import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One merchant child process: spawned with its standard output on a pipe the driver reads lines
/// from, its standard error appended to a log file, and no other descriptor of the driver.
final class MerchantProcess: @unchecked Sendable {
    let pid: pid_t
    private let output: Int32
    private let lock = NSLock()
    private var buffer: [UInt8] = []
    private var reaped = false
    private var killed = false
    private var seen: [(line: String, at: ContinuousClock.Instant)] = []

    /// Starts `executable arguments...`.
    ///
    /// - Throws: ``ProcessSoakError`` `childFailed` when the pipe, the log or the spawn fails.
    init(executable: String, arguments: [String], logPath: String) throws {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw ProcessSoakError.childFailed("pipe failed: errno \(errno)") }
        _ = fcntl(pipeEnds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(pipeEnds[1], F_SETFD, FD_CLOEXEC)
        let log = open(logPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard log >= 0 else {
            close(pipeEnds[0]); close(pipeEnds[1])
            throw ProcessSoakError.childFailed("cannot open the child's log \(logPath): errno \(errno)")
        }
        defer { close(log); close(pipeEnds[1]) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
        posix_spawn_file_actions_adddup2(&actions, log, 2)
        // Nothing else of the driver's (its sockets, other children's pipes) reaches the child; glibc
        // ignores a close of a descriptor that is not open.
        for descriptor in 3..<min(Int32(4096), Int32(sysconf(Int32(_SC_OPEN_MAX)))) {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, nil, argv, environ)
        guard status == 0 else {
            close(pipeEnds[0])
            throw ProcessSoakError.childFailed("cannot start \(executable): \(String(cString: strerror(status)))")
        }
        pid = child
        output = pipeEnds[0]
    }

    /// The next line the child writes (without its newline); `nil` once its output ends (it died).
    func nextLine() async -> String? {
        while true {
            if let line = takeLine() { return line }
            let fd = output
            guard let chunk = await BlockingCall.run("merchant-stdout", { () -> [UInt8]? in
                var bytes = [UInt8](repeating: 0, count: 4096)
                while true {
                    let count = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                    if count > 0 { return Array(bytes.prefix(count)) }
                    if count < 0 && errno == EINTR { continue }
                    return nil
                }
            }) else { return nil }
            lock.withLock { buffer += chunk }
        }
    }

    /// Reads lines until one starts with `prefix`; `nil` when the output ends first.
    func waitForLine(startingWith prefix: String) async -> String? {
        while let line = await nextLine() {
            if line.hasPrefix(prefix) { return line }
        }
        return nil
    }

    private func takeLine() -> String? {
        lock.withLock {
            guard let newline = buffer.firstIndex(of: 10) else { return nil }
            let line = String(decoding: buffer[..<newline], as: UTF8.self)
            buffer.removeFirst(newline + 1)
            seen.append((line, .now))
            return line
        }
    }

    /// Whether ``kill()`` was called.
    var wasKilled: Bool { lock.withLock { killed } }

    /// Sends SIGKILL (a no-op once the child is reaped).
    func kill() {
        lock.withLock {
            killed = true
            guard !reaped else { return }
            _ = Glibc.kill(pid, SIGKILL)
        }
    }

    /// Whether the child wrote exactly this line (read so far; after ``waitForExit()``: at all).
    func wrote(line: String) -> Bool { lock.withLock { seen.contains { $0.line == line } } }

    /// The time between the lines `opening` and `open`, as read, when both were.
    var openingDuration: Duration? {
        lock.withLock {
            guard let start = seen.first(where: { $0.line == "opening" })?.at,
                  let end = seen.first(where: { $0.line == "open" })?.at else { return nil }
            return end - start
        }
    }

    /// Waits for the child to end and reaps it, reads the rest of its output, and closes the pipe.
    func waitForExit() async {
        let pid = self.pid
        _ = await BlockingCall.run("merchant-wait") { () -> Int32 in
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            return status
        }
        lock.withLock { reaped = true }
        while await nextLine() != nil {}
        close(output)
    }
}
