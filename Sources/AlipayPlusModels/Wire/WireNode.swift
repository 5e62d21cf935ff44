/// A node of the tree the wire encoder builds; containers hold references so nested containers can
/// be filled after they are handed out.
///
/// One encoding fills its nodes on one thread and never accesses a node's storage overlapping (a nested
/// value fills its own node), so the runtime's exclusivity checks on every append are skipped.
final class WireNode {
    enum Kind { case unset, string, object, array }
    @exclusivity(unchecked) var kind: Kind = .unset
    @exclusivity(unchecked) var text = ""
    /// Object members in insertion order; sorted when written (few keys: an array beats hashing).
    @exclusivity(unchecked) var fields: [(key: String, value: WireValue)] = []
    @exclusivity(unchecked) var items: [WireValue] = []

    /// The capacity an object node's fields start with.
    static let typicalFieldCount = 8

    init() {}

    /// True for nodes the wire rules leave out when optional: unset, `""`, `{}` and `[]`.
    var isEmpty: Bool {
        switch kind {
        case .unset: return true
        case .string: return text.isEmpty
        case .object: return fields.isEmpty
        case .array: return items.isEmpty
        }
    }

    /// Writes the node as JSON with sorted object keys and no slash escaping.
    func write(into out: inout [UInt8]) {
        switch kind {
        case .unset: out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .string: WireNode.writeString(text, into: &out)
        case .array:
            out.append(UInt8(ascii: "["))
            for (n, item) in items.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object:
            out.append(UInt8(ascii: "{"))
            var first = true
            // Sorted in place, once (stable: a key set twice keeps its last value below).
            if !fields.isSorted(by: { $0.key <= $1.key }) { fields.sortStable { $0.key < $1.key } }
            for (index, member) in fields.enumerated() where !member.value.isUnset {
                if index + 1 < fields.count, fields[index + 1].key == member.key { continue }
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                WireNode.writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                member.value.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func writeString(_ string: String, into out: inout [UInt8]) {
        JSONText.appendQuoted(string, to: &out)
    }
}

/// A member or element of a container: a scalar's text kept inline (no node allocated for it), or a
/// nested node.
enum WireValue {
    case text(String)
    case node(WireNode)

    /// An unset node (written as `null` in arrays, left out of objects).
    var isUnset: Bool {
        if case .node(let node) = self { return node.kind == .unset }
        return false
    }

    /// True for values the wire rules leave out when optional: unset, `""`, `{}` and `[]`.
    var isEmpty: Bool {
        switch self {
        case .text(let text): return text.isEmpty
        case .node(let node): return node.isEmpty
        }
    }

    func write(into out: inout [UInt8]) {
        switch self {
        case .text(let text): WireNode.writeString(text, into: &out)
        case .node(let node): node.write(into: &out)
        }
    }
}

extension Array {
    /// Whether every neighbouring pair is in order.
    func isSorted(by inOrder: (Element, Element) -> Bool) -> Bool {
        zip(self, dropFirst()).allSatisfy { inOrder($0, $1) }
    }

    /// Sorts in place keeping equal elements in their order: an insertion sort for the few keys of
    /// most objects, a sort by (element, position) for larger ones.
    mutating func sortStable(by areInIncreasingOrder: (Element, Element) -> Bool) {
        guard count > 1 else { return }
        guard count <= 32 else {
            self = enumerated().sorted { areInIncreasingOrder($0.element, $1.element)
                || (!areInIncreasingOrder($1.element, $0.element) && $0.offset < $1.offset) }.map(\.element)
            return
        }
        for index in 1..<count {
            var position = index
            while position > 0, areInIncreasingOrder(self[position], self[position - 1]) {
                swapAt(position, position - 1)
                position -= 1
            }
        }
    }
}
