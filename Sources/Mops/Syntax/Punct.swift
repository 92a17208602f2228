import BinanceMargin

/// Punctuation and operators.
package enum Punct: String, Sendable, Hashable, CaseIterable {
    /// Brackets.
    case lparen = "(", rparen = ")", lbracket = "[", rbracket = "]", lbrace = "{", rbrace = "}"
    /// Separators and assignment.
    case comma = ",", dot = ".", assign = "="
    /// Comparisons.
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    /// Arithmetic.
    case plus = "+", minus = "-", star = "*", slash = "/"
}
