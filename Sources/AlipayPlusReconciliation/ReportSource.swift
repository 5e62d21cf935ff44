public import Foundation

/// Where a report's bytes come from: a file (streamed in chunks) or data in memory.
public struct ReportSource: Sendable {
    enum Storage: Sendable {
        case file(URL)
        case data(Data, name: String)
    }

    let storage: Storage

    /// A file, read in chunks so memory stays flat.
    public static func file(_ url: URL) -> ReportSource { ReportSource(storage: .file(url)) }

    /// Bytes in memory.
    ///
    /// - Parameters:
    ///   - data: The CSV bytes.
    ///   - name: The name shown in errors (use the real file name if you have it).
    public static func data(_ data: Data, name: String = "data.csv") -> ReportSource {
        ReportSource(storage: .data(data, name: name))
    }

    /// The file name or the given name.
    public var name: String {
        switch storage {
        case .file(let url): return url.lastPathComponent
        case .data(_, let name): return name
        }
    }

    func makeReader(chunkSize: Int) throws -> CSVReader {
        switch storage {
        case .file(let url): return try CSVReader(contentsOf: url, chunkSize: chunkSize)
        case .data(let data, let name): return CSVReader(data: data, name: name, chunkSize: chunkSize)
        }
    }
}
