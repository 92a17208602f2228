import BinanceMargin

/// Runs checked code. One evaluator serves one run; it lives inside a single task and is never
/// shared. Expressions the checker marked pure run on a synchronous path (no async frames, no
/// dictionaries, no existentials per step); statements run asynchronously because any of them
/// may talk to the exchange.
final class Evaluator {
    /// Top-level variables. Kept behind a pointer (not an array property) so the hot path pays no
    /// exclusivity check or copy-on-write test per access; the evaluator owns and frees it.
    private let globalSlots: UnsafeMutableBufferPointer<Value>
    /// Per-run counters, behind a pointer for the same reason.
    private let counters: UnsafeMutablePointer<Counters>

    struct Counters {
        var steps = 0
        var currentRange = SourceRange.unknown
    }

    /// The top-level variables now.
    var globals: [Value] { Array(globalSlots.prefix(globalCount)) }
    private let globalCount: Int
    /// Statements executed so far.
    var steps: Int { counters.pointee.steps }
    /// The statement running now (where a cancellation stopped).
    var currentRange: SourceRange { counters.pointee.currentRange }
    private var stack: [Value] = []
    private var frameBase = 0
    let functions: [LoweredFunction]
    let builtins: [Builtin]
    let configuration: Interpreter.Configuration
    let view: AccountView?
    /// What was already said about forced liquidations (nil: not looked for).
    let liquidations: LiquidationWatch?
    /// Account-changing requests that were sent and answered, in words.
    var performed: [String] = []
    let startedAt: ContinuousClock.Instant
    /// The `on … { }` handlers this run dispatches to (a REPL session's outlive the run).
    let handlers: HandlerTable
    /// This run's handler bookkeeping (Evaluator+Handlers.swift).
    var handlerState = HandlerRunState()
    private var callDepth = 0

    init(globals: [Value], functions: [LoweredFunction], builtins: [Builtin], configuration: Interpreter.Configuration,
         liquidations: LiquidationWatch? = nil, handlers: HandlerTable = HandlerTable()) {
        self.liquidations = liquidations
        self.handlers = handlers
        self.globalCount = globals.count
        self.globalSlots = UnsafeMutableBufferPointer<Value>.allocate(capacity: max(1, globals.count))
        _ = self.globalSlots.initialize(from: globals + (globals.isEmpty ? [.none] : []))
        self.counters = UnsafeMutablePointer<Counters>.allocate(capacity: 1)
        self.counters.initialize(to: Counters())
        self.functions = functions
        self.builtins = builtins
        self.configuration = configuration
        self.view = configuration.client.map { AccountView(client: $0, clock: configuration.clock) }
        self.startedAt = ContinuousClock.now
        stack.reserveCapacity(256)
    }

    deinit {
        globalSlots.deinitialize()
        globalSlots.deallocate()
        counters.deinitialize(count: 1)
        counters.deallocate()
    }

    // MARK: - Statements

    func run(_ ops: [LoweredStmt]) async throws -> Flow {
        for op in ops {
            // Fast path: a pure assignment needs no async frame.
            if case .assign(let slot, .pure(let code), let range) = op {
                try beginStatement(range)
                let v = try pure(code)
                store(v, in: slot)
                continue
            }
            let flow = try await execute(op)
            if case .normal = flow { continue }
            return flow
        }
        return .normal
    }

    /// How long `wait until` without a timeout may run on simulated time before it is an error
    /// (on a simulator an endless wait would spin through simulated years).
    static let virtualWaitLimit: Int64 = 7 * 86_400_000

    @inline(__always)
    private func store(_ value: Value, in slot: Slot) {
        switch slot {
        case .global(let i): globalSlots[i] = value
        case .local(let i): stack[frameBase + i] = value
        }
    }

    /// What a loop does after one run of its body: `nil` to go on, or the flow that ends the loop.
    @inline(__always)
    private func loopEnd(after flow: Flow) -> Flow? {
        switch flow {
        case .normal, .continueLoop: return nil
        case .breakLoop: return .normal
        case .returned, .exit: return flow
        }
    }

