import BinanceMargin

/// A value with named fields (an order, a transaction, a balance row), fields kept in order.
public struct Record: Sendable, Hashable, CustomStringConvertible {
    /// What the record describes: `order`, `transaction`, `balance`, …
    public var kind: String
    /// The fields in display order.
    public var fields: [(name: String, value: Value)]

    /// Makes a record.
    public init(kind: String, fields: [(name: String, value: Value)]) {
        self.kind = kind
        self.fields = fields
    }

    /// The value of field `name`, or nil.
    public subscript(name: String) -> Value? {
        fields.first { $0.name == name }?.value
    }

    /// `order{id: 12, symbol: BTCUSDT, …}`.
    public var description: String {
        kind + "{" + fields.map { "\($0.name): \($0.value.quoted)" }.joined(separator: ", ") + "}"
    }

    public static func == (a: Record, b: Record) -> Bool {
        a.kind == b.kind && a.fields.count == b.fields.count
            && zip(a.fields, b.fields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        for f in fields { hasher.combine(f.name); hasher.combine(f.value) }
    }
}
