import BinanceMargin

/// Statements: one method per kind of statement, each checking its parts and lowering it to a ``LoweredStmt``.
extension Checker {
    mutating func statement(_ s: Stmt) -> LoweredStmt {
        switch s.kind {
        case .expression(let e): return .evaluate(finish(expression(e)), s.range)
        case .let(let name, let nameRange, let value): return letStatement(name, nameRange, value, s.range)
        case .assign(let name, let nameRange, let value): return assignment(name, nameRange, value, s.range)
        case .if(let branches, let otherwise): return ifStatement(branches, otherwise)
        case .while(let cond, let body): return whileStatement(cond, body, s.range)
        case .for(let name, let nameRange, let sequence, let body): return forStatement(name, nameRange, sequence, body, s.range)
        case .every(let interval, let limit, let body): return everyStatement(interval, limit, body, s.range)
        case .wait(let d): return waitStatement(d, s.range)
        case .waitUntil(let cond, let timeout): return waitUntilStatement(cond, timeout, s.range)
        case .assert(let cond, let message):
            return .assert(condition(cond, what: "the assertion"), message: message.map { finish(expression($0)) }, s.range)
        case .print(let values): return .print(values.map { finish(expression($0)) }, s.range)
        case .show(let target): return .show(show(target), s.range)
        case .def(let name, let nameRange, let parameters, let body): return definition(name, nameRange, parameters, body)
        case .return(let value): return returnStatement(value, s.range)
        case .exit(let value): return exitStatement(value, s.range)
        case .sim(let command): return .sim(sim(command), s.range)
        case .break, .continue: return loopControl(s)
        case .on(let handler): return self.handler(handler, s.range)
        case .watch(let limit): return watchStatement(limit, s.range)
        }
    }

    private mutating func letStatement(_ name: String, _ nameRange: SourceRange, _ value: Expr, _ range: SourceRange) -> LoweredStmt {
        let l = expression(value)
        guard let slot = declare(name, type: l.type, at: nameRange) else { return .nothing }
        return .assign(slot, finish(l), range)
    }