    func beginStatement(_ range: SourceRange) throws {
        counters.pointee.currentRange = range
        counters.pointee.steps &+= 1
        let steps = counters.pointee.steps
        if let limit = configuration.stepLimit, steps > limit {
            throw RuntimeFailure("step limit of \(limit) statements reached", range,
                                 hint: "a loop may not end; raise the limit if the script really needs more steps")
        }
        if Task.isCancelled { throw CancellationError() }
        if steps & 255 == 0 {
            if let ms = configuration.timeLimitMilliseconds, ContinuousClock.now - startedAt > .milliseconds(ms) {
                throw RuntimeFailure("time limit of \(DurationFormat.format(milliseconds: ms)) reached", range, hint: nil, cause: .timeLimit)
            }
        }
        view?.invalidate()
    }

    private func execute(_ op: LoweredStmt) async throws -> Flow {
        switch op {
        case .assign(let slot, let code, let range):
            try beginStatement(range)
            let v: Value
            if case .pure(let inner) = code { v = try pure(inner) } else { v = try await value(code) }
            store(v, in: slot)
            if handlersActive { try await dispatchEvents(range) }
            return .normal
        case .evaluate(let code, let range):
            try beginStatement(range)
            _ = try await value(code)
            if handlersActive { try await dispatchEvents(range) }
            return .normal
        case .branch(let branches, let otherwise): return try await branch(branches, otherwise)
        case .loop(let cond, let body, let range): return try await loop(cond, body, range)
        case .forEach(let slot, let sequence, let body, let range): return try await forEach(slot, sequence, body, range)
        case .every(let intervalCode, let limit, let body, let range): return try await every(intervalCode, limit, body, range)
        case .wait(let code, let range):
            try beginStatement(range)
            try requireWaiting(range)
            try await sleep(try await duration(code, range), range)
            return .normal
        case .waitUntil(let cond, let timeoutCode, let range): return try await waitUntil(cond, timeoutCode, range)
        case .assert(let cond, let message, let range): return try await assertStatement(cond, message, range)
        case .print(let codes, let range): return try await printStatement(codes, range)
        case .show(let what, let range):
            try beginStatement(range)
            try await show(what, range)
            return .normal
        case .returnValue(let code, let range):
            try beginStatement(range)
            return .returned(try await code.asyncMap { try await value($0) } ?? .none)
        case .exit(let code, let range): return try await exitStatement(code, range)
        case .sim(let command, let range):
            try beginStatement(range)
            try await sim(command, range)
            await checkLiquidations(at: range)
            if handlersActive { try await dispatchEvents(range) }
            return .normal
        case .on(let handler): return try await register(handler)
        case .watch(let limit, let range): return try await watch(limit, range)
        case .breakLoop: return .breakLoop
        case .continueLoop: return .continueLoop
        case .nothing: return .normal
        }
    }

    private func branch(_ branches: [(condition: LoweredExpr, body: [LoweredStmt])], _ otherwise: [LoweredStmt]?) async throws -> Flow {
        for branch in branches {
            view?.invalidate()
            if try await condition(branch.condition) {
                return try await run(branch.body)
            }
        }
        if let otherwise { return try await run(otherwise) }
        return .normal
    }

    private func loop(_ cond: LoweredExpr, _ body: [LoweredStmt], _ range: SourceRange) async throws -> Flow {
        if case .pure(let c) = cond, body.allSatisfy(\.isPureAssignment) {
            try pureLoop(c, body, range)
            return .normal
        }
        while true {
            try beginStatement(range)
            guard try await condition(cond) else { break }
            if let end = loopEnd(after: try await run(body)) { return end }
        }
        return .normal
    }

    /// Fast path: a loop of pure assignments runs without async frames.
    private func pureLoop(_ c: LoweredExpr, _ body: [LoweredStmt], _ range: SourceRange) throws {
        while true {
            try beginStatement(range)
            let v = try pure(c)
            guard case .bool(let go) = v else { _ = try truth(v, range); break }
            guard go else { break }
            for op in body {
                guard case .assign(let slot, .pure(let code), let r) = op else { continue }
                try beginStatement(r)
                let value = try pure(code)
                store(value, in: slot)
            }
        }
    }

    private func forEach(_ slot: Slot, _ sequence: LoweredExpr, _ body: [LoweredStmt], _ range: SourceRange) async throws -> Flow {
        try beginStatement(range)
        let seq = try await value(sequence)
        guard case .list(let items) = seq else {
            throw RuntimeFailure("'for … in' needs a list, found \(seq.type.spoken)", range, hint: nil)
        }
        for item in items {
            try beginStatement(range)
            store(item, in: slot)
            if let end = loopEnd(after: try await run(body)) { return end }
        }
        return .normal
    }

