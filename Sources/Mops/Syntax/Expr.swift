import BinanceMargin

/// An expression with its source range.
package struct Expr: Sendable {
    /// What the expression is.
    package indirect enum Kind: Sendable {
        /// A decimal literal.
        case number(Number)
        /// A percentage literal `50%`, carried as the percent figure (50).
        case percent(Number)
        /// A duration literal in milliseconds.
        case duration(Int64)
        /// `true` / `false`.
        case bool(Bool)
        /// `none`.
        case none
        /// A string with `{expr}` interpolations.
        case string([StringSegment])
        /// An asset or symbol code: `USDT`, `BTCUSDT`.
        case code(String)
        /// A variable, or a builtin used without arguments (`marginLevel`).
        case name(String)
        /// `-x`, `not x`.
        case unary(UnaryOperator, Expr)
        /// `a + b`, `a < b`, `a and b`, …
        case binary(BinaryOperator, Expr, Expr)
        /// `f(a, b)`: the callee's name and range, then the arguments.
        case call(String, SourceRange, [Expr])
        /// `o.status`.
        case member(Expr, String)
        /// `xs[0]`.
        case index(Expr, Expr)
        /// `[a, b]`.
        case list([Expr])
        /// A statement that changes the account, used as a value: `let o = buy 0.01 BTCUSDT`.
        case action(Action)
    }

    /// What the expression is.
    package let kind: Kind
    /// Where it is.
    package let range: SourceRange
    /// How many levels the tree has from this node down (a literal is 1); the parser keeps it
    /// within ``Limits/nesting``.
    let height: Int

    /// Makes a node; its height comes from its direct children, so building a tree stays linear.
    init(kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
        self.height = kind.children.reduce(0) { Swift.max($0, $1.height) } + 1
    }
}

extension Expr.Kind {
    /// The direct sub-expressions of a node.
    var children: [Expr] {
        switch self {
        case .number, .percent, .duration, .bool, .none, .code, .name: return []
        case .string(let segments):
            return segments.compactMap { if case .expr(let e) = $0 { return e } else { return nil } }
        case .unary(_, let e), .member(let e, _): return [e]
        case .binary(_, let a, let b), .index(let a, let b): return [a, b]
        case .call(_, _, let arguments): return arguments
        case .list(let items): return items
        case .action(let action): return action.children
        }
    }
}

/// A piece of a string literal.
package enum StringSegment: Sendable {
    /// Literal text.
    case text(String)
    /// An interpolated expression.
    case expr(Expr)
}

/// Prefix operators.
package enum UnaryOperator: String, Sendable {
    /// `-x` and `not x`.
    case negate = "-", not = "not"
}

/// Infix operators, loosest first: `or`, `and`, comparisons, `+ -`, `* /`.
package enum BinaryOperator: String, Sendable {
    /// Logic (short-circuit).
    case or, and
    /// Comparisons.
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    /// Arithmetic.
    case add = "+", subtract = "-", multiply = "*", divide = "/"
}