    private mutating func assignment(_ name: String, _ nameRange: SourceRange, _ value: Expr, _ range: SourceRange) -> LoweredStmt {
        let l = expression(value)
        guard let (slot, type) = lookupVariable(name) else {
            if symbols.functionIndex[name] != nil || builtinIndex[name] != nil {
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
        return .assign(slot, finish(l), range)
    }

    private mutating func ifStatement(_ branches: [(condition: Expr, body: [Stmt])], _ otherwise: [Stmt]?) -> LoweredStmt {
        var lowered: [(condition: LoweredExpr, body: [LoweredStmt])] = []
        for branch in branches {
            let c = condition(branch.condition, what: "the if condition")
            lowered.append((c, block(branch.body)))
        }
        return .branch(lowered, otherwise: otherwise.map { block($0) })
    }

    private mutating func whileStatement(_ cond: Expr, _ body: [Stmt], _ range: SourceRange) -> LoweredStmt {
        let c = condition(cond, what: "the while condition")
        loopDepth += 1
        defer { loopDepth -= 1 }
        return .loop(c, block(body), range)
    }

    private mutating func forStatement(_ name: String, _ nameRange: SourceRange, _ sequence: Expr, _ body: [Stmt],
                                       _ range: SourceRange) -> LoweredStmt {
        let seq = expression(sequence)
        expect(seq, .list, sequence.range, what: "'for … in'", hint: "for o in openOrders(BTCUSDT) { ... }  or  for a in [USDT, BTC] { ... }")
        scopes.append([:])
        defer { endScope() }
        let slot = declareLocalOrGlobal(name, type: .any, at: nameRange)
        loopDepth += 1
        defer { loopDepth -= 1 }
        let ops = block(body, newScope: false)
        return .forEach(slot, finish(seq), ops, range)
    }

    private mutating func everyStatement(_ interval: Expr, _ limit: EveryLimit?, _ body: [Stmt], _ range: SourceRange) -> LoweredStmt {
        let i = expression(interval)
        expect(i, .duration, interval.range, what: "'every'", hint: "every 30s { ... }")
        let limitCode = limit.map { everyLimit($0) }
        loopDepth += 1
        defer { loopDepth -= 1 }
        return .every(interval: finish(i), limit: limitCode, body: block(body), range)
    }

    private mutating func everyLimit(_ limit: EveryLimit) -> LoweredEveryLimit {
        switch limit {
        case .duration(let d):
            let l = expression(d)
            expect(l, .duration, d.range, what: "'every … for'", hint: "every 1m for 1h { ... }")
            return .duration(finish(l))
        case .until(let c):
            return .until(condition(c, what: "the until condition"))
        case .times(let n):
            let l = expression(n)
            expect(l, .number, n.range, what: "'every … times'", hint: "every 10s times 6 { ... }")
            return .times(finish(l))
        }
    }

    private mutating func waitStatement(_ d: Expr, _ range: SourceRange) -> LoweredStmt {
        let l = expression(d)
        expect(l, .duration, d.range, what: "'wait'", hint: "wait 5s  (units: ms s m h d)")
        return .wait(finish(l), range)
    }

    private mutating func waitUntilStatement(_ cond: Expr, _ timeout: Expr?, _ range: SourceRange) -> LoweredStmt {
        let c = condition(cond, what: "the wait-until condition")
        var t: LoweredExpr? = nil
        if let timeout {
            let l = expression(timeout)
            expect(l, .duration, timeout.range, what: "'timeout'", hint: "wait until price(BTCUSDT) < 60000 timeout 10m")
            t = finish(l)
        }
        return .waitUntil(c, timeout: t, range)
    }

    private mutating func show(_ target: ShowTarget) -> LoweredShow {
        switch target {
        case .account: return .account
        case .balances: return .balances
        case .spot: return .spot
        case .loans: return .loans
        case .orders(let sym): return .orders(sym.map { code($0, role: .symbol, context: "'show orders'") })
        case .isolated(let sym): return .isolated(sym.map { code($0, role: .symbol, context: "'show isolated'") })
        case .rates(let asset): return .rates(code(asset, role: .asset, context: "'show rates'"))
        case .history(let kind, let asset): return .history(kind, asset.map { code($0, role: .asset, context: "'show history'") })
        }
    }

    private mutating func definition(_ name: String, _ nameRange: SourceRange, _ parameters: [(name: String, range: SourceRange)],
                                     _ body: [Stmt]) -> LoweredStmt {
        if inFunction || !scopes.isEmpty || loopDepth > 0 {
            error("functions are defined at the top level only", nameRange, hint: "move 'def \(name)' out of the block")
            return .nothing
        }
        guard let index = symbols.functionIndex[name] else { return .nothing }
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
        symbols.functions[index] = LoweredFunction(name: name, parameterCount: parameters.count, localCount: maxLocalCount,
                                                body: ops, range: nameRange)
        scopes = []
        inFunction = false
        return .nothing
    }

    private mutating func returnStatement(_ value: Expr?, _ range: SourceRange) -> LoweredStmt {
        if !inFunction {
            error("'return' outside a function", range, hint: "use 'exit' to end the script")
            return .nothing
        }
        return .returnValue(value.map { finish(expression($0)) }, range)
    }

    private mutating func exitStatement(_ value: Expr?, _ range: SourceRange) -> LoweredStmt {
        guard let value else { return .exit(nil, range) }
        let l = expression(value)
        expect(l, .number, value.range, what: "'exit'", hint: "exit 0  (a whole number 0…255)")
        if case .number(let n) = value.kind, !(n.exactInt64.map { (0...255).contains($0) } ?? false) {
            error("an exit code is a whole number from 0 to 255, found \(n)", value.range, hint: "exit 1 for a failure, exit 0 for success")
        }
        return .exit(finish(l), range)
    }

    private mutating func sim(_ command: SimCommand) -> LoweredSim {
        switch command {
        case .price(let symbol, let price):
            let p = expression(price)
            expect(p, .number, price.range, what: "'sim price'", hint: "sim price BTCUSDT 50000")
            return .price(symbol: code(symbol, role: .symbol, context: "'sim price'"), price: finish(p))
        case .shock(let symbol, let percent):
            let p = expression(percent)
            if !isPercent(percent) {
                error("'sim shock' takes a percentage such as -20%", percent.range, hint: "sim shock BTCUSDT -20%")
            }
            return .shock(symbol: code(symbol, role: .symbol, context: "'sim shock'"), percent: finish(p))
        case .advance(let d):
            let l = expression(d)
            expect(l, .duration, d.range, what: "'sim advance'", hint: "sim advance 1h")
            return .advance(finish(l))
        case .deposit(let amount, let asset, let to):
            let a = expression(amount)
            expect(a, .number, amount.range, what: "'sim deposit'", hint: "sim deposit 1000 USDT to margin")
            return .deposit(amount: finish(a), asset: code(asset, role: .asset, context: "'sim deposit'"), to: place(to))
        case .reset(let name):
            return .reset(name.map { finish(expression($0)) })
        case .replay(let files):
            return .replay(files.map { file in
                let f = expression(file)
                expect(f, .string, file.range, what: "'sim replay'", hint: #"sim replay "BTCUSDT-1m-2024-03.csv""#)
                return finish(f)
            })
        }
    }

    private func isPercent(_ e: Expr) -> Bool {
        switch e.kind {
        case .percent: return true
        case .unary(.negate, let inner): return isPercent(inner)
        default: return false
        }
    }

    private mutating func loopControl(_ s: Stmt) -> LoweredStmt {
        if loopDepth == 0 {
            error("'\(s.kind.isBreak ? "break" : "continue")' outside a loop", s.range, hint: nil)
            return .nothing
        }
        return s.kind.isBreak ? .breakLoop : .continueLoop
    }
}