    private func waitUntil(_ cond: LoweredExpr, _ timeoutCode: LoweredExpr?, _ range: SourceRange) async throws -> Flow {
        try beginStatement(range)
        try requireWaiting(range)
        let clock = configuration.clock
        let timeout = try await timeoutCode.asyncMap { try await duration($0, range) }
        let start = try await now(range)
        while true {
            try beginStatement(range)  // each poll counts as a step and sees cancellation and the limits
            if try await condition(cond) { return .normal }
            let elapsed = try await now(range).saturatingSubtracting(start)   // clock values: never trap
            if let timeout, elapsed >= timeout {
                throw RuntimeFailure("'wait until' timed out after \(DurationFormat.format(milliseconds: timeout))", range,
                                     hint: "the condition never became true; raise the timeout or check the condition")
            }
            if timeout == nil, clock.isVirtual, elapsed >= Evaluator.virtualWaitLimit {
                let limit = DurationFormat.format(milliseconds: Evaluator.virtualWaitLimit)
                throw RuntimeFailure("'wait until' without a timeout gave up after \(limit) of simulated time: the condition is still false", range,
                                     hint: "on a simulator waiting is instant, so an endless wait stops after \(limit); add a timeout (timeout 30d) or make the condition reachable (sim price …)")
            }
            var step = clock.pollInterval
            if let timeout { step = min(step, timeout.saturatingSubtracting(elapsed)) }
            try await sleep(max(1, step), range)
        }
    }

    private func assertStatement(_ cond: LoweredExpr, _ message: LoweredExpr?, _ range: SourceRange) async throws -> Flow {
        try beginStatement(range)
        if try await condition(cond) { return .normal }
        var text = "assertion failed"
        if let message {
            text += ": " + (try await value(message)).excerpt
        }
        throw AssertionFailure(diagnostic: Diagnostic(phase: .runtime, range: range, message: text))
    }

    private func printStatement(_ codes: [LoweredExpr], _ range: SourceRange) async throws -> Flow {
        try beginStatement(range)
        var parts: [String] = []
        parts.reserveCapacity(codes.count)
        var bytes = 0
        for code in codes {
            parts.append(try await value(code).text(at: range))
            bytes += parts[parts.count - 1].utf8.count + 1
            try ValueSize.checkString(bytes: bytes - 1, range)
        }
        configuration.output(.line(parts.joined(separator: " ")))
        return .normal
    }

    private func exitStatement(_ code: LoweredExpr?, _ range: SourceRange) async throws -> Flow {
        try beginStatement(range)
        guard let code else { return .exit(0) }
        let v = try await value(code)
        guard case .number(let n) = v, let status = n.exactInt, (0...255).contains(status) else {
            throw RuntimeFailure("an exit code is a whole number from 0 to 255, found \(v.excerpt)", range, hint: "exit 1 for a failure, exit 0 for success")
        }
        return .exit(Int32(status))
    }

    private func every(_ intervalCode: LoweredExpr, _ limit: LoweredEveryLimit?, _ body: [LoweredStmt], _ range: SourceRange) async throws -> Flow {
        try beginStatement(range)
        try requireWaiting(range)
        let interval = try await duration(intervalCode, range)
        guard interval > 0 else { throw RuntimeFailure("'every' needs a positive interval", range, hint: "every 30s { ... }") }
        var maxTicks: Int? = nil
        var deadline: Int64? = nil
        let start = try await now(range)
        switch limit {
        case .times(let code)?:
            let v = try await value(code)
            guard case .number(let n) = v, let count = n.exactInt, count >= 0 else {
                throw RuntimeFailure("'times' needs a whole number, found \(v.excerpt)", range, hint: nil)
            }
            maxTicks = count
        case .duration(let code)?:
            deadline = start.saturatingAdding(try await duration(code, range))   // `for 100000000d`: effectively no end
        default: break
        }
        var tick = 0
        var nextTick = start
        while true {
            if let maxTicks, tick >= maxTicks { break }
            if case .until(let cond)? = limit {
                view?.invalidate()
                if try await condition(cond) { break }
            }
            tick += 1
            if let end = loopEnd(after: try await run(body)) { return end }
            if let maxTicks, tick >= maxTicks { break }
            // Next tick on the original grid; ticks that already passed are skipped, never queued.
            let current = try await now(range)
            // Saturating: a huge interval (`every 100000000d`) is a wait past any limit, never a trap.
            nextTick = nextTick.saturatingAdding(interval)
            if current > nextTick {
                let missed = current.saturatingSubtracting(nextTick) / interval + 1
                nextTick = nextTick.saturatingAdding(missed.saturatingMultiplied(by: interval))
            }
            if let deadline, nextTick >= deadline { break }
            try beginStatement(range)
            try await sleep(nextTick.saturatingSubtracting(current), range)
        }
        return .normal
    }

