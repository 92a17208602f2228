import BinanceMargin

/// One lexical unit of mops source with the range it covers.
package struct Token: Sendable, Hashable {
    /// What the token is.
    package var kind: Kind
    /// Where it is.
    package var range: SourceRange

    /// Makes a token.
    package init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    /// The kinds of token.
    package enum Kind: Sendable, Hashable {
        /// An exact decimal literal: `100`, `0.0015`, `1_000_000`.
        case number(Number)
        /// A percentage literal `50%`, carried as the percent figure (50).
        case percent(Number)
        /// A duration literal in milliseconds: `500ms`, `5s`, `10m`, `1h`, `1d`.
        case duration(Int64)
        /// A string literal, split into text and `{expr}` parts.
        case string([StringPart])
        /// A lower-case word that is not a keyword: a variable, function or contextual word.
        case identifier(String)
        /// An upper-case word: an asset or symbol code (`USDT`, `BTCUSDT`).
        case code(String)
        /// A reserved word.
        case keyword(Keyword)
        /// Punctuation or an operator.
        case punct(Punct)
        /// The end of a statement line.
        case newline
        /// The end of the input.
        case eof
        /// Text that is not mops; the tokenizer already reported it.
        case invalid(String)
    }

    /// A piece of a string literal.
    package enum StringPart: Sendable, Hashable {
        /// Literal text (escapes already resolved).
        case text(String)
        /// The tokens of an `{expr}` interpolation, ending with `.eof`.
        case interpolation([Token])
    }
}

extension Token.Kind: CustomStringConvertible {
    /// How the token is quoted in diagnostics: `'isolated'`, `end of line`, `end of input`.
    package var description: String {
        switch self {
        case .number(let n): return "'\(n)'"
        case .percent(let n): return "'\(n)%'"
        case .duration(let ms): return "'\(DurationFormat.format(milliseconds: ms))'"
        case .string: return "a string"
        case .identifier(let s), .code(let s): return "'\(s)'"
        case .keyword(let k): return "'\(k.rawValue)'"
        case .punct(let p): return "'\(p.rawValue)'"
        case .newline: return "end of line"
        case .eof: return "end of input"
        case .invalid(let s): return "'\(s)'"
        }
    }
}
