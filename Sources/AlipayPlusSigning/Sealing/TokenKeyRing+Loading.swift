internal import Foundation
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// How strictly ``TokenKeyRing/init(contentsOfFile:permissions:)`` checks the key file's mode.
public struct KeyFilePermissions: Sendable, Hashable, CustomStringConvertible {
    private let refusesOthers: Bool

    /// Refuse a file that its group or other users may read or write (any of mode `077`): `chmod 600`.
    public static let ownerOnly = KeyFilePermissions(refusesOthers: true)
    /// Do not check the mode: for mounts whose mode the platform sets and whose file system only this
    /// process sees (a Kubernetes secret volume is `0644` unless `defaultMode` says otherwise).
    public static let unchecked = KeyFilePermissions(refusesOthers: false)

    /// The policy's name.
    public var description: String { refusesOthers ? "ownerOnly" : "unchecked" }

    func refuses(mode: UInt32) -> Bool { refusesOthers && mode & 0o077 != 0 }
}

extension TokenKeyRing {
    /// The environment variable ``init(environmentVariable:)`` reads by default.
    public static let defaultEnvironmentVariable = "ALIPAYPLUS_TOKEN_KEYS"

    /// The longest key ring text or file accepted (64 KiB: a ring holds a handful of keys).
    static let maximumTextCount = 65_536

    /// Parses key ring text: `id:base64key` entries separated by commas or line breaks.
    ///
    /// ```
    /// k2024:q5j0...base64...=,k2025:Zr8x...base64...=
    /// ```
    /// Keys are 32 bytes in standard base64 (generate one with `openssl rand -base64 32`); ids are 1
    /// to 32 characters of `A–Z a–z 0–9 - _`. The **last** entry seals new values, unless one entry is
    /// marked with a leading `*` (`*k2024:…,k2025:…` opens with both and still seals with `k2024`:
    /// the way to roll a new key out to every server before any server seals with it). Spaces around
    /// entries, empty entries and `#` comments to the end of a line are ignored.
    /// - Throws: ``SealingError`` `.badKeyRingText`, `.invalidKeyId`, `.duplicateKeyId`,
    ///   `.badKeyLength` (naming the entry, never its key), `.libcryptoFailure`.
    public init(text: String) throws {
        var text = text
        self = try text.withUTF8 { utf8 in
            guard utf8.count <= Self.maximumTextCount else {
                throw SealingError(.badKeyRingText, "the key ring text is \(utf8.count) bytes, more than \(Self.maximumTextCount); is this the right text?")
            }
            return try KeyRingText.parse(UnsafeRawBufferPointer(utf8))
        }
    }

    /// Reads key ring text (the format of ``init(text:)``) from a file, after checking its mode.
    ///
    /// The file is read into memory this call wipes before it returns.
    /// - Parameters:
    ///   - path: the key ring file.
    ///   - permissions: ``KeyFilePermissions/ownerOnly`` (the default) refuses a file that group or
    ///     others may read or write.
    /// - Throws: ``SealingError`` `.keyRingUnavailable` when the file cannot be read, `.insecureKeyFile`
    ///   when its mode lets others in, and the errors of ``init(text:)``; every error names the path.
    public init(contentsOfFile path: String, permissions: KeyFilePermissions = .ownerOnly) throws {
        do {
            self = try Self.withFileContents(path, permissions: permissions) { try KeyRingText.parse($0) }
        } catch let error as SealingError {
            throw error.with(source: path)
        }
    }

    /// Reads key ring text (the format of ``init(text:)``) from an environment variable of this
    /// process, in place (no copy of the keys outside wiped memory; the variable itself stays set).
    ///
    /// Call it at start-up, before any thread changes the environment (`getenv` is not safe
    /// against a concurrent `setenv`).
    /// - Throws: ``SealingError`` `.keyRingUnavailable` when the variable is unset or empty, and the
    ///   errors of ``init(text:)``; every error names the variable.
    public init(environmentVariable name: String = TokenKeyRing.defaultEnvironmentVariable) throws {
        let source = "environment variable \(name)"
        guard let value = getenv(name) else { throw Self.missingVariable(name).with(source: source) }
        do {
            self = try Self.parseEnvironmentValue(UnsafeRawBufferPointer(start: value, count: strlen(value)), name: name)
        } catch let error as SealingError {
            throw error.with(source: source)
        }
    }

