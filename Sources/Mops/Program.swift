/// A checked script, ready to run any number of times (parse once, run many).
///
/// Make one with ``Interpreter/compile(_:inputs:)``. A program holds its resolved code and the
/// names of its top-level variables; it is a value and may be shared across tasks.
public struct Program: Sendable {
    /// The source it was compiled from.
    public let source: Source
    /// The names every run may pass in (declared at compile time), in order.
    public let inputs: [String]
    let ops: [LoweredStmt]
    let symbols: SymbolTable
    let builtins: [Builtin]

    /// The top-level variable names the program declares (inputs included), sorted.
    public var variableNames: [String] { symbols.variableNames }

    /// Whether the program contains statements that change the account (borrow, repay, transfer,
    /// orders, cancels). The CLI uses this to require `--yes` for live runs.
    public let mutates: Bool
    /// Whether the program contains `sim` statements.
    public let usesSimulator: Bool
    /// Whether the program registers event handlers (`on …`): only then does a host need to give it an
    /// ``EventFeed`` (and, over the network, open the streams that fill one).
    public let handlesEvents: Bool
}
