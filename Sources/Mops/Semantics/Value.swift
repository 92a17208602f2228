import BinanceMargin

/// A mops value. Numbers are exact decimals (``Number``), durations whole milliseconds.
public enum Value: Sendable, Hashable, CustomStringConvertible {
    /// `none`: no value (a function without `return`, a missing field).
    case none
    /// `true` / `false`.
    case bool(Bool)
    /// An exact decimal: an amount, price, rate or margin level.
    case number(Number)
    /// A length of time in milliseconds.
    case duration(Int64)
    /// Text.
    case string(String)
    /// An asset or symbol code: `USDT`, `BTCUSDT`.
    case code(String)
    /// A list.
    case list([Value])
    /// A result with named fields: an order, a transaction, a balance.
    case record(Record)

    /// How the value prints: numbers plain (`0.001`), durations `1h30m`, strings without quotes.
    public var description: String {
        switch self {
        case .none: return "none"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.description
        case .duration(let ms): return DurationFormat.format(milliseconds: ms)
        case .string(let s): return s
        case .code(let c): return c
        case .list(let items): return "[" + items.map { $0.quoted }.joined(separator: ", ") + "]"
        case .record(let r): return r.description
        }
    }

    /// The form used inside lists and records: strings quoted.
    var quoted: String {
        if case .string(let s) = self { return "\"" + s + "\"" }
        return description
    }

    /// The static type this value has.
    public var type: ValueType {
        switch self {
        case .none: return .none
        case .bool: return .bool
        case .number: return .number
        case .duration: return .duration
        case .string: return .string
        case .code: return .code
        case .list: return .list
        case .record(let r): return r.kind == "order" ? .order : (r.kind == "transaction" ? .transaction : .record)
        }
    }

    /// Whether the value counts as true in a condition (only `true` does; anything else is a type error).
    var truth: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }
}

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

/// The static types the checker tracks, where they matter.
public enum ValueType: String, Sendable, Hashable {
    /// One case per kind of ``Value`` (`order` and `transaction` are records of that kind); `any` is not known until run time.
    case any, none, bool, number, duration, string, code, list, order, transaction, record

    /// How the type is named in diagnostics.
    public var spoken: String {
        switch self {
        case .any: return "a value"
        case .none: return "none"
        case .bool: return "a true/false value"
        case .number: return "a number"
        case .duration: return "a duration"
        case .string: return "a string"
        case .code: return "an asset or symbol code"
        case .list: return "a list"
        case .order: return "an order"
        case .transaction: return "a transaction"
        case .record: return "a record"
        }
    }

    /// Whether a value of `self` may go where `expected` is required (unknown types pass).
    func fits(_ expected: ValueType) -> Bool {
        self == .any || expected == .any || self == expected || (expected == .record && (self == .order || self == .transaction))
    }
}