    func requireWaiting(_ range: SourceRange) throws {
        if !configuration.capabilities.contains(.wait) {
            throw RuntimeFailure("waiting is not allowed in this interpreter", range, hint: "the host turned off the .wait capability")
        }
    }

    private func now(_ range: SourceRange) async throws -> Int64 {
        do { return try await configuration.clock.now() } catch { throw RuntimeFailure.from(error, at: range, doing: "reading the clock") }
    }

    func sleep(_ ms: Int64, _ range: SourceRange) async throws {
        guard ms > 0 else { return }
        if handlersActive { return try await sleepHandlingEvents(ms, range) }
        try await sleepOnce(ms, range)
    }

    /// One wait on the script's clock (the time limit, the clock's errors, the periodic liquidation check).
    func sleepOnce(_ ms: Int64, _ range: SourceRange) async throws {
        guard ms > 0 else { return }
        try checkWaitFitsTimeLimit(ms, range)
        do {
            try await configuration.clock.sleep(milliseconds: ms)
        } catch is CancellationError {
            throw CancellationError()
        } catch let stopped as ClockStopped {
            throw stopped   // time is used up: the run ends here, normally (Interpreter.evaluate)
        } catch {
            throw RuntimeFailure.from(error, at: range, doing: "waiting")
        }
        view?.invalidate()
        await checkLiquidations(afterWaiting: ms, at: range)
    }

    /// A real-time wait that would outlast the time limit fails now instead of after the limit has passed.
    func checkWaitFitsTimeLimit(_ ms: Int64, _ range: SourceRange) throws {
        if let limit = configuration.timeLimitMilliseconds, configuration.clock is WallClock {
            let elapsedMs = (ContinuousClock.now - startedAt).wholeMilliseconds
            if elapsedMs.saturatingAdding(ms) > limit {
                throw RuntimeFailure("waiting \(DurationFormat.format(milliseconds: ms)) would pass the time limit of \(DurationFormat.format(milliseconds: limit))",
                                     range, hint: "wait less, or raise the time limit", cause: .timeLimit)
            }
        }
    }

    func duration(_ code: LoweredExpr, _ range: SourceRange) async throws -> Int64 {
        let v = try await value(code)
        guard case .duration(let ms) = v else {
            throw RuntimeFailure("expected a duration, found \(v.type.spoken)", range, hint: "durations are written 500ms, 5s, 10m, 1h, 1d")
        }
        guard ms >= 0 else { throw RuntimeFailure("a duration cannot be negative here", range, hint: nil) }
        return ms
    }

    @inline(__always)
    private func condition(_ code: LoweredExpr) async throws -> Bool {
        let v: Value
        if case .pure(let inner) = code { v = try pure(inner) } else { v = try await value(code) }
        if case .bool(let b) = v { return b }
        throw RuntimeFailure("a condition must be true or false, found \(v.type.spoken) (\(v.excerpt))", code.range ?? .unknown, hint: nil)
    }

    // MARK: - Expressions (async path)

