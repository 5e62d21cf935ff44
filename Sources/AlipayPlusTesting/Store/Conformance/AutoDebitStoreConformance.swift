public import AlipayPlus
import Foundation

/// The store contract as a suite of checks that any `AutoDebitStore` implementation can
/// run: every method, duplicates, version conflicts, the refund limit under 100 concurrent inserts,
/// 100 concurrent compare-and-sets on one record, lease exclusivity, expiry and fencing, the
/// unfinished queries, exclusive recovery claims, delivery keys, one unfinished payment per order,
/// refund/cancel exclusion, and (when the store persists) that a reopened store holds exactly the
/// acknowledged writes.
///
/// The suite does not depend on XCTest: each check is an `async throws` function that throws a
/// ``ConformanceFailure`` naming the rule it found broken. Call it from any test framework:
///
/// ```swift
/// func testMyStoreHonoursTheStoreContract() async throws {
///     let suite = AutoDebitStoreConformance(makeStore: { try await MyStore.connectToEmptySchema() })
///     for failure in await suite.runAll() { XCTFail("\(failure)") }
/// }
/// ```
///
/// `makeStore` must return a store with no records (a fresh schema, database or namespace) on every
/// call: each check starts from one. A persistent store passes `reopen`, which closes the given store
/// as a crash would and opens the same storage again; the durability checks run only then.
public struct AutoDebitStoreConformance: Sendable {
    /// One named check of the suite.
    public struct Check: Sendable {
        /// The rule the check protects, such as `aReplaceFromAStaleCopyIsRefused`.
        public let name: String
        let body: @Sendable (ConformanceContext) async throws -> Void
    }

    private let makeStore: @Sendable () async throws -> any AutoDebitStore
    private let reopen: (@Sendable (any AutoDebitStore) async throws -> any AutoDebitStore)?

    /// Creates the suite for the stores `makeStore` returns.
    ///
    /// - Parameters:
    ///   - makeStore: returns a new, empty store each time it is called.
    ///   - reopen: for a persistent store, closes the store it is given (as a crash would: no further
    ///     call reaches it) and returns the same storage opened again; `nil` for a store that keeps
    ///     nothing across a restart (the durability checks are then skipped).
    public init(
        makeStore: @escaping @Sendable () async throws -> any AutoDebitStore,
        reopen: (@Sendable (any AutoDebitStore) async throws -> any AutoDebitStore)? = nil
    ) {
        self.makeStore = makeStore
        self.reopen = reopen
    }

    /// Every check, in the order ``runAll()`` runs them.
    public var checks: [Check] {
        Self.recordChecks + Self.ruleChecks + Self.concurrencyChecks + Self.leaseChecks + Self.leasedInsertChecks + Self.releasingReplaceChecks
            + (reopen == nil ? [] : Self.durabilityChecks)
    }

    /// Runs one check on a new store.
    ///
    /// - Throws: ``ConformanceFailure`` naming the broken rule; an error of the store, or of
    ///   `makeStore`/`reopen`, wrapped in a ``ConformanceFailure`` that names the check.
    public func run(_ check: Check) async throws {
        do {
            let context = ConformanceContext(check: check.name, store: try await makeStore(), reopen: reopen)
            try await check.body(context)
        } catch let failure as ConformanceFailure {
            throw failure
        } catch {
            throw ConformanceFailure(check: check.name, message: "unexpected error: \(error)")
        }
    }

    /// Runs every check, each on a new store, and returns the failures (empty when the store conforms).
    public func runAll() async -> [ConformanceFailure] {
        var failures: [ConformanceFailure] = []
        for check in checks {
            do { try await run(check) } catch let failure as ConformanceFailure {
                failures.append(failure)
            } catch {
                failures.append(ConformanceFailure(check: check.name, message: "\(error)"))
            }
        }
        return failures
    }

    static func check(_ name: String, _ body: @escaping @Sendable (ConformanceContext) async throws -> Void) -> Check {
        Check(name: name, body: body)
    }
}

/// A broken rule found by ``AutoDebitStoreConformance``.
public struct ConformanceFailure: Error, Sendable, CustomStringConvertible {
    /// The check that failed.
    public var check: String
    /// What the store did and what the contract asks instead.
    public var message: String

    /// Creates a failure.
    public init(check: String, message: String) {
        self.check = check
        self.message = message
    }

    /// `<check>: <message>`.
    public var description: String { "\(check): \(message)" }
}
