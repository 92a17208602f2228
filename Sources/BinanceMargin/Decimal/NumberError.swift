/// Why an exact ``Number`` operation has no result: it needs more than 38 digits, or divides by zero.
///
/// Every arithmetic operator of ``Number`` throws this (typed), so each call site decides what an
/// overflow means there: a located diagnostic in the language, a Binance error answer in the
/// simulator, a ``BinanceError`` in the client. Nothing traps.
public enum NumberError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The exact result needs more than 38 significant digits; `operation` spells it, e.g. `"1e20 * 1e20"` as digits.
    case overflow(operation: String)
    /// A division by zero; `dividend` is the number that was being divided.
    case divisionByZero(dividend: Number)

    /// One line: `arithmetic overflow: 99999999999999999999999999999999999999 * 10 does not fit in 38 digits`.
    public var description: String {
        switch self {
        case .overflow(let operation): return "arithmetic overflow: \(operation) does not fit in 38 digits"
        case .divisionByZero(let dividend): return "division by zero: \(dividend) / 0"
        }
    }

    /// An overflow of `lhs op rhs`.
    static func overflow(_ lhs: Number, _ op: String, _ rhs: Number) -> NumberError {
        .overflow(operation: "\(lhs) \(op) \(rhs)")
    }
}