    func value(_ code: LoweredExpr) async throws -> Value {
        switch code {
        case .pure(let inner): return try pure(inner)
        case .constant(let v): return v
        case .global(let i): return globalSlots[i]
        case .local(let i): return stack[frameBase + i]
        case .negate(let c, let range): return try negate(try await value(c), range)
        case .not(let c, let range): return try not(try await value(c), range)
        case .arithmetic(let op, let l, let r, let range):
            let a = try await value(l)
            let b = try await value(r)
            return try arithmetic(op, a, b, range)
        case .compare(let op, let l, let r, let range):
            let a = try await value(l)
            let b = try await value(r)
            return .bool(try compare(op, a, b, range))
        case .and(let l, let r, let range):
            guard try truth(try await value(l), range) else { return .bool(false) }
            return .bool(try truth(try await value(r), range))
        case .or(let l, let r, let range):
            if try truth(try await value(l), range) { return .bool(true) }
            return .bool(try truth(try await value(r), range))
        case .builtin(let index, let argCodes, let range, let argumentRanges):
            var args: [Value] = []
            args.reserveCapacity(argCodes.count)
            for c in argCodes { args.append(try await value(c)) }
            let result = try await callBuiltin(index, args, range, argumentRanges)
            try ValueSize.check(result, range)   // builtins and host functions alike
            return result
        case .function(let index, let argCodes, let range):
            var args: [Value] = []
            args.reserveCapacity(argCodes.count)
            for c in argCodes { args.append(try await value(c)) }
            return try await callFunction(index, args, range)
        case .member(let c, let field, let range): return try member(try await value(c), field, range)
        case .index(let l, let r, let range):
            let a = try await value(l)
            return try index(a, try await value(r), range)
        case .list(let items, let range):
            var values: [Value] = []
            values.reserveCapacity(items.count)
            for c in items { values.append(try await value(c)) }
            try ValueSize.checkList(values, range)
            return .list(values)
        case .interpolation(let pieces, let range):
            var text = ""
            for piece in pieces {
                switch piece {
                case .text(let t): text += t
                case .value(let c): text += try await value(c).text(at: range)
                }
                try ValueSize.checkString(bytes: text.utf8.count, range)
            }
            return .string(text)
        case .action(let action, let range):
            return try await perform(action, range)
        }
    }

    private func callBuiltin(_ index: Int, _ args: [Value], _ range: SourceRange, _ argumentRanges: [SourceRange]) async throws -> Value {
        let builtin = builtins[index]
        do {
            switch builtin.implementation {
            case .pure(let f): return try f(args)
            case .account(let f):
                guard let view else {
                    throw RuntimeFailure("'\(builtin.name)' needs an exchange, and this interpreter has no backend", range,
                                         hint: "run with a backend (the embedded simulator is the default of `mops run`)")
                }
                if !configuration.capabilities.contains(.read) {
                    throw RuntimeFailure("reading the account is not allowed in this interpreter", range, hint: nil)
                }
                return try await f(view, args)
            case .host(let f): return try await f(args)
            }
        } catch {
            throw RuntimeFailure.rethrown(error, at: range, argumentRanges: argumentRanges, doing: "'\(builtin.name)'")
        }
    }

    func callFunction(_ index: Int, _ args: [Value], _ range: SourceRange) async throws -> Value {
        let function = functions[index]
        guard callDepth < 200 else {
            throw RuntimeFailure("too many nested calls (over 200) in '\(function.name)'", range, hint: "is the recursion missing a base case?")
        }
        let savedBase = frameBase
        let newBase = stack.count
        stack.append(contentsOf: args)
        for _ in args.count..<max(args.count, function.localCount) { stack.append(.none) }
        frameBase = newBase
        callDepth += 1
        defer {
            callDepth -= 1
            stack.removeSubrange(newBase...)
            frameBase = savedBase
        }
        switch try await run(function.body) {
        case .returned(let v): return v
        case .exit(let code): throw ExitRequest(code: code)
        default: return .none
        }
    }

    // MARK: - Expressions (synchronous fast path)

