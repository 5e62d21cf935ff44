import Foundation

extension AlipayPlusEvent {
    /// ``message`` on one line, for log lines: its non-blank lines, trimmed, joined with `; `.
    ///
    /// Some explanations span several lines (a refused signature's report lists the content checked
    /// and the likely causes); a log line must stay one line, and nothing is dropped.
    public var singleLineMessage: String? {
        message.map { text in
            text.split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
                .joined(separator: "; ")
        }
    }
}
