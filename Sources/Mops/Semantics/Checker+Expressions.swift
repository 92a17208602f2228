import BinanceMargin

/// Expressions: each kind checked for the types that matter and lowered to ``LoweredExpr``, with
/// whether it is pure (free of account reads and calls, so it may run on the synchronous path).
extension Checker {
    /// A lowered expression with its static type, and whether it is free of account reads and calls.
    struct Typed {
        var expr: LoweredExpr
        var type: ValueType
        var pure: Bool
    }

    func finish(_ l: Typed) -> LoweredExpr {
        if l.pure, case .constant = l.expr { return l.expr }
        // The synchronous fast path recurses on the thread's stack; a deeper pure tree runs on
        // the async path, whose frames live on the heap.
        return l.pure && !Checker.deeper(l.expr, than: Checker.pureDepth) ? .pure(l.expr) : l.expr
    }

    /// The deepest tree the evaluator's synchronous path runs: about 6 KiB of stack per level in
    /// a debug build, so under 100 KiB however deep the script nests.
    static let pureDepth = 16

    /// Whether `code` is more than `levels` levels deep (looks no deeper than that).
    static func deeper(_ code: LoweredExpr, than levels: Int) -> Bool {
        guard levels > 0 else { return true }
        let children: [LoweredExpr]
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
    func child(_ l: Typed, parentPure: Bool) -> LoweredExpr {
        parentPure ? l.expr : finish(l)
    }

    mutating func condition(_ e: Expr, what: String) -> LoweredExpr {
        let l = expression(e)
        if l.type != .bool && l.type != .any {
            var hint = "compare it, e.g. marginLevel < 1.5"
            if l.type == .number { hint = "a condition is true or false; compare the number, e.g. \(describe(e)) > 0" }
            error("\(what) must be true or false, found \(l.type.spoken)", e.range, hint: hint)
        }
        return finish(l)
    }

    func describe(_ e: Expr) -> String {
        switch e.kind {
        case .name(let n): return n
        case .call(let n, _, _): return "\(n)(...)"
        default: return "x"
        }
    }

    mutating func expect(_ l: Typed, _ type: ValueType, _ range: SourceRange, what: String, hint: String?) {
        if !l.type.fits(type) {
            error("\(what) needs \(type.spoken), found \(l.type.spoken)", range, hint: hint)
        }
    }

    mutating func expression(_ e: Expr) -> Typed {
        switch e.kind {
        case .number(let n): return Typed(expr: .constant(.number(n)), type: .number, pure: true)
        case .percent(let n): return percent(n, e.range)
        case .duration(let ms): return Typed(expr: .constant(.duration(ms)), type: .duration, pure: true)
        case .bool(let b): return Typed(expr: .constant(.bool(b)), type: .bool, pure: true)
        case .none: return Typed(expr: .constant(.none), type: .none, pure: true)
        case .code(let c): return Typed(expr: .constant(.code(c)), type: .code, pure: true)
        case .string(let segments): return string(segments, e.range)
        case .name(let name): return reference(name, e.range)
        case .unary(let op, let operand): return unary(op, operand, e.range)
        case .binary(let op, let left, let right): return binary(op, left, right, e.range)
        case .call(let name, let nameRange, let arguments): return call(name, nameRange, arguments, e.range)
        case .member(let base, let field): return member(base, field, e.range)
        case .index(let base, let index):
            let b = expression(base), i = expression(index)
            expect(b, .list, base.range, what: "indexing", hint: nil)
            expect(i, .number, index.range, what: "an index", hint: "xs[0] is the first item")
            let pure = b.pure && i.pure
            return Typed(expr: .index(child(b, parentPure: pure), child(i, parentPure: pure), e.range), type: .any, pure: pure)
        case .list(let items):
            let ls = items.map { expression($0) }
            let pure = ls.allSatisfy(\.pure)
            return Typed(expr: .list(ls.map { child($0, parentPure: pure) }, e.range), type: .list, pure: pure)
        case .action(let action):
            let lowered = self.action(action, range: e.range)
            return Typed(expr: .action(lowered, e.range), type: actionType(lowered), pure: false)
        }
    }

    private mutating func percent(_ n: Number, _ range: SourceRange) -> Typed {
        // Division keeps 38 significant digits, so a percentage always has a value; checked all the same.
        guard let fraction = try? n / 100 else {
            error("arithmetic overflow: \(n)% does not fit in 38 digits", range, hint: "a number holds at most 38 significant digits")
            return Typed(expr: .constant(.number(.zero)), type: .number, pure: true)
        }
        return Typed(expr: .constant(.number(fraction)), type: .number, pure: true)
    }

    private mutating func string(_ segments: [StringSegment], _ range: SourceRange) -> Typed {
        var pieces: [InterpolationPiece] = []
        var pure = true
        var lowered: [Typed?] = []
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
            return Typed(expr: .constant(.string(t)), type: .string, pure: true)
        }
        return Typed(expr: .interpolation(pieces, range), type: .string, pure: pure)
    }

