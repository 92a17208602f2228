import BinanceMargin

/// The static types the checker tracks, where they matter.
public enum ValueType: String, Sendable, Hashable {
    /// One case per kind of ``Value`` (`order`, `orderList` and `transaction` are records of that kind); `any` is not known until run time.
    case any, none, bool, number, duration, string, code, list, order, orderList, transaction, record
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
        case .orderList: return "an order list"
        case .transaction: return "a transaction"
        case .record: return "a record"
        case .event: return "an event"
        }
    }

    /// The type of a record of `kind`: the kinds actions return have types of their own.
    static func ofRecord(kind: String) -> ValueType {
        switch kind {
        case "order": .order
        case "orderList": .orderList
        case "transaction": .transaction
        case "event": .event
        default: .record
        }
    }

    /// Whether a value of `self` may go where `expected` is required (unknown types pass).
    func fits(_ expected: ValueType) -> Bool {
        self == .any || expected == .any || self == expected || (expected == .record && (self == .order || self == .orderList || self == .transaction || self == .event))
    }
}
