import BinanceMargin

/// A user function, resolved.
struct LoweredFunction: Sendable {
    var name: String
    var parameterCount: Int
    var localCount: Int
    var body: [LoweredStmt]
    var range: SourceRange
}