    /// Reads key ring text from `environment[name]`, for tests and for environments passed around
    /// as dictionaries (`ProcessInfo.processInfo.environment`).
    ///
    /// - Throws: the errors of ``init(environmentVariable:)``.
    public init(environmentVariable name: String, in environment: [String: String]) throws {
        let source = "environment variable \(name)"
        guard var value = environment[name] else { throw Self.missingVariable(name).with(source: source) }
        do {
            self = try value.withUTF8 { try Self.parseEnvironmentValue(UnsafeRawBufferPointer($0), name: name) }
        } catch let error as SealingError {
            throw error.with(source: source)
        }
    }

    // MARK: - Internals

    private static func missingVariable(_ name: String) -> SealingError {
        SealingError(.keyRingUnavailable, "\(name) is not set; set it to id:base64key entries (generate a key with `openssl rand -base64 32`)")
    }

    private static func parseEnvironmentValue(_ value: UnsafeRawBufferPointer, name: String) throws -> TokenKeyRing {
        guard !KeyRingText.entries(value).isEmpty else {
            throw SealingError(.keyRingUnavailable, "\(name) is empty; set it to id:base64key entries (generate a key with `openssl rand -base64 32`)")
        }
        guard value.count <= maximumTextCount else {
            throw SealingError(.badKeyRingText, "\(name) is \(value.count) bytes, more than \(maximumTextCount); is this the right variable?")
        }
        return try KeyRingText.parse(value)
    }

    /// Opens `path`, checks it is a regular file with an acceptable mode, reads it into a wiped
    /// buffer and lends that to `body`.
    private static func withFileContents<R>(_ path: String, permissions: KeyFilePermissions,
                                            _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        let descriptor = openForReading(path)
        guard descriptor >= 0 else {
            throw SealingError(.keyRingUnavailable, "the key ring file cannot be opened (\(String(cString: strerror(errno)))); check the path and that this user may read it", underlyingError: posixError())
        }
        defer { closeDescriptor(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw SealingError(.keyRingUnavailable, "the key ring file cannot be examined (\(String(cString: strerror(errno))))", underlyingError: posixError())
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw SealingError(.keyRingUnavailable, "the key ring path is not a regular file")
        }
        let mode = UInt32(status.st_mode) & 0o777
        guard !permissions.refuses(mode: mode) else {
            throw SealingError(.insecureKeyFile, "the key ring file has mode \(String(mode, radix: 8)), so other users may read or change it; run `chmod 600` on it (or pass permissions: .unchecked for a platform-managed secret mount)")
        }
        let size = Int(status.st_size)
        guard size <= maximumTextCount else {
            throw SealingError(.badKeyRingText, "the key ring file is \(size) bytes, more than \(maximumTextCount); is this the right file?")
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(size, 1), alignment: 1)
        defer {
            wipe(buffer)
            buffer.deallocate()
        }
        var filled = 0
        while filled < size {
            let count = read(descriptor, buffer.baseAddress! + filled, size - filled)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                if count == 0 { break }
                throw SealingError(.keyRingUnavailable, "the key ring file cannot be read (\(String(cString: strerror(errno))))", underlyingError: posixError())
            }
            filled += count
        }
        return try body(UnsafeRawBufferPointer(rebasing: buffer[0..<filled]))
    }

    /// The current `errno` as an error value, to carry as the cause.
    private static func posixError() -> any Error {
        POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }

    // The ring's own `open(_:associatedData:)` hides the C functions of the same name.
    private static func openForReading(_ path: String) -> Int32 {
        #if canImport(Glibc)
        Glibc.open(path, O_RDONLY | O_CLOEXEC)
        #else
        Darwin.open(path, O_RDONLY | O_CLOEXEC)
        #endif
    }

    private static func closeDescriptor(_ descriptor: Int32) {
        #if canImport(Glibc)
        _ = Glibc.close(descriptor)
        #else
        _ = Darwin.close(descriptor)
        #endif
    }
}
