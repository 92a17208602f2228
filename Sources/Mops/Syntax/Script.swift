import BinanceMargin

/// The syntax tree of a mops script, exactly as written (names are still names; the checker
/// resolves them and lowers the tree to ``LoweredExpr`` for the evaluator).
package struct Script: Sendable {
    /// The top-level statements in order.
    package var statements: [Stmt]
}
