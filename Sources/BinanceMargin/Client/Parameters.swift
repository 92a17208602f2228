/// A request's parameters in the order the operation defines them, formatted as Binance expects.
///
/// Decimals are written with `Number.description` (plain, never an exponent), booleans as the
/// endpoint wants them (`TRUE`/`FALSE` for `isIsolated`, `true`/`false` elsewhere), and nil values
/// are skipped. ``encoded`` is the percent-encoded `name=value&…` string that is signed and sent.
public struct Parameters: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    /// The name/value pairs, unencoded, in order.
    public private(set) var items: [(name: String, value: String)] = []

    /// No parameters.
    public init() {}

    /// Pairs in the given order.
    public init(dictionaryLiteral elements: (String, String)...) {
        items = elements.map { (name: $0.0, value: $0.1) }
    }

    /// Appends `name=value` unless `value` is nil.
    public mutating func add(_ name: String, _ value: String?) {
        if let value { items.append((name: name, value: value)) }
    }

    /// Appends a decimal in plain form (`0.001`) unless nil.
    public mutating func add(_ name: String, _ value: Number?) {
        add(name, value.map { $0.description })
    }

    /// Appends an integer unless nil.
    public mutating func add(_ name: String, _ value: Int64?) {
        add(name, value.map { String($0) })
    }

    /// Appends an integer unless nil.
    public mutating func add(_ name: String, _ value: Int?) {
        add(name, value.map { String($0) })
    }

    /// Appends `isIsolated=TRUE|FALSE` (Binance's string enum).
    public mutating func addIsolated(_ isolated: Bool) {
        add("isIsolated", isolated ? "TRUE" : "FALSE")
    }

    /// Appends a JSON boolean's spelling (`true`/`false`) unless nil.
    public mutating func add(_ name: String, _ value: Bool?) {
        add(name, value.map { $0 ? "true" : "false" })
    }

    /// The value of the first pair named `name`.
    public subscript(name: String) -> String? { items.first { $0.name == name }?.value }

    /// Whether there are no pairs.
    public var isEmpty: Bool { items.isEmpty }

    /// `name=value&…`, each name and value percent-encoded once (RFC 3986 unreserved set kept).
    public var encoded: String {
        items.map { PercentEncoding.encode($0.name) + "=" + PercentEncoding.encode($0.value) }.joined(separator: "&")
    }

    /// Equal when the same pairs come in the same order.
    public static func == (a: Parameters, b: Parameters) -> Bool {
        a.items.map { [$0.name, $0.value] } == b.items.map { [$0.name, $0.value] }
    }

    /// Hashes the pairs in order.
    public func hash(into hasher: inout Hasher) {
        for item in items { hasher.combine(item.name); hasher.combine(item.value) }
    }
}
