import BinanceMargin

/// Resolves and checks a parsed script before anything runs: names (with did-you-mean), arity,
/// the types that matter (asset vs symbol, amount vs duration vs string, conditions are true/false),
/// `break`/`return` placement — and lowers the tree to ``Op``/``Code`` with variables resolved to slots.
struct Checker {
    private(set) var environment: Environment
    let builtins: [Builtin]
    private var builtinIndex: [String: Int] = [:]
    private(set) var diagnostics: [Diagnostic] = []
    /// Whether re-declaring a top-level variable with `let` is allowed (the REPL).
    let allowsRedeclaration: Bool

    private struct Local {
        var slot: Int
        var type: ValueType
        var line: Int
    }

    /// Block scopes from the outermost (inside a function: its parameters) to the innermost.
    private var scopes: [[String: Local]] = []
    private var inFunction = false
    private var localCount = 0
    private var maxLocalCount = 0
    private var loopDepth = 0

    init(environment: Environment, builtins: [Builtin], allowsRedeclaration: Bool) {
        self.environment = environment
        self.builtins = builtins
        self.allowsRedeclaration = allowsRedeclaration
        for (i, b) in builtins.enumerated() where builtinIndex[b.name] == nil { builtinIndex[b.name] = i }
    }

    // MARK: - Program

    mutating func check(_ script: Script) -> [Op] {
        // Hoist top-level functions so they may be called before (or by) their definition.
        for statement in script.statements {
            guard case .def(let name, let nameRange, let parameters, _) = statement.kind else { continue }
            if builtinIndex[name] != nil {
                error("'\(name)' is a builtin; a function cannot take its name", nameRange, hint: "pick another name")
                continue
            }
            if let existing = environment.functionIndex[name], !allowsRedeclaration || existing < 0 {
                error("function '\(name)' is defined twice", nameRange, hint: nil)
                continue
            }
            let index = environment.functionIndex[name] ?? environment.functions.count
            if index == environment.functions.count {
                environment.functions.append(FunctionCode(name: name, parameterCount: parameters.count, localCount: 0, body: [], range: nameRange))
                environment.functionParameters.append(parameters.map(\.name))
            } else {
                environment.functionParameters[index] = parameters.map(\.name)
                environment.functions[index].parameterCount = parameters.count
            }
            environment.functionIndex[name] = index
        }
        return block(script.statements, newScope: false)
    }

    private mutating func block(_ statements: [Stmt], newScope: Bool = true) -> [Op] {
        if newScope { scopes.append([:]) }
        defer { if newScope { endScope() } }
        return statements.map { statement($0) }
    }

    private mutating func endScope() {
        scopes.removeLast()
    }

    // MARK: - Statements

