/// The column names of one section, looked up case-insensitively.
public struct ReportHeader: Sendable, Hashable {
    /// The names as written in the file (trimmed).
    public let names: [String]
    /// The 1-based line of the header row.
    public let line: Int
    private let indexByName: [String: Int]

    /// Creates a header from a header row.
    public init(names: [String], line: Int) {
        self.names = names.map { $0.trimmingASCIISpaces() }
        self.line = line
        var index: [String: Int] = [:]
        for (position, name) in self.names.enumerated() where index[name.lowercased()] == nil {
            index[name.lowercased()] = position
        }
        indexByName = index
    }

    /// The position of a column (case-insensitive), or nil.
    public func index(of name: String) -> Int? { indexByName[name.lowercased()] }

    /// The first of `aliases` present in the header, as written in the file.
    func firstPresent(_ aliases: [String]) -> (name: String, index: Int)? {
        for alias in aliases { if let index = index(of: alias) { return (names[index], index) } }
        return nil
    }
}

extension String {
    func trimmingASCIISpaces() -> String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" { view = view.dropFirst() }
        while let last = view.last, last == " " || last == "\t" { view = view.dropLast() }
        return view.count == count ? self : String(view)
    }
}
