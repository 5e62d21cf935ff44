import AlipayPlusSigning
import Foundation
import XCTest

/// `alipayplus --help` texts and `--version`, read as a user reads them.
final class CLIUsageTests: XCTestCase {
    /// The command names `alipayplus --help` lists.
    private func commandNames(_ cli: CLIRunner) throws -> [String] {
        let top = try cli.run(["--help"]).stdout
        let list = top.components(separatedBy: "Commands:\n").last?.components(separatedBy: "\n\n").first ?? ""
        return list.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
    }

    /// The `--name` tokens of a text.
    private func optionNames(in text: Substring) -> Set<String> {
        var names = Set<String>()
        var rest = text[...]
        while let range = rest.range(of: "--") {
            let name = rest[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" }
            if !name.isEmpty { names.insert(String(name)) }
            rest = rest[range.upperBound...]
        }
        return names
    }

    func testEveryUsageLineListsEveryOptionTheCommandAccepts() throws {
        let cli = try CLIRunner()
        let names = try commandNames(cli)
        XCTAssertTrue(names.contains("demo") && names.contains("version"), "\(names)")
        for name in names {
            let help = try cli.run([name, "--help"])
            XCTAssertEqual(help.status, 0, name)
            // Usage: the synopsis lines up to the first blank line. Options: one line per accepted option.
            guard let usagePart = help.stdout.components(separatedBy: "Usage:\n").dropFirst().first,
                  let optionsPart = help.stdout.components(separatedBy: "\nOptions:\n").dropFirst().first else {
                XCTFail("\(name): no Usage or Options section in\n\(help.stdout)"); continue
            }
            let synopsis = usagePart.components(separatedBy: "\n\n")[0]
            XCTAssertTrue(synopsis.contains("alipayplus \(name)"), "\(name): \(synopsis)")
            let accepted = Set(optionsPart.split(separator: "\n").compactMap { line -> String? in
                let trimmed = line.drop { $0 == " " }
                guard trimmed.hasPrefix("--") else { return nil }
                return String(trimmed.dropFirst(2).prefix { $0 != " " })
            }).subtracting(["help"])
            let listed = optionNames(in: synopsis[...])
            XCTAssertEqual(accepted.subtracting(listed), [], "\(name): accepted but missing from the usage line")
            XCTAssertEqual(listed.subtracting(accepted).subtracting(["help", "version"]), [],
                           "\(name): in the usage line but not accepted")
        }
    }

    func testVersionPrintsTheLibraryAndOpenSSLVersions() throws {
        let cli = try CLIRunner()
        for arguments in [["--version"], ["version"]] {
            let result = try cli.run(arguments)
            XCTAssertEqual(result.status, 0, "\(arguments) \(result.stderr)")
            let lines = result.stdout.split(separator: "\n")
            XCTAssertEqual(lines.first, "alipayplus 0.1.0", "\(arguments)")
            XCTAssertEqual(lines.dropFirst().first.map(String.init), OpenSSLInfo.version, "\(arguments)")
        }
        XCTAssertTrue(try cli.run(["--help"]).stdout.contains("alipayplus --version"))
    }
}