    private mutating func statement(_ s: Stmt) -> Op {
        switch s.kind {
        case .expression(let e):
            let l = expression(e)
            return .evaluate(finish(l), s.range)

        case .let(let name, let nameRange, let value):
            let l = expression(value)
            if l.type == .none, case .none = value.kind {} // `let o = none` is fine
            guard let slot = declare(name, type: l.type, at: nameRange) else { return .nothing }
            return .assign(slot, finish(l), s.range)

        case .assign(let name, let nameRange, let value):
            let l = expression(value)
            guard let (slot, type) = lookupVariable(name) else {
                if environment.functionIndex[name] != nil || builtinIndex[name] != nil {
                    error("'\(name)' is a function, not a variable", nameRange, hint: "declare a variable with let: let \(name)Value = ...")
                } else {
                    error("'\(name)' is not defined", nameRange, hint: "declare it first: let \(name) = ..." + didYouMean(name, variablesOnly: true))
                }
                return .nothing
            }
            if type != .any && type != .none && l.type != .any && l.type != .none && type != l.type {
                error("'\(name)' holds \(type.spoken); cannot assign \(l.type.spoken)", value.range,
                      hint: "use a new variable for a different kind of value")
            }
            if type == .none && l.type != .none { refine(name, to: .any) }
            return .assign(slot, finish(l), s.range)

        case .if(let branches, let otherwise):
            var lowered: [(condition: Code, body: [Op])] = []
            for branch in branches {
                let c = condition(branch.condition, what: "the if condition")
                lowered.append((c, block(branch.body)))
            }
            return .branch(lowered, otherwise: otherwise.map { block($0) })

        case .while(let cond, let body):
            let c = condition(cond, what: "the while condition")
            loopDepth += 1
            defer { loopDepth -= 1 }
            return .loop(c, block(body), s.range)

        case .for(let name, let nameRange, let sequence, let body):
            let seq = expression(sequence)
            expect(seq, .list, sequence.range, what: "'for … in'", hint: "for o in openOrders(BTCUSDT) { ... }  or  for a in [USDT, BTC] { ... }")
            scopes.append([:])
            defer { endScope() }
            let slot = declareLocalOrGlobal(name, type: .any, at: nameRange)
            loopDepth += 1
            defer { loopDepth -= 1 }
            let ops = block(body, newScope: false)
            return .forEach(slot, finish(seq), ops, s.range)

        case .every(let interval, let limit, let body):
            let i = expression(interval)
            expect(i, .duration, interval.range, what: "'every'", hint: "every 30s { ... }")
            var limitCode: EveryLimitCode? = nil
            switch limit {
            case .duration(let d)?:
                let l = expression(d)
                expect(l, .duration, d.range, what: "'every … for'", hint: "every 1m for 1h { ... }")
                limitCode = .duration(finish(l))
            case .until(let c)?:
                limitCode = .until(condition(c, what: "the until condition"))
            case .times(let n)?:
                let l = expression(n)
                expect(l, .number, n.range, what: "'every … times'", hint: "every 10s times 6 { ... }")
                limitCode = .times(finish(l))
            case nil: break
            }
            loopDepth += 1
            defer { loopDepth -= 1 }
            return .every(interval: finish(i), limit: limitCode, body: block(body), s.range)

        case .wait(let d):
            let l = expression(d)
            expect(l, .duration, d.range, what: "'wait'", hint: "wait 5s  (units: ms s m h d)")
            return .wait(finish(l), s.range)

        case .waitUntil(let cond, let timeout):
            let c = condition(cond, what: "the wait-until condition")
            var t: Code? = nil
            if let timeout {
                let l = expression(timeout)
                expect(l, .duration, timeout.range, what: "'timeout'", hint: "wait until price(BTCUSDT) < 60000 timeout 10m")
                t = finish(l)
            }
            return .waitUntil(c, timeout: t, s.range)

        case .assert(let cond, let message):
            let c = condition(cond, what: "the assertion")
            return .assert(c, message: message.map { finish(expression($0)) }, s.range)

        case .print(let values):
            return .print(values.map { finish(expression($0)) }, s.range)

        case .show(let target):
            switch target {
            case .account: return .show(.account, s.range)
            case .balances: return .show(.balances, s.range)
            case .spot: return .show(.spot, s.range)
            case .loans: return .show(.loans, s.range)
            case .orders(let sym): return .show(.orders(sym.map { code($0, role: .symbol, context: "'show orders'") }), s.range)
            case .isolated(let sym): return .show(.isolated(sym.map { code($0, role: .symbol, context: "'show isolated'") }), s.range)
            case .rates(let asset): return .show(.rates(code(asset, role: .asset, context: "'show rates'")), s.range)
            case .history(let kind, let asset): return .show(.history(kind, asset.map { code($0, role: .asset, context: "'show history'") }), s.range)
            }

        case .def(let name, let nameRange, let parameters, let body):
            if inFunction || !scopes.isEmpty || loopDepth > 0 {
                error("functions are defined at the top level only", nameRange, hint: "move 'def \(name)' out of the block")
                return .nothing
            }
            guard let index = environment.functionIndex[name] else { return .nothing }
            var seen = Set<String>()
            var params: [String: Local] = [:]
            for (i, p) in parameters.enumerated() {
                if !seen.insert(p.name).inserted { error("parameter '\(p.name)' appears twice", p.range, hint: nil) }
                params[p.name] = Local(slot: i, type: .any, line: p.range.start.line)
            }
            inFunction = true
            scopes = [params]
            localCount = parameters.count
            maxLocalCount = localCount
            let ops = block(body, newScope: false)
            environment.functions[index] = FunctionCode(name: name, parameterCount: parameters.count, localCount: maxLocalCount,
                                                        body: ops, range: nameRange)
            scopes = []
            inFunction = false
            return .nothing

        case .return(let value):
            if !inFunction {
                error("'return' outside a function", s.range, hint: "use 'exit' to end the script")
                return .nothing
            }
            return .returnValue(value.map { finish(expression($0)) }, s.range)

        case .exit(let value):
            var code: Code? = nil
            if let value {
                let l = expression(value)
                expect(l, .number, value.range, what: "'exit'", hint: "exit 0  (a whole number 0…255)")
                if case .number(let n) = value.kind, !(n.exactInt64.map { (0...255).contains($0) } ?? false) {
                    error("an exit code is a whole number from 0 to 255, found \(n)", value.range, hint: "exit 1 for a failure, exit 0 for success")
                }
                code = finish(l)
            }
            return .exit(code, s.range)

        case .sim(let command):
            switch command {
            case .price(let symbol, let price):
                let p = expression(price)
                expect(p, .number, price.range, what: "'sim price'", hint: "sim price BTCUSDT 50000")
                return .sim(.price(symbol: code(symbol, role: .symbol, context: "'sim price'"), price: finish(p)), s.range)
            case .shock(let symbol, let percent):
                let p = expression(percent)
                if !isPercent(percent) {
                    error("'sim shock' takes a percentage such as -20%", percent.range, hint: "sim shock BTCUSDT -20%")
                }
                return .sim(.shock(symbol: code(symbol, role: .symbol, context: "'sim shock'"), percent: finish(p)), s.range)
            case .advance(let d):
                let l = expression(d)
                expect(l, .duration, d.range, what: "'sim advance'", hint: "sim advance 1h")
                return .sim(.advance(finish(l)), s.range)
            case .deposit(let amount, let asset, let to):
                let a = expression(amount)
                expect(a, .number, amount.range, what: "'sim deposit'", hint: "sim deposit 1000 USDT to margin")
                return .sim(.deposit(amount: finish(a), asset: code(asset, role: .asset, context: "'sim deposit'"), to: place(to)), s.range)
            case .reset(let name):
                return .sim(.reset(name.map { finish(expression($0)) }), s.range)
            }

        case .break, .continue:
            if loopDepth == 0 {
                error("'\(s.kind.isBreak ? "break" : "continue")' outside a loop", s.range, hint: nil)
                return .nothing
            }
            return s.kind.isBreak ? .breakLoop : .continueLoop
        }
    }

