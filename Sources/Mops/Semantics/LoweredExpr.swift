import BinanceMargin

/// The checked, resolved form of an expression the evaluator runs: names are slots, builtins are
/// table indices, and maximal side-effect-free subtrees are wrapped in ``pure`` so they run on a
/// synchronous fast path.
indirect enum LoweredExpr: Sendable {
    case constant(Value)
    case global(Int)
    case local(Int)
    case negate(LoweredExpr, SourceRange)
    case not(LoweredExpr, SourceRange)
    case arithmetic(BinaryOperator, LoweredExpr, LoweredExpr, SourceRange)
    case compare(BinaryOperator, LoweredExpr, LoweredExpr, SourceRange)
    case and(LoweredExpr, LoweredExpr, SourceRange)
    case or(LoweredExpr, LoweredExpr, SourceRange)
    /// A builtin call: its arguments, the call's range and each argument's range (for errors about one argument).
    case builtin(Int, [LoweredExpr], SourceRange, [SourceRange])
    case function(Int, [LoweredExpr], SourceRange)
    case member(LoweredExpr, String, SourceRange)
    case index(LoweredExpr, LoweredExpr, SourceRange)
    /// A list literal and its range (where a list over the size limits is reported).
    case list([LoweredExpr], SourceRange)
    /// An interpolated string and its range.
    case interpolation([InterpolationPiece], SourceRange)
    case action(LoweredAction, SourceRange)
    /// A subtree with no account reads, calls or actions: evaluated synchronously.
    case pure(LoweredExpr)
}

/// A piece of an interpolated string.
enum InterpolationPiece: Sendable {
    case text(String)
    case value(LoweredExpr)
}
