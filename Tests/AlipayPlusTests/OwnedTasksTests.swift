import Foundation
import XCTest

/// Every task in the library has an owner: no unstructured task is created in Sources/.
///
/// Background work runs as children of ``AutoDebitCoordinator/run()``'s task group; everything else
/// uses task groups scoped to a call. This reads every Swift file under Sources/ from the package
/// checkout and fails on `Task {`, `Task(`, `Task<`, `Task.init` or `Task.detached` outside comments.
final class OwnedTasksTests: XCTestCase {
    /// Files allowed to create unstructured tasks (none today: `run()` uses only its task group).
    private static let allowed: Set<String> = []

    private static var sources: URL {
        URL(fileURLWithPath: #filePath)  // …/Tests/AlipayPlusTests/OwnedTasksTests.swift
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
    }

    /// The lines of `text` that create an unstructured task, ignoring `//` comments.
    static func unstructuredTaskCreations(in text: String) -> [String] {
        let creation = try! NSRegularExpression(pattern: #"(?<![\w.])Task\s*(\{|\(|<|\.init\b|\.detached\b)"#)
        return text.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line in
            let code = line.range(of: "//").map { String(line[..<$0.lowerBound]) } ?? String(line)
            let range = NSRange(code.startIndex..., in: code)
            return creation.firstMatch(in: code, range: range) == nil ? nil : line.trimmingCharacters(in: .whitespaces)
        }
    }

    func testTheDetectorFindsEveryFormOfUnstructuredTask() {
        for line in ["Task { await work() }", "let t = Task<Int, Never> { 1 }", "Task.detached { }", "Task(priority: .low) {}",
                     "x = Task.init { }", "_ = Task{ }"] {
            XCTAssertEqual(Self.unstructuredTaskCreations(in: line).count, 1, line)
        }
        for line in ["try await Task.sleep(for: .seconds(1))", "if Task.isCancelled {}", "group.addTask { }",
                     "await withTaskGroup(of: Void.self) { _ in }", "// Task { } in a comment", "/// Task.detached",
                     "try Task.checkCancellation()", "await Task.yield()", "session.dataTask(with: request)"] {
            XCTAssertEqual(Self.unstructuredTaskCreations(in: line), [], line)
        }
    }

    func testNoUnstructuredTaskIsCreatedAnywhereInSources() throws {
        let root = Self.sources
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        XCTAssertGreaterThan(files.count, 50, "Sources/ not found at \(root.path)")
        var offences: [String] = []
        for file in files where !Self.allowed.contains(file.lastPathComponent) {
            let text = try String(contentsOf: file, encoding: .utf8)
            for line in Self.unstructuredTaskCreations(in: text) {
                offences.append("\(file.path.replacingOccurrences(of: root.path + "/", with: "")): \(line)")
            }
        }
        XCTAssertEqual(offences, [], "start background work with runInBackground (owned by run()) or a task group")
    }
}
