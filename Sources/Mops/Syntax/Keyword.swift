import BinanceMargin

/// The reserved words of mops.
package enum Keyword: String, Sendable, Hashable, CaseIterable {
    /// Statement and control-flow words.
    case `let`, `if`, `else`, `while`, `for`, `in`, every, wait, until, timeout, assert, print, show
    /// Functions, literals, logic and `all`.
    case def, `return`, exit, `true`, `false`, none, and, or, not, all
    /// Account actions, simulator control and loop control.
    case borrow, repay, transfer, buy, sell, cancel, leverage, liquidate, sim, `break`, `continue`
}
