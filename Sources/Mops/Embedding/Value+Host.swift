import BinanceMargin

/// Conversions a host uses to pass values in and read them back (variables, host-function arguments).
extension Value {
    /// The number when the value is one; nil otherwise (never binary floating point: amounts stay exact).
    public var numberValue: Number? {
        if case .number(let n) = self { return n }
        return nil
    }

    /// The text of a string or of an asset/symbol code; nil for other values.
    public var textValue: String? {
        switch self {
        case .string(let s), .code(let s): return s
        default: return nil
        }
    }

    /// The truth value when the value is `true` or `false`; nil otherwise.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The milliseconds when the value is a duration; nil otherwise.
    public var durationMilliseconds: Int64? {
        if case .duration(let ms) = self { return ms }
        return nil
    }

    /// A number value parsed from exact decimal text (`"1.25"`), or nil when the text is not a decimal.
    public init?(decimal text: String) {
        guard let n = Number(text) else { return nil }
        self = .number(n)
    }
}