    private func isPercent(_ e: Expr) -> Bool {
        switch e.kind {
        case .percent: return true
        case .unary(.negate, let inner): return isPercent(inner)
        default: return false
        }
    }

    // MARK: - Names

    private mutating func declare(_ name: String, type: ValueType, at range: SourceRange) -> Slot? {
        if builtinIndex[name] != nil {
            error("'\(name)' is a builtin and cannot name a variable", range, hint: "pick another name, e.g. my\(name.prefix(1).uppercased() + name.dropFirst())")
            return nil
        }
        if environment.functionIndex[name] != nil {
            error("'\(name)' is a function and cannot name a variable", range, hint: "pick another name")
            return nil
        }
        if let innermost = scopes.last, let existing = innermost[name] {
            error("'\(name)' is already defined in this block (line \(existing.line))", range, hint: "assign it without 'let': \(name) = ...")
            return nil
        }
        if scopes.isEmpty, !allowsRedeclaration, let existing = environment.variables[name] {
            error("'\(name)' is already defined (line \(existing.line))", range, hint: "assign it without 'let': \(name) = ...")
            return nil
        }
        return declareLocalOrGlobal(name, type: type, at: range)
    }

    private mutating func declareLocalOrGlobal(_ name: String, type: ValueType, at range: SourceRange) -> Slot {
        if scopes.isEmpty {
            return .global(environment.declare(name, type: type, line: range.start.line))
        }
        let slot: Int
        if inFunction {
            slot = localCount
            localCount += 1
            maxLocalCount = max(maxLocalCount, localCount)
        } else {
            // A block at the top level: the variable is scoped to the block but stored in a fresh global slot.
            slot = environment.slotCount
            environment.slotCount += 1
        }
        scopes[scopes.count - 1][name] = Local(slot: slot, type: type, line: range.start.line)
        return inFunction ? .local(slot) : .global(slot)
    }

    private func lookupVariable(_ name: String) -> (Slot, ValueType)? {
        for scope in scopes.reversed() {
            if let local = scope[name] { return (inFunction ? .local(local.slot) : .global(local.slot), local.type) }
        }
        if let global = environment.variables[name] {
            if inFunction { return (.global(global.slot), .any) }   // a global may change between calls
            return (.global(global.slot), global.type)
        }
        return nil
    }

    private mutating func refine(_ name: String, to type: ValueType) {
        for i in scopes.indices.reversed() where scopes[i][name] != nil {
            scopes[i][name]!.type = type
            return
        }
        environment.variables[name]?.type = type
    }

