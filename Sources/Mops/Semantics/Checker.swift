import BinanceMargin

/// Resolves and checks a parsed script before anything runs: names (with did-you-mean), arity,
/// the types that matter (asset vs symbol, amount vs duration vs string, conditions are true/false),
/// `break`/`return` placement — and lowers the tree to ``LoweredStmt``/``LoweredExpr`` with variables resolved to slots.
struct Checker {
    var symbols: SymbolTable
    let builtins: [Builtin]
    var builtinIndex: [String: Int] = [:]
    var diagnostics: [Diagnostic] = []
    /// Whether re-declaring a top-level variable with `let` is allowed (the REPL).
    let allowsRedeclaration: Bool

    struct Local {
        var slot: Int
        var type: ValueType
        var line: Int
    }

    /// Block scopes from the outermost (inside a function: its parameters) to the innermost.
    var scopes: [[String: Local]] = []
    var inFunction = false
    var localCount = 0
    var maxLocalCount = 0
    var loopDepth = 0
    /// The event of the handler being checked (`event` is in scope), nil elsewhere.
    var handlerEvent: HandlerEvent?
    /// What the script does (account changes, `sim` statements), found by ``apply(_:to:)``.
    var effects = Effects()

    init(symbols: SymbolTable, builtins: [Builtin], allowsRedeclaration: Bool) {
        self.symbols = symbols
        self.builtins = builtins
        self.allowsRedeclaration = allowsRedeclaration
        for (i, b) in builtins.enumerated() where builtinIndex[b.name] == nil { builtinIndex[b.name] = i }
    }

    // MARK: - Program

    /// Checks a parsed script and lowers it to ``LoweredStmt``s: the policy always; names, types and
    /// placement only when it parsed cleanly (names declared by a statement that failed to parse
    /// would otherwise cascade into "unknown name" errors). ``diagnostics`` then holds the syntax
    /// errors followed by the checker's.
    mutating func check(_ script: Script, syntaxErrors: [Diagnostic], policy: Policy) -> [LoweredStmt] {
        diagnostics = syntaxErrors
        let ops = syntaxErrors.isEmpty ? resolve(script) : []
        apply(policy, to: script.statements)
        return ops
    }

    /// Hoists the top-level functions, then checks and lowers every statement.
    private mutating func resolve(_ script: Script) -> [LoweredStmt] {
        // Hoist top-level functions so they may be called before (or by) their definition.
        for statement in script.statements {
            guard case .def(let name, let nameRange, let parameters, _) = statement.kind else { continue }
            if builtinIndex[name] != nil {
                error("'\(name)' is a builtin; a function cannot take its name", nameRange, hint: "pick another name")
                continue
            }
            if let existing = symbols.functionIndex[name], !allowsRedeclaration || existing < 0 {
                error("function '\(name)' is defined twice", nameRange, hint: nil)
                continue
            }
            let index = symbols.functionIndex[name] ?? symbols.functions.count
            if index == symbols.functions.count {
                symbols.functions.append(LoweredFunction(name: name, parameterCount: parameters.count, localCount: 0, body: [], range: nameRange))
                symbols.functionParameters.append(parameters.map(\.name))
            } else {
                symbols.functionParameters[index] = parameters.map(\.name)
                symbols.functions[index].parameterCount = parameters.count
            }
            symbols.functionIndex[name] = index
        }
        return block(script.statements, newScope: false)
    }

    mutating func block(_ statements: [Stmt], newScope: Bool = true) -> [LoweredStmt] {
        if newScope { scopes.append([:]) }
        defer { if newScope { endScope() } }
        return statements.map { statement($0) }
    }

    mutating func endScope() {
        scopes.removeLast()
    }

    // MARK: - Names

    mutating func declare(_ name: String, type: ValueType, at range: SourceRange) -> Slot? {
        if builtinIndex[name] != nil {
            error("'\(name)' is a builtin and cannot name a variable", range, hint: "pick another name, e.g. my\(name.prefix(1).uppercased() + name.dropFirst())")
            return nil
        }
        if symbols.functionIndex[name] != nil {
            error("'\(name)' is a function and cannot name a variable", range, hint: "pick another name")
            return nil
        }
        if let innermost = scopes.last, let existing = innermost[name] {
            error("'\(name)' is already defined in this block (line \(existing.line))", range, hint: "assign it without 'let': \(name) = ...")
            return nil
        }
        if scopes.isEmpty, !allowsRedeclaration, let existing = symbols.variables[name] {
            error("'\(name)' is already defined (line \(existing.line))", range, hint: "assign it without 'let': \(name) = ...")
            return nil
        }
        return declareLocalOrGlobal(name, type: type, at: range)
    }

    mutating func declareLocalOrGlobal(_ name: String, type: ValueType, at range: SourceRange) -> Slot {
        if scopes.isEmpty {
            return .global(symbols.declare(name, type: type, line: range.start.line))
        }
        let slot: Int
        if inFunction {
            slot = localCount
            localCount += 1
            maxLocalCount = max(maxLocalCount, localCount)
        } else {
            // A block at the top level: the variable is scoped to the block but stored in a fresh global slot.
            slot = symbols.slotCount
            symbols.slotCount += 1
        }
        scopes[scopes.count - 1][name] = Local(slot: slot, type: type, line: range.start.line)
        return inFunction ? .local(slot) : .global(slot)
    }

    func lookupVariable(_ name: String) -> (Slot, ValueType)? {
        for scope in scopes.reversed() {
            if let local = scope[name] { return (inFunction ? .local(local.slot) : .global(local.slot), local.type) }
        }
        if let global = symbols.variables[name] {
            if inFunction { return (.global(global.slot), .any) }   // a global may change between calls
            return (.global(global.slot), global.type)
        }
        return nil
    }

    mutating func refine(_ name: String, to type: ValueType) {
        for i in scopes.indices.reversed() where scopes[i][name] != nil {
            scopes[i][name]!.type = type
            return
        }
        symbols.variables[name]?.type = type
    }

    func didYouMean(_ name: String, variablesOnly: Bool = false) -> String {
        var candidates = Set(symbols.variables.keys)
        for scope in scopes { candidates.formUnion(scope.keys) }
        if !variablesOnly {
            candidates.formUnion(builtinIndex.keys)
            candidates.formUnion(symbols.functionIndex.keys)
            candidates.formUnion(Keyword.allCases.map(\.rawValue))
        }
        guard let best = Spelling.closest(to: name, in: candidates) else { return "" }
        return variablesOnly ? " (did you mean '\(best)'?)" : "did you mean '\(best)'?"
    }

    /// The text of a string literal without interpolations, or nil.
    static func literal(_ segments: [StringSegment]) -> String? {
        var text = ""
        for segment in segments {
            guard case .text(let t) = segment else { return nil }
            text += t
        }
        return text
    }

    // MARK: - Reporting

    /// Records an error at `range` (nil: a problem of the whole run, shown without a place).
    mutating func error(_ message: String, _ range: SourceRange?, hint: String?) {
        diagnostics.append(Diagnostic(phase: .check, range: range, message: message, hint: hint?.isEmpty == true ? nil : hint))
    }
}

extension Stmt.Kind {
    var isBreak: Bool {
        if case .break = self { return true }
        return false
    }
}
