import AlipayPlusSigning
import Foundation

/// `alipayplus keygen --out DIR`: a new 2048-bit RSA key pair in PEM and bare base64.
enum KeygenCommand: CLICommand {
    static let name = "keygen"
    static let summary = "Generate an RSA key pair for signing Alipay+ requests."
    static let options: [OptionSpec] = [
        .value("out", "DIR", "Directory to write the keys to (created if missing).", required: true),
        .value("bits", "N", "Key size in bits, at least 2048 (default 2048)."),
        .flag("force", "Overwrite existing key files."),
    ]
    static let usage = """
          alipayplus keygen --out DIR [--bits N] [--force]

        Writes DIR/private_key.pem (PKCS#8), DIR/public_key.pem (SubjectPublicKeyInfo) and the bare
        base64 forms DIR/private_key.txt and DIR/public_key.txt (what the Developer Center takes).
        The private files are written mode 0600 (from creation, whatever the umask): keep them secret.
        The public files (mode 0644) are public: upload public_key.txt to Alipay+.

        Example:
          alipayplus keygen --out ./keys
        """

    static func run(_ arguments: CommandLineArguments) throws -> Int32 {
        let directory = arguments.required("out")
        let bits = try arguments.value("bits", command: name, must: "be a number", { Int($0) }) ?? 2048
        let files = ["private_key.pem", "public_key.pem", "private_key.txt", "public_key.txt"]
        let manager = FileManager.default
        if !arguments.flag("force") {
            let existing = files.filter { manager.fileExists(atPath: directory + "/" + $0) }
            guard existing.isEmpty else {
                throw CLIError.unusableInput("\(existing.joined(separator: ", ")) already exist in \(directory); pass --force to overwrite")
            }
        }
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw CLIError.unusableInput("cannot create directory '\(directory)': \(error.localizedDescription)")
        }
        let key: RSAPrivateKey
        do {
            key = try RSAPrivateKey.generate(bitCount: bits)
        } catch {
            throw CLIError.unusableInput("\(error)")
        }
        let contents: [(String, String, Bool)] = [
            ("private_key.pem", key.pkcs8PEMRepresentation, true),
            ("public_key.pem", key.publicKey.spkiPEMRepresentation, false),
            ("private_key.txt", key.pkcs8DERRepresentation.base64EncodedString() + "\n", true),
            ("public_key.txt", key.publicKey.spkiDERRepresentation.base64EncodedString() + "\n", false),
        ]
        for (file, text, secret) in contents {
            let path = directory + "/" + file
            if manager.fileExists(atPath: path) { try? manager.removeItem(atPath: path) }
            try writeNewFile(path, Array(text.utf8), mode: secret ? 0o600 : 0o644)
        }
        Console.out(report(bits: bits, directory: directory))
        return 0
    }

    /// What keygen says it wrote: which files are secret and which are public.
    static func report(bits: Int, directory: String) -> String {
        """
        Wrote a \(bits)-bit RSA key pair to \(directory):
          private_key.pem, private_key.txt  PRIVATE (mode 0600): keep them secret, on the server only; never upload,
                                            share or commit them.
          public_key.pem, public_key.txt    public (mode 0644): safe to share; upload public_key.txt in the Alipay+
                                            Developer Center.

        """
    }

    /// Creates `path` (which must not exist) with `mode` from its first byte, so a private key is never
    /// readable by others, whatever the umask, even for a moment; links are not followed.
    private static func writeNewFile(_ path: String, _ bytes: [UInt8], mode: mode_t) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            throw CLIError.unusableInput("cannot create '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        // The umask may only have removed bits: set exactly the mode asked for.
        guard fchmod(descriptor, mode) == 0,
              bytes.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) == bytes.count,
              fsync(descriptor) == 0 else {
            throw CLIError.unusableInput("cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
    }
}