    private mutating func reference(_ name: String, _ range: SourceRange) -> Typed {
        if let (slot, type) = lookupVariable(name) {
            switch slot {
            case .global(let i): return Typed(expr: .global(i), type: type, pure: true)
            case .local(let i): return Typed(expr: .local(i), type: type, pure: true)
            }
        }
        if let index = builtinIndex[name] {
            let b = builtins[index]
            if b.minimumArity > 0 {
                error("'\(name)' needs arguments: \(b.signature)", range, hint: b.example)
                return Typed(expr: .constant(.none), type: .any, pure: true)
            }
            return Typed(expr: .builtin(index, [], range, []), type: b.returns, pure: b.isPure)
        }
        if symbols.functionIndex[name] != nil {
            error("'\(name)' is a function; call it with parentheses", range, hint: "\(name)(...)")
            return Typed(expr: .constant(.none), type: .any, pure: true)
        }
        if name == "event" {
            error("'event' exists only inside a handler", range, hint: "on fill BTCUSDT { print event.price }")
            return Typed(expr: .constant(.none), type: .any, pure: true)
        }
        let suggestion = didYouMean(name)
        error("unknown name '\(name)'", range, hint: suggestion.isEmpty ? "declare it with let \(name) = ..." : suggestion)
        return Typed(expr: .constant(.none), type: .any, pure: true)
    }

    private mutating func unary(_ op: UnaryOperator, _ operand: Expr, _ range: SourceRange) -> Typed {
        let l = expression(operand)
        switch op {
        case .negate:
            if l.type != .any && l.type != .number && l.type != .duration {
                error("cannot negate \(l.type.spoken)", range, hint: nil)
            }
            return Typed(expr: .negate(child(l, parentPure: l.pure), range), type: l.type, pure: l.pure)
        case .not:
            if l.type != .any && l.type != .bool {
                error("'not' needs a true/false value, found \(l.type.spoken)", operand.range, hint: nil)
            }
            return Typed(expr: .not(child(l, parentPure: l.pure), range), type: .bool, pure: l.pure)
        }
    }

    private mutating func binary(_ op: BinaryOperator, _ left: Expr, _ right: Expr, _ range: SourceRange) -> Typed {
        let a = expression(left), b = expression(right)
        let pure = a.pure && b.pure
        let ca = child(a, parentPure: pure), cb = child(b, parentPure: pure)
        switch op {
        case .and, .or:
            for (l, x) in [(a, left), (b, right)] where l.type != .any && l.type != .bool {
                error("'\(op.rawValue)' needs true/false values, found \(l.type.spoken)", x.range, hint: nil)
            }
            return Typed(expr: op == .and ? .and(ca, cb, range) : .or(ca, cb, range), type: .bool, pure: pure)
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            checkComparison(op, (a, left), (b, right), range)
            return Typed(expr: .compare(op, ca, cb, range), type: .bool, pure: pure)
        case .add, .subtract, .multiply, .divide:
            let type = arithmeticType(op, a.type, b.type, range)
            return Typed(expr: .arithmetic(op, ca, cb, range), type: type, pure: pure)
        }
    }