    private func didYouMean(_ name: String, variablesOnly: Bool = false) -> String {
        var candidates = Set(environment.variables.keys)
        for scope in scopes { candidates.formUnion(scope.keys) }
        if !variablesOnly {
            candidates.formUnion(builtinIndex.keys)
            candidates.formUnion(environment.functionIndex.keys)
            candidates.formUnion(Keyword.allCases.map(\.rawValue))
        }
        guard let best = Spelling.closest(to: name, in: candidates) else { return "" }
        return variablesOnly ? " (did you mean '\(best)'?)" : "did you mean '\(best)'?"
    }

    // MARK: - Expressions

    /// A lowered expression: its code, static type, and whether it is free of account reads and calls.
    private struct Lowered {
        var code: Code
        var type: ValueType
        var pure: Bool
    }

    private func finish(_ l: Lowered) -> Code {
        if l.pure, case .constant = l.code { return l.code }
        // The synchronous fast path recurses on the thread's stack; a deeper pure tree runs on
        // the async path, whose frames live on the heap.
        return l.pure && !Checker.deeper(l.code, than: Checker.pureDepth) ? .pure(l.code) : l.code
    }

    /// The deepest tree the evaluator's synchronous path runs: about 6 KiB of stack per level in
    /// a debug build, so under 100 KiB however deep the script nests.
    static let pureDepth = 16

    /// Whether `code` is more than `levels` levels deep (looks no deeper than that).
    static func deeper(_ code: Code, than levels: Int) -> Bool {
        guard levels > 0 else { return true }
        let children: [Code]
        switch code {
        case .constant, .global, .local, .action: return false
        case .negate(let c, _), .not(let c, _), .member(let c, _, _), .pure(let c): children = [c]
        case .arithmetic(_, let a, let b, _), .compare(_, let a, let b, _), .and(let a, let b, _), .or(let a, let b, _),
             .index(let a, let b, _):
            children = [a, b]
        case .builtin(_, let args, _, _), .function(_, let args, _), .list(let args, _): children = args
        case .interpolation(let pieces, _): children = pieces.compactMap { if case .value(let c) = $0 { return c } else { return nil } }
        }
        return children.contains { deeper($0, than: levels - 1) }
    }

    /// Lowers `e` as a child of an impure node: pure children are wrapped for the fast path.
    private func child(_ l: Lowered, parentPure: Bool) -> Code {
        parentPure ? l.code : finish(l)
    }

    private mutating func condition(_ e: Expr, what: String) -> Code {
        let l = expression(e)
        if l.type != .bool && l.type != .any {
            var hint = "compare it, e.g. marginLevel < 1.5"
            if l.type == .number { hint = "a condition is true or false; compare the number, e.g. \(describe(e)) > 0" }
            error("\(what) must be true or false, found \(l.type.spoken)", e.range, hint: hint)
        }
        return finish(l)
    }

    private func describe(_ e: Expr) -> String {
        switch e.kind {
        case .name(let n): return n
        case .call(let n, _, _): return "\(n)(...)"
        default: return "x"
        }
    }

    private mutating func expect(_ l: Lowered, _ type: ValueType, _ range: SourceRange, what: String, hint: String?) {
        if !l.type.fits(type) {
            error("\(what) needs \(type.spoken), found \(l.type.spoken)", range, hint: hint)
        }
    }

