import BinanceMargin

/// The static types the checker tracks, where they matter.
public enum ValueType: String, Sendable, Hashable {
    /// One case per kind of ``Value`` (`order` and `transaction` are records of that kind); `any` is not known until run time.
    case any, none, bool, number, duration, string, code, list, order, transaction, record
    /// The `event` record inside an `on … { }` handler (its fields depend on the handler's event).
    case event

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
        case .event: return "an event"
        }
    }

    /// Whether a value of `self` may go where `expected` is required (unknown types pass).
    func fits(_ expected: ValueType) -> Bool {
        self == .any || expected == .any || self == expected || (expected == .record && (self == .order || self == .transaction || self == .event))
    }
}
