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
        case .record(let r): return ValueType.ofRecord(kind: r.kind)
        }
    }

    /// Whether the value counts as true in a condition (only `true` does; anything else is a type error).
    var truth: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }
}