    private mutating func expression(_ e: Expr) -> Lowered {
        switch e.kind {
        case .number(let n): return Lowered(code: .constant(.number(n)), type: .number, pure: true)
        case .percent(let n):
            // Division keeps 38 significant digits, so a percentage always has a value; checked all the same.
            guard let fraction = try? n / 100 else {
                error("arithmetic overflow: \(n)% does not fit in 38 digits", e.range, hint: "a number holds at most 38 significant digits")
                return Lowered(code: .constant(.number(.zero)), type: .number, pure: true)
            }
            return Lowered(code: .constant(.number(fraction)), type: .number, pure: true)
        case .duration(let ms): return Lowered(code: .constant(.duration(ms)), type: .duration, pure: true)
        case .bool(let b): return Lowered(code: .constant(.bool(b)), type: .bool, pure: true)
        case .none: return Lowered(code: .constant(.none), type: .none, pure: true)
        case .code(let c): return Lowered(code: .constant(.code(c)), type: .code, pure: true)

        case .string(let segments):
            var pieces: [InterpolationPiece] = []
            var pure = true
            var lowered: [Lowered?] = []
            for segment in segments {
                if case .expr(let inner) = segment {
                    let l = expression(inner)
                    pure = pure && l.pure
                    lowered.append(l)
                } else {
                    lowered.append(nil)
                }
            }
            for (segment, l) in zip(segments, lowered) {
                switch segment {
                case .text(let t): pieces.append(.text(t))
                case .expr: pieces.append(.value(child(l!, parentPure: pure)))
                }
            }
            if pieces.count == 1, case .text(let t) = pieces[0] {
                return Lowered(code: .constant(.string(t)), type: .string, pure: true)
            }
            return Lowered(code: .interpolation(pieces, e.range), type: .string, pure: pure)

        case .name(let name):
            if let (slot, type) = lookupVariable(name) {
                switch slot {
                case .global(let i): return Lowered(code: .global(i), type: type, pure: true)
                case .local(let i): return Lowered(code: .local(i), type: type, pure: true)
                }
            }
            if let index = builtinIndex[name] {
                let b = builtins[index]
                if b.minimumArity > 0 {
                    error("'\(name)' needs arguments: \(b.signature)", e.range, hint: b.example)
                    return Lowered(code: .constant(.none), type: .any, pure: true)
                }
                return Lowered(code: .builtin(index, [], e.range, []), type: b.returns, pure: b.isPure)
            }
            if environment.functionIndex[name] != nil {
                error("'\(name)' is a function; call it with parentheses", e.range, hint: "\(name)(...)")
                return Lowered(code: .constant(.none), type: .any, pure: true)
            }
            let suggestion = didYouMean(name)
            error("unknown name '\(name)'", e.range, hint: suggestion.isEmpty ? "declare it with let \(name) = ..." : suggestion)
            return Lowered(code: .constant(.none), type: .any, pure: true)

        case .unary(let op, let operand):
            let l = expression(operand)
            switch op {
            case .negate:
                if l.type != .any && l.type != .number && l.type != .duration {
                    error("cannot negate \(l.type.spoken)", e.range, hint: nil)
                }
                return Lowered(code: .negate(child(l, parentPure: l.pure), e.range), type: l.type, pure: l.pure)
            case .not:
                if l.type != .any && l.type != .bool {
                    error("'not' needs a true/false value, found \(l.type.spoken)", operand.range, hint: nil)
                }
                return Lowered(code: .not(child(l, parentPure: l.pure), e.range), type: .bool, pure: l.pure)
            }

        case .binary(let op, let left, let right):
            let a = expression(left), b = expression(right)
            let pure = a.pure && b.pure
            let ca = child(a, parentPure: pure), cb = child(b, parentPure: pure)
            switch op {
            case .and, .or:
                for (l, x) in [(a, left), (b, right)] where l.type != .any && l.type != .bool {
                    error("'\(op.rawValue)' needs true/false values, found \(l.type.spoken)", x.range, hint: nil)
                }
                return Lowered(code: op == .and ? .and(ca, cb, e.range) : .or(ca, cb, e.range), type: .bool, pure: pure)
            case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
                if a.type != .any && b.type != .any && a.type != b.type && a.type != .none && b.type != .none {
                    error("cannot compare \(a.type.spoken) with \(b.type.spoken)", e.range,
                          hint: a.type == .duration || b.type == .duration ? "write durations with a unit: 5s, 10m, 1h" : nil)
                } else if op != .equal && op != .notEqual {
                    for (l, x) in [(a, left), (b, right)] where ![.any, .number, .duration, .string].contains(l.type) {
                        error("'\(op.rawValue)' orders numbers, durations or strings, not \(l.type.spoken)", x.range, hint: nil)
                    }
                }
                return Lowered(code: .compare(op, ca, cb, e.range), type: .bool, pure: pure)
            case .add, .subtract, .multiply, .divide:
                let type = arithmeticType(op, a.type, b.type, e.range)
                return Lowered(code: .arithmetic(op, ca, cb, e.range), type: type, pure: pure)
            }

        case .call(let name, let nameRange, let arguments):
            let args = arguments.map { expression($0) }
            if let index = builtinIndex[name] {
                let b = builtins[index]
                if args.count < b.minimumArity || args.count > b.maximumArity {
                    let count = b.minimumArity == b.maximumArity ? "\(b.minimumArity)" : "\(b.minimumArity) to \(b.maximumArity)"
                    error("'\(name)' takes \(count) argument\(b.maximumArity == 1 ? "" : "s"), found \(args.count)", e.range,
                          hint: "\(b.signature) — e.g. \(b.example)")
                } else {
                    for (i, (arg, expr)) in zip(args, arguments).enumerated() {
                        checkArgument(arg, expr, b.parameters[i], builtin: b)
                    }
                }
                let pure = b.isPure && args.allSatisfy(\.pure)
                return Lowered(code: .builtin(index, args.map { child($0, parentPure: pure) }, e.range, arguments.map(\.range)), type: b.returns, pure: pure)
            }
            if let index = environment.functionIndex[name] {
                let params = environment.functionParameters[index]
                if params.count != args.count {
                    error("'\(name)' takes \(params.count) argument\(params.count == 1 ? "" : "s"), found \(args.count)", e.range,
                          hint: "\(name)(\(params.joined(separator: ", ")))")
                }
                return Lowered(code: .function(index, args.map { finish($0) }, e.range), type: .any, pure: false)
            }
            if lookupVariable(name) != nil {
                error("'\(name)' is a variable, not a function", nameRange, hint: nil)
            } else {
                let suggestion = didYouMean(name)
                error("unknown function '\(name)'", nameRange, hint: suggestion.isEmpty ? "define it with def \(name)(...) { ... }" : suggestion)
            }
            return Lowered(code: .constant(.none), type: .any, pure: true)

        case .member(let base, let field):
            let l = expression(base)
            var type = ValueType.any
            if let fields = Checker.recordFields[l.type] {
                if let t = fields[field] {
                    type = t
                } else {
                    let suggestion = Spelling.closest(to: field, in: fields.keys).map { "did you mean '\($0)'? " } ?? ""
                    error("\(l.type.spoken) has no field '\(field)'", e.range, hint: suggestion + "fields: " + fields.keys.sorted().joined(separator: ", "))
                }
            } else if l.type != .any && l.type != .record {
                error("\(l.type.spoken) has no fields", e.range, hint: nil)
            }
            return Lowered(code: .member(child(l, parentPure: l.pure), field, e.range), type: type, pure: l.pure)

        case .index(let base, let index):
            let b = expression(base), i = expression(index)
            expect(b, .list, base.range, what: "indexing", hint: nil)
            expect(i, .number, index.range, what: "an index", hint: "xs[0] is the first item")
            let pure = b.pure && i.pure
            return Lowered(code: .index(child(b, parentPure: pure), child(i, parentPure: pure), e.range), type: .any, pure: pure)

        case .list(let items):
            let ls = items.map { expression($0) }
            let pure = ls.allSatisfy(\.pure)
            return Lowered(code: .list(ls.map { child($0, parentPure: pure) }, e.range), type: .list, pure: pure)

        case .action(let action):
            return Lowered(code: .action(self.action(action, range: e.range), e.range), type: actionType(action), pure: false)
        }
    }

