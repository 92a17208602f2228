/// A request's parameter names with their values, each name once: found by scanning while there are few (a signed
/// read has three), by hashing once there are many.
///
/// Equal when they hold the same names with the same values, in whatever order.
struct ParameterPairs: Sendable, Equatable {
    private struct Pair: Sendable {
        let name: String
        var value: String
    }

    /// More pairs than this are indexed by name.
    static let scanLimit = 16

    private var pairs: [Pair] = []
    /// Position by name, once there are more than ``scanLimit`` pairs.
    private var index: [String: Int]? = nil

    init() {}

    /// Room for `count` pairs.
    init(capacity count: Int) { pairs.reserveCapacity(Swift.min(count, 64)) }

    /// The pairs of a table.
    init(_ table: [String: String]) {
        for (name, value) in table { set(name, value) }
    }

    var isEmpty: Bool { pairs.isEmpty }
    var count: Int { pairs.count }

    /// The pairs as a table.
    var table: [String: String] {
        var table = [String: String](minimumCapacity: pairs.count)
        for pair in pairs { table[pair.name] = pair.value }
        return table
    }

    /// The value given for `name`, if any.
    subscript(name: String) -> String? {
        position(of: name).map { pairs[$0].value }
    }

    /// Adds `name` with `value`; false (nothing changed) when `name` is already there.
    mutating func insert(_ name: String, _ value: String) -> Bool {
        guard position(of: name) == nil else { return false }
        append(name, value)
        return true
    }

    /// Sets `name` to `value`, replacing an earlier value.
    mutating func set(_ name: String, _ value: String) {
        if let at = position(of: name) { pairs[at].value = value } else { append(name, value) }
    }

    /// Sets every pair of `other`, its values replacing these.
    mutating func merge(_ other: ParameterPairs) {
        for pair in other.pairs { set(pair.name, pair.value) }
    }

    static func == (lhs: ParameterPairs, rhs: ParameterPairs) -> Bool {
        lhs.count == rhs.count && lhs.pairs.allSatisfy { rhs[$0.name] == $0.value }
    }

    private func position(of name: String) -> Int? {
        if let index { return index[name] }
        return pairs.firstIndex { $0.name == name }
    }

    private mutating func append(_ name: String, _ value: String) {
        pairs.append(Pair(name: name, value: value))
        if index != nil {
            index?[name] = pairs.count - 1
        } else if pairs.count > ParameterPairs.scanLimit {
            var built = [String: Int](minimumCapacity: pairs.count * 2)
            for (at, pair) in pairs.enumerated() { built[pair.name] = at }
            index = built
        }
    }
}
