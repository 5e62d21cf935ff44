/// Why charges were refused before anything was stored (the soaks' `notStarted` outcomes), grouped
/// so that a run's report says what the refusals were, not only how many.
package enum SoakRefusal {
    /// The reason of one refusal in a form shared by refusals of the same kind: its first line, digit
    /// runs as `#` (ids, amounts, counts), at most 80 characters.
    package static func reason(of error: String) -> String {
        let firstLine = error.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        var reason = ""
        var inDigits = false
        for character in firstLine {
            if character.isASCII, character.isNumber {
                if !inDigits { reason.append("#") }
                inDigits = true
            } else {
                reason.append(character)
                inDigits = false
            }
        }
        return String(reason.prefix(80))
    }

    /// `notStarted (refused before anything was stored): <reason> ×<n>; …`, most frequent first, or
    /// nil when nothing was refused.
    package static func line(_ refusals: [String: Int]) -> String? {
        guard !refusals.isEmpty else { return nil }
        let reasons = refusals.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) ×\($0.value)" }
        return "notStarted (refused before anything was stored): " + reasons.joined(separator: "; ")
    }
}
