import AlipayPlus
import AlipayPlusSigning
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `alipayplus store rotate-keys`: re-seals every token of a durable store under the ring's sealing key.
enum StoreCommand: CLICommand {
    static let name = "store"
    static let summary = "Maintain a durable store: re-seal its tokens under the newest key (rotate-keys)."
    static let options: [OptionSpec] = [
        .positional("ACTION", "rotate-keys: re-seal every token under the key ring's sealing key.", required: true),
        .value("store", "DIR", "Folder of the durable store (LocalAutoDebitStore(directory:keyRing:)).", required: true),
        StoreKeyRingOptions.keysFile,
        StoreKeyRingOptions.keysEnv,
        .value("batch", "N", "Re-sealed records per journal write (default 100)."),
    ]
    static let usage = """
          alipayplus store rotate-keys --store DIR [--keys-file F | --keys-env NAME] [--batch N]

        Opens the store with the key ring (old and new keys: the last entry, or the one marked '*',
        seals), re-seals every access token, refresh token and auth code still under an older key, and
        prints what it did. Stop the server using the store first (one process opens a store at a time).
        Safe to interrupt and run again: records already under the sealing key are skipped. When it
        reports that every record is under the sealing key, remove the older keys from the ring.
        The key ring comes from --keys-file (chmod 600), or the environment variable --keys-env
        (default ALIPAYPLUS_TOKEN_KEYS). Running it also seals the plain tokens of a journal written
        before tokens were sealed.

        Exit status: 0 when every record is under the sealing key; 1 when the store could not be
        opened or re-sealed; 2 for a usage error.

        Example:
          openssl rand -base64 32     # the new key; append ",k2:<it>" to ALIPAYPLUS_TOKEN_KEYS
          alipayplus store rotate-keys --store /var/lib/shop/alipayplus
        """

    static func run(_ arguments: CommandLineArguments) async throws -> Int32 {
        guard arguments.positionals == ["rotate-keys"] else {
            throw CLIError.usage("the only action is rotate-keys, got '\(arguments.positionals.joined(separator: " "))'", command: name)
        }
        let batch = try arguments.value("batch", command: name, must: "be a whole number of at least 1",
                                        { Int($0).flatMap { $0 >= 1 ? $0 : nil } }) ?? 100
        let storePath = arguments.required("store")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: storePath, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError.unusableInput("the store folder '\(storePath)' does not exist")
        }
        let ring = try StoreKeyRingOptions.keyRing(arguments, command: name)
        let store: LocalAutoDebitStore
        do {
            store = try LocalAutoDebitStore(directory: URL(fileURLWithPath: storePath, isDirectory: true), keyRing: ring)
        } catch {
            Console.error("alipayplus store: cannot open the store in '\(storePath)': \(error)\n")
            return 1
        }
        do {
            let report = try await store.rotate(batchSize: batch)
            await store.close()
            Console.out("\(report)\n")
            return report.isComplete ? 0 : 1
        } catch {
            await store.close()
            Console.error("alipayplus store: rotation stopped (what was re-sealed is kept; run it again): \(error)\n")
            return 1
        }
    }
}

/// The options that name a store's token key ring, shared by the commands that open a durable store.
enum StoreKeyRingOptions {
    static let keysFile = OptionSpec.value("keys-file", "F", "Token key ring file (id:base64key entries, chmod 600).")
    static let keysEnv = OptionSpec.value(
        "keys-env", "NAME", "Environment variable holding the token key ring (default \(TokenKeyRing.defaultEnvironmentVariable)).")

    /// The ring from `--keys-file`, else from `--keys-env` (default `ALIPAYPLUS_TOKEN_KEYS`).
    static func keyRing(_ arguments: CommandLineArguments, command: String) throws -> TokenKeyRing {
        if arguments.value("keys-file") != nil, arguments.value("keys-env") != nil {
            throw CLIError.usage("give --keys-file or --keys-env, not both", command: command)
        }
        do {
            if let path = arguments.value("keys-file") { return try TokenKeyRing(contentsOfFile: path) }
            return try TokenKeyRing(environmentVariable: arguments.value("keys-env") ?? TokenKeyRing.defaultEnvironmentVariable)
        } catch {
            throw CLIError.unusableInput("cannot load the token key ring: \(error)")
        }
    }

    /// The demo's key file, kept in the demo's store folder.
    static let demoKeyFileName = "demo-token-keys"

    /// The demo's ring: read from `DIR/demo-token-keys`, or made there (mode 0600, one random key)
    /// on the first run. A convenience for the demo only: the key sits beside the data it protects.
    static func demoKeyRing(in directory: URL) throws -> TokenKeyRing {
        let path = directory.appendingPathComponent(demoKeyFileName).path
        if !FileManager.default.fileExists(atPath: path) {
            var key = [UInt8](repeating: 0, count: 32)
            var generator = SystemRandomNumberGenerator()
            for index in key.indices { key[index] = UInt8.random(in: .min ... .max, using: &generator) }
            let text = Array("demo1:\(Data(key).base64EncodedString())\n".utf8)
            for index in key.indices { key[index] = 0 }
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw CLIError.unusableInput("cannot create the demo key file \(path)") }
            defer { close(descriptor) }
            guard text.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) == text.count, fsync(descriptor) == 0 else {
                throw CLIError.unusableInput("cannot write the demo key file \(path)")
            }
        }
        return try TokenKeyRing(contentsOfFile: path)
    }
}