    private func actionType(_ a: Action) -> ValueType {
        switch a {
        case .borrow, .repay, .transfer: return .transaction
        case .order, .cancelOrder, .cancelByID: return .order
        case .cancelAll: return .list
        }
    }

    private mutating func arithmeticType(_ op: BinaryOperator, _ a: ValueType, _ b: ValueType, _ range: SourceRange) -> ValueType {
        if a == .any || b == .any {
            if op == .add && (a == .string || b == .string) { return .string }
            return a == .any ? (b == .duration && (op == .add || op == .subtract) ? .duration : .any) : (a == .duration && op != .divide ? .duration : .any)
        }
        switch (op, a, b) {
        case (_, .number, .number): return .number
        case (.add, .duration, .duration), (.subtract, .duration, .duration): return .duration
        case (.multiply, .duration, .number), (.multiply, .number, .duration), (.divide, .duration, .number): return .duration
        case (.divide, .duration, .duration): return .number
        case (.add, .string, _), (.add, _, .string): return .string
        case (.add, .list, .list): return .list
        default:
            var hint: String? = nil
            if a == .duration || b == .duration { hint = "durations add to durations (5m + 30s) and scale by numbers (2 * 5m)" }
            if a == .code || b == .code { hint = "codes like USDT are names, not amounts; use free(USDT), price(BTCUSDT), …" }
            error("cannot \(Checker.verb[op] ?? op.rawValue) \(a.spoken) and \(b.spoken)", range, hint: hint)
            return .any
        }
    }

    private static let verb: [BinaryOperator: String] = [.add: "add", .subtract: "subtract", .multiply: "multiply", .divide: "divide"]