    func pure(_ code: LoweredExpr) throws -> Value {
        switch code {
        case .constant(let v): return v
        case .global(let i): return globalSlots[i]
        case .local(let i): return stack[frameBase + i]
        case .arithmetic(let op, let l, let r, let range): return try arithmetic(op, try operand(l), try operand(r), range)
        case .compare(let op, let l, let r, let range): return .bool(try compare(op, try operand(l), try operand(r), range))
        case .negate(let c, let range): return try negate(try pure(c), range)
        case .not(let c, let range): return try not(try pure(c), range)
        case .and(let l, let r, let range):
            guard try truth(try pure(l), range) else { return .bool(false) }
            return .bool(try truth(try pure(r), range))
        case .or(let l, let r, let range):
            if try truth(try pure(l), range) { return .bool(true) }
            return .bool(try truth(try pure(r), range))
        case .builtin(let index, let argCodes, let range, let argumentRanges):
            guard case .pure(let f) = builtins[index].implementation else {
                throw RuntimeFailure("internal error: impure builtin on the pure path", range)
            }
            var args: [Value] = []
            args.reserveCapacity(argCodes.count)
            for c in argCodes { args.append(try pure(c)) }
            let result: Value
            do { result = try f(args) } catch { throw RuntimeFailure.from(error, at: range, argumentRanges: argumentRanges, doing: nil) }
            try ValueSize.check(result, range)
            return result
        case .member(let c, let field, let range): return try member(try pure(c), field, range)
        case .index(let l, let r, let range): return try index(try pure(l), try pure(r), range)
        case .list(let items, let range):
            let values = try items.map { try pure($0) }
            try ValueSize.checkList(values, range)
            return .list(values)
        case .interpolation(let pieces, let range):
            var text = ""
            for piece in pieces {
                switch piece {
                case .text(let t): text += t
                case .value(let c): text += try pure(c).text(at: range)
                }
                try ValueSize.checkString(bytes: text.utf8.count, range)
            }
            return .string(text)
        case .pure(let inner): return try pure(inner)
        case .function(_, _, let range), .action(_, let range):
            throw RuntimeFailure("internal error: effect on the pure path", range)
        }
    }

    /// A leaf operand without a recursive call; anything else goes through ``pure(_:)``.
    @inline(__always)
    private func operand(_ code: LoweredExpr) throws -> Value {
        switch code {
        case .global(let i): return globalSlots[i]
        case .constant(let v): return v
        case .local(let i): return stack[frameBase + i]
        default: return try pure(code)
        }
    }

    // MARK: - Operators

    @inline(__always)
    private func arithmetic(_ op: BinaryOperator, _ a: Value, _ b: Value, _ range: SourceRange) throws -> Value {
        if case .number(let x) = a, case .number(let y) = b {
            do throws(NumberError) {
                switch op {
                case .add: return .number(try x + y)
                case .subtract: return .number(try x - y)
                case .multiply: return .number(try x * y)
                case .divide: return .number(try x / y)
                default: break
                }
            } catch {
                throw RuntimeFailure.arithmetic(error, range)
            }
        }
        return try slowArithmetic(op, a, b, range)
    }

    private func slowArithmetic(_ op: BinaryOperator, _ a: Value, _ b: Value, _ range: SourceRange) throws -> Value {
        func ms(_ n: Number) throws -> Int64 {
            guard let v = n.rounded(scale: 0, .halfEven).exactInt64 else { throw RuntimeFailure("duration overflow: the result does not fit in 64-bit milliseconds (at most 106751991167d)", range) }
            return v
        }
        switch (op, a, b) {
        case (.add, .duration(let x), .duration(let y)):
            let (sum, overflow) = x.addingReportingOverflow(y)
            if overflow { throw RuntimeFailure("duration overflow: the result does not fit in 64-bit milliseconds (at most 106751991167d)", range) }
            return .duration(sum)
        case (.subtract, .duration(let x), .duration(let y)):
            let (difference, overflow) = x.subtractingReportingOverflow(y)
            if overflow { throw RuntimeFailure("duration overflow: the result does not fit in 64-bit milliseconds (at most 106751991167d)", range) }
            return .duration(difference)
        case (.multiply, .duration(let x), .number(let n)), (.multiply, .number(let n), .duration(let x)):
            guard let p = Number(x).multiplying(by: n) else { throw RuntimeFailure("duration overflow: the result does not fit in 64-bit milliseconds (at most 106751991167d)", range) }
            return .duration(try ms(p))
        case (.divide, .duration(let x), .number(let n)):
            guard let q = Number(x).dividing(by: n) else { throw RuntimeFailure("division by zero", range) }
            return .duration(try ms(q))
        case (.divide, .duration(let x), .duration(let y)):
            guard let q = Number(x).dividing(by: Number(y)) else { throw RuntimeFailure("division by zero", range) }
            return .number(q)
        case (.add, .string(let x), _): return try concatenated(x, try b.text(at: range), range)
        case (.add, _, .string(let y)): return try concatenated(try a.text(at: range), y, range)
        case (.add, .list(let x), .list(let y)):
            let joined = x + y
            try ValueSize.checkList(joined, range)
            return .list(joined)
        default:
            throw RuntimeFailure("cannot \(op.rawValue) \(a.type.spoken) and \(b.type.spoken)", range, hint: nil)
        }
    }