    private mutating func checkComparison(_ op: BinaryOperator, _ a: (Typed, Expr), _ b: (Typed, Expr), _ range: SourceRange) {
        let (x, y) = (a.0.type, b.0.type)
        if x != .any && y != .any && x != y && x != .none && y != .none {
            error("cannot compare \(x.spoken) with \(y.spoken)", range,
                  hint: x == .duration || y == .duration ? "write durations with a unit: 5s, 10m, 1h" : nil)
        } else if op != .equal && op != .notEqual {
            for (l, e) in [a, b] where ![.any, .number, .duration, .string].contains(l.type) {
                error("'\(op.rawValue)' orders numbers, durations or strings, not \(l.type.spoken)", e.range, hint: nil)
            }
        }
    }

    private mutating func call(_ name: String, _ nameRange: SourceRange, _ arguments: [Expr], _ range: SourceRange) -> Typed {
        let args = arguments.map { expression($0) }
        if let index = builtinIndex[name] { return builtinCall(index, args, arguments, range) }
        if let index = symbols.functionIndex[name] {
            let params = symbols.functionParameters[index]
            if params.count != args.count {
                error("'\(name)' takes \(params.count) argument\(params.count == 1 ? "" : "s"), found \(args.count)", range,
                      hint: "\(name)(\(params.joined(separator: ", ")))")
            }
            return Typed(expr: .function(index, args.map { finish($0) }, range), type: .any, pure: false)
        }
        if lookupVariable(name) != nil {
            error("'\(name)' is a variable, not a function", nameRange, hint: nil)
        } else {
            let suggestion = didYouMean(name)
            error("unknown function '\(name)'", nameRange, hint: suggestion.isEmpty ? "define it with def \(name)(...) { ... }" : suggestion)
        }
        return Typed(expr: .constant(.none), type: .any, pure: true)
    }

    private mutating func builtinCall(_ index: Int, _ args: [Typed], _ arguments: [Expr], _ range: SourceRange) -> Typed {
        let b = builtins[index]
        if args.count < b.minimumArity || args.count > b.maximumArity {
            let count = b.minimumArity == b.maximumArity ? "\(b.minimumArity)" : "\(b.minimumArity) to \(b.maximumArity)"
            error("'\(b.name)' takes \(count) argument\(b.maximumArity == 1 ? "" : "s"), found \(args.count)", range,
                  hint: "\(b.signature) — e.g. \(b.example)")
        } else {
            for (i, (arg, expr)) in zip(args, arguments).enumerated() {
                checkArgument(arg, expr, b.parameters[i], builtin: b)
            }
        }
        let pure = b.isPure && args.allSatisfy(\.pure)
        return Typed(expr: .builtin(index, args.map { child($0, parentPure: pure) }, range, arguments.map(\.range)), type: b.returns, pure: pure)
    }

    private mutating func member(_ base: Expr, _ field: String, _ range: SourceRange) -> Typed {
        let l = expression(base)
        var type = ValueType.any
        if let fields = l.type == .event ? handlerEvent.map(Checker.eventFields) : Checker.recordFields[l.type] {
            if let t = fields[field] {
                type = t
            } else {
                let suggestion = Spelling.closest(to: field, in: fields.keys).map { "did you mean '\($0)'? " } ?? ""
                error("\(l.type.spoken) has no field '\(field)'", range, hint: suggestion + "fields: " + fields.keys.sorted().joined(separator: ", "))
            }
        } else if l.type != .any && l.type != .record {
            error("\(l.type.spoken) has no fields", range, hint: nil)
        }
        return Typed(expr: .member(child(l, parentPure: l.pure), field, range), type: type, pure: l.pure)
    }

    func actionType(_ a: LoweredAction) -> ValueType {
        switch a {
        case .borrow, .repay, .transfer: return .transaction
        case .order(let spec): return spec.list == nil ? .order : .orderList
        case .cancelOrder(_, let list): return list ? .orderList : .order
        case .cancelByID: return .order
        case .cancelAll: return .list
        case .liquidate: return .record
        case .leverage: return .number
        }
    }

    mutating func arithmeticType(_ op: BinaryOperator, _ a: ValueType, _ b: ValueType, _ range: SourceRange) -> ValueType {
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

    static let verb: [BinaryOperator: String] = [.add: "add", .subtract: "subtract", .multiply: "multiply", .divide: "divide"]

    /// Fields of the records actions and builtins return, by name (from ``Vocabulary/recordFields``).
    static let recordFields: [ValueType: [String: ValueType]] = Vocabulary.recordFields.mapValues { fields in
        Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0.type) })
    }
}
