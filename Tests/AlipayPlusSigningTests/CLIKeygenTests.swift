import AlipayPlusSigning
import Foundation
import XCTest

/// `alipayplus keygen`: which files are secret, and that they are born owner-only.
final class CLIKeygenTests: XCTestCase {
    private func mode(_ path: String) throws -> Int? {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
    }

    func testKeygenWritesThePrivateKeyOwnerOnlyWhateverTheUmaskAndSaysThePublicFilesArePublic() throws {
        let cli = try CLIRunner()
        for umask in ["000", "077"] {
            let directory = try Fixtures.temporaryDirectory(for: self).appendingPathComponent("keys").path
            let result = try cli.run(["keygen", "--out", directory], umask: umask)
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertEqual(try mode(directory + "/private_key.pem"), 0o600, "umask \(umask)")
            XCTAssertEqual(try mode(directory + "/private_key.txt"), 0o600, "umask \(umask)")
            XCTAssertEqual(try mode(directory + "/public_key.pem"), 0o644, "umask \(umask)")
            XCTAssertEqual(try mode(directory + "/public_key.txt"), 0o644, "umask \(umask)")
            let lines = result.stdout.split(separator: "\n")
            let privateLine = try XCTUnwrap(lines.first { $0.contains("private_key.pem") })
            let publicLine = try XCTUnwrap(lines.first { $0.contains("public_key.txt") })
            XCTAssertTrue(privateLine.contains("PRIVATE") && privateLine.contains("0600"), result.stdout)
            XCTAssertTrue(publicLine.contains("public") && publicLine.contains("upload public_key.txt"), result.stdout)
            XCTAssertNoThrow(try RSAPrivateKey(contentsOfFile: directory + "/private_key.pem"))
        }
    }

    func testKeygenWithForceReplacesTheKeysAndKeepsThePrivateOnesOwnerOnly() throws {
        let cli = try CLIRunner()
        let directory = try Fixtures.temporaryDirectory(for: self).appendingPathComponent("keys").path
        XCTAssertEqual(try cli.run(["keygen", "--out", directory]).status, 0)
        let first = try Data(contentsOf: URL(fileURLWithPath: directory + "/private_key.pem"))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: directory + "/private_key.pem")
        let again = try cli.run(["keygen", "--out", directory, "--force"], umask: "000")
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertNotEqual(try Data(contentsOf: URL(fileURLWithPath: directory + "/private_key.pem")), first)
        XCTAssertEqual(try mode(directory + "/private_key.pem"), 0o600)
    }
}