    @inline(__always)
    private func compare(_ op: BinaryOperator, _ a: Value, _ b: Value, _ range: SourceRange) throws -> Bool {
        if case .number(let x) = a, case .number(let y) = b {
            switch op {
            case .less: return x < y
            case .lessEqual: return x <= y
            case .greater: return x > y
            case .greaterEqual: return x >= y
            case .equal: return x == y
            default: return x != y
            }
        }
        if op == .equal { return a == b }
        if op == .notEqual { return a != b }
        let order: Int
        switch (a, b) {
        case (.duration(let x), .duration(let y)): order = x < y ? -1 : (x == y ? 0 : 1)
        case (.string(let x), .string(let y)): order = x < y ? -1 : (x == y ? 0 : 1)
        default:
            throw RuntimeFailure("cannot order \(a.type.spoken) and \(b.type.spoken)", range, hint: nil)
        }
        switch op {
        case .less: return order < 0
        case .lessEqual: return order <= 0
        case .greater: return order > 0
        default: return order >= 0
        }
    }

    private func negate(_ v: Value, _ range: SourceRange) throws -> Value {
        switch v {
        case .number(let n): return .number(n.negated)
        case .duration(let d):
            guard d != Int64.min else { throw RuntimeFailure("duration overflow: the result does not fit in 64-bit milliseconds (at most 106751991167d)", range) }
            return .duration(-d)
        default: throw RuntimeFailure("cannot negate \(v.type.spoken)", range)
        }
    }

    private func not(_ v: Value, _ range: SourceRange) throws -> Value {
        .bool(!(try truth(v, range)))
    }

    @inline(__always)
    private func truth(_ v: Value, _ range: SourceRange) throws -> Bool {
        if case .bool(let b) = v { return b }
        throw RuntimeFailure("expected true or false, found \(v.type.spoken) (\(v.excerpt))", range, hint: nil)
    }

    private func member(_ v: Value, _ field: String, _ range: SourceRange) throws -> Value {
        guard case .record(let r) = v else {
            throw RuntimeFailure("\(v.type.spoken) has no field '\(field)'", range, hint: v == .none ? "the value is none — was it set?" : nil)
        }
        guard let f = r[field] else {
            throw RuntimeFailure("\(r.kind) has no field '\(field)'", range, hint: "fields: " + r.fields.map(\.name).joined(separator: ", "))
        }
        return f
    }

    private func index(_ base: Value, _ i: Value, _ range: SourceRange) throws -> Value {
        guard case .list(let items) = base else { throw RuntimeFailure("only lists can be indexed, found \(base.type.spoken)", range) }
        guard case .number(let n) = i, let k = n.exactInt else { throw RuntimeFailure("a list index is a whole number, found \(i.excerpt)", range) }
        let position = k < 0 ? items.count + k : k
        guard position >= 0 && position < items.count else {
            throw RuntimeFailure("index \(k) is out of range: the list has \(items.count) item\(items.count == 1 ? "" : "s")", range,
                                 hint: items.isEmpty ? "check len(list) > 0 first" : "valid indexes are 0 to \(items.count - 1) (or -1 for the last)")
        }
        return items[position]
    }
}

/// `x + y` for two texts, refused past ``Limits/stringBytes``.
private func concatenated(_ x: String, _ y: String, _ range: SourceRange) throws -> Value {
    try ValueSize.checkString(bytes: x.utf8.count + y.utf8.count, range)
    return .string(x + y)
}

extension LoweredStmt {
    /// Whether this is `name = <pure expression>`.
    var isPureAssignment: Bool {
        if case .assign(_, .pure, _) = self { return true }
        return false
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}

extension LoweredExpr {
    /// The source range of the node, when it has one.
    var range: SourceRange? {
        switch self {
        case .negate(_, let r), .not(_, let r), .arithmetic(_, _, _, let r), .compare(_, _, _, let r), .and(_, _, let r),
             .or(_, _, let r), .builtin(_, _, let r, _), .function(_, _, let r), .member(_, _, let r), .index(_, _, let r),
             .action(_, let r), .list(_, let r), .interpolation(_, let r):
            return r
        case .pure(let inner): return inner.range
        default: return nil
        }
    }
}