    /// Fields of the records actions and builtins return, by name (from ``Vocabulary/recordFields``).
    static let recordFields: [ValueType: [String: ValueType]] = Vocabulary.recordFields.mapValues { fields in
        Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0.type) })
    }

    // MARK: - Asset vs symbol

    enum CodeRole { case asset, symbol }

    /// Quote assets that end symbols: a code ending in one of these after at least two letters reads as a symbol.
    static let quoteAssets = ["USDT", "USDC", "FDUSD", "BUSD", "TUSD", "BTC", "ETH", "BNB", "EUR", "TRY", "DAI", "BRL", "JPY", "GBP", "AUD"]

    /// Whether a literal code looks like a symbol (`BTCUSDT`) rather than an asset (`USDT`).
    static func looksLikeSymbol(_ code: String) -> Bool {
        quoteAssets.contains { code.hasSuffix($0) && code.count - $0.count >= 2 }
    }

    private mutating func checkCodeRole(_ e: Expr, _ role: CodeRole, context: String) {
        guard case .code(let c) = e.kind else { return }
        let symbolLike = Checker.looksLikeSymbol(c)
        if role == .asset && symbolLike {
            let quote = Checker.quoteAssets.first { c.hasSuffix($0) && c.count - $0.count >= 2 }!
            error("\(context) needs an asset, found the symbol \(c)", e.range,
                  hint: "\(c) is the pair \(c.dropLast(quote.count))/\(quote); name one asset, e.g. \(quote)")
        } else if role == .symbol && !symbolLike {
            error("\(context) needs a symbol, found the asset \(c)", e.range, hint: "a symbol names a pair: \(c == "BTC" ? "BTCUSDT" : c + (c == "USDT" ? "" : "USDT"))".replacingOccurrences(of: ": USDT", with: ": BTCUSDT"))
        }
    }

    private mutating func code(_ e: Expr, role: CodeRole, context: String? = nil) -> Code {
        let l = expression(e)
        if l.type != .any && l.type != .code {
            error("\(context ?? "this") needs \(role == .asset ? "an asset" : "a symbol"), found \(l.type.spoken)", e.range,
                  hint: role == .asset ? "assets are upper-case codes: USDT, BTC" : "symbols are upper-case codes: BTCUSDT")
        } else {
            checkCodeRole(e, role, context: context ?? "this")
        }
        return finish(l)
    }

    private mutating func checkArgument(_ l: Lowered, _ e: Expr, _ p: Builtin.Parameter, builtin b: Builtin) {
        switch p.kind {
        case .asset: checkCodeRole(e, .asset, context: "'\(b.name)'")
        case .symbol: checkCodeRole(e, .symbol, context: "'\(b.name)'")
        default: break
        }
        if !l.type.fits(p.kind.valueType) && !(l.type == .none) {
            error("'\(b.name)' needs \(p.kind.valueType.spoken) for \(p.name), found \(l.type.spoken)", e.range, hint: "\(b.signature) — e.g. \(b.example)")
        }
    }

    // MARK: - Actions

    private mutating func amount(_ e: Expr?, what: String, hint: String) -> AmountCode {
        guard let e else { return .all }
        if case .percent(let p) = e.kind {
            if !p.isPositive || p > 100 {
                error("a percentage amount must be above 0% and at most 100%", e.range, hint: hint)
            }
            return .fraction((try? p / 100) ?? .zero)   // p ≤ 100 once accepted; a rejected p is never run
        }
        let l = expression(e)
        if l.type == .duration {
            error("\(what) needs an amount, found a duration", e.range, hint: hint)
        } else {
            expect(l, .number, e.range, what: what, hint: hint)
        }
        return .value(finish(l))
    }

    private mutating func place(_ p: Place) -> PlaceCode {
        switch p {
        case .spot: return .spot
        case .margin: return .margin
        case .isolated(let s): return .isolated(code(s, role: .symbol, context: "'isolated'"))
        }
    }

    private mutating func action(_ a: Action, range: SourceRange) -> ActionCode {
        switch a {
        case .borrow(let amount, let asset, let isolated):
            let hint = "borrow <amount> <ASSET> [isolated <SYMBOL>]"
            return .borrow(amount: self.amount(amount, what: "'borrow'", hint: hint),
                           asset: code(asset, role: .asset, context: "'borrow'"),
                           isolated: isolated.map { code($0, role: .symbol, context: "'isolated'") })
        case .repay(let amount, let asset, let isolated):
            let hint = "repay (<amount> | <pct>% | all) <ASSET> [isolated <SYMBOL>]"
            return .repay(amount: self.amount(amount, what: "'repay'", hint: hint),
                          asset: code(asset, role: .asset, context: "'repay'"),
                          isolated: isolated.map { code($0, role: .symbol, context: "'isolated'") })
        case .transfer(let amount, let asset, let from, let to):
            let hint = "transfer (<amount> | <pct>% | all) <ASSET> [from …] [to …]"
            let amountCode = self.amount(amount, what: "'transfer'", hint: hint)
            let assetCode = code(asset, role: .asset, context: "'transfer'")
            switch (from, to) {
            case (.spot, .spot), (.margin, .margin), (.isolated, .isolated):
                error("a transfer moves between two different kinds of wallet: spot, margin or one isolated pair", range,
                      hint: "move between isolated pairs through margin: transfer … from isolated A to margin, then from margin to isolated B")
            default: break
            }
            return .transfer(amount: amountCode, asset: assetCode, from: place(from), to: place(to))
        case .order(let spec):
            let hint = "\(spec.side.rawValue) 0.01 BTCUSDT limit 60000"
            let amountLowered = expression(spec.amount)
            if case .percent = spec.amount.kind {
                error("an order needs a quantity, not a percentage", spec.amount.range, hint: hint)
            }
            expect(amountLowered, .number, spec.amount.range, what: "'\(spec.side.rawValue)'", hint: hint)
            let quote = spec.quoteAsset.map { code($0, role: .asset, context: "the quote amount") }
            let symbol = code(spec.symbol, role: .symbol, context: "'\(spec.side.rawValue)'")
            func price(_ e: Expr, _ what: String) -> Code {
                let l = expression(e)
                expect(l, .number, e.range, what: what, hint: hint)
                return finish(l)
            }
            let type: OrderTypeCode
            switch spec.type {
            case .market:
                type = .market
                if spec.timeInForce != nil { error("a market order has no time in force", range, hint: "gtc/ioc/fok go with limit orders") }
            case .limit(let p): type = .limit(price(p, "'limit'"))
            case .maker(let p):
                type = .maker(price(p, "'maker'"))
                if spec.timeInForce != nil { error("a maker (LIMIT_MAKER) order has no time in force", range, hint: nil) }
            case .stop(let s, let l): type = .stop(price(s, "'stop'"), limit: l.map { price($0, "'limit'") })
            case .takeProfit(let s, let l): type = .takeProfit(price(s, "'take-profit'"), limit: l.map { price($0, "'limit'") })
            }
            var clientID: Code? = nil
            if let id = spec.clientOrderID {
                let l = expression(id)
                expect(l, .string, id.range, what: "'id'", hint: "id \"ladder-1\"")
                // A literal id is held to the client's one rule here; a computed one when the order is sent.
                if case .string(let segments) = id.kind, let text = Checker.literal(segments), !ClientOrderID.isValid(text) {
                    error("a client order id is 1 to 36 characters: letters, digits and - _ . : /", id.range, hint: nil)
                }
                clientID = finish(l)
            }
            return .order(OrderCode(side: spec.side, amount: finish(amountLowered), quoteAsset: quote, symbol: symbol, type: type,
                                    timeInForce: spec.timeInForce, isolated: spec.isolated, sideEffect: spec.sideEffect,
                                    clientOrderID: clientID))
        case .cancelOrder(let e):
            let l = expression(e)
            if l.type == .number {
                error("cancelling by id needs the symbol too", e.range, hint: "cancel <orderId> <SYMBOL>")
            } else {
                expect(l, .order, e.range, what: "'cancel'", hint: "cancel o  |  cancel 12345 BTCUSDT  |  cancel all BTCUSDT")
            }
            return .cancelOrder(finish(l))
        case .cancelByID(let id, let symbol, let isolated):
            let l = expression(id)
            expect(l, .number, id.range, what: "an order id", hint: "cancel 12345 BTCUSDT")
            return .cancelByID(id: finish(l), symbol: code(symbol, role: .symbol, context: "'cancel'"), isolated: isolated)
        case .cancelAll(let symbol, let isolated):
            if isolated && symbol == nil {
                error("'cancel all … isolated' needs the symbol", range, hint: "cancel all BTCUSDT isolated")
            }
            return .cancelAll(symbol: symbol.map { code($0, role: .symbol, context: "'cancel all'") }, isolated: isolated)
        }
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

    private mutating func error(_ message: String, _ range: SourceRange, hint: String?) {
        diagnostics.append(Diagnostic(phase: .check, range: range, message: message, hint: hint?.isEmpty == true ? nil : hint))
    }
}

extension Stmt.Kind {
    var isBreak: Bool {
        if case .break = self { return true }
        return false
    }
}
