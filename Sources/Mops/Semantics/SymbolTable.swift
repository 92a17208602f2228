/// What the checker knows about the names visible at the top level of a program or REPL session:
/// variables with their slots and types, and user functions. A REPL session keeps one across
/// chunks, so variables and functions persist.
package struct SymbolTable: Sendable {
    /// A declared variable.
    struct Variable: Sendable {
        var slot: Int
        var type: ValueType
        var line: Int
    }

    var variables: [String: Variable] = [:]
    /// How many global slots are in use.
    var slotCount = 0
    var functionIndex: [String: Int] = [:]
    var functions: [LoweredFunction] = []
    var functionParameters: [[String]] = []

    /// An empty table.
    package init() {}

    /// The names of the top-level variables, sorted (for REPL completion).
    package var variableNames: [String] { variables.keys.sorted() }

    /// The names of the user functions, sorted.
    package var functionNames: [String] { functionIndex.keys.sorted() }

    /// The slot of the top-level variable `name`.
    func slot(of name: String) -> Int? { variables[name]?.slot }

    /// Declares a new top-level variable (or re-declares one, reusing its slot).
    mutating func declare(_ name: String, type: ValueType, line: Int) -> Int {
        if let existing = variables[name] {
            variables[name] = Variable(slot: existing.slot, type: type, line: line)
            return existing.slot
        }
        let slot = slotCount
        slotCount += 1
        variables[name] = Variable(slot: slot, type: type, line: line)
        return slot
    }
}
