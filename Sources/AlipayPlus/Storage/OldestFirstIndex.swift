import Foundation

/// Record ids kept in creation order (oldest first, ties by id), for the store's "unfinished" and
/// "pending" queries: reading the oldest `n` costs `n`, whatever the number of records stored.
struct OldestFirstIndex: Sendable {
    /// One indexed record.
    struct Key: Comparable, Sendable {
        var createdAt: Date
        var id: String

        static func < (lhs: Key, rhs: Key) -> Bool { (lhs.createdAt, lhs.id) < (rhs.createdAt, rhs.id) }
    }

    private(set) var keys: [Key] = []

    /// Where `key` is or would be inserted (binary search).
    private func position(of key: Key) -> Int {
        var low = 0, high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low
    }

    mutating func insert(_ id: String, createdAt: Date) {
        let key = Key(createdAt: createdAt, id: id)
        let at = position(of: key)
        if at < keys.count, keys[at] == key { return }
        keys.insert(key, at: at)
    }

    mutating func remove(_ id: String, createdAt: Date) {
        let key = Key(createdAt: createdAt, id: id)
        let at = position(of: key)
        if at < keys.count, keys[at] == key { keys.remove(at: at) }
    }

    /// The ids, oldest first.
    var ids: some Sequence<String> { keys.lazy.map(\.id) }
}
