import BinanceMargin

/// Handlers and `watch` (docs/language.md, "Handlers"): an `on` statement is checked like a function whose one
/// parameter is `event`, a record whose fields depend on the event (``HandlerEvent/fields``).
extension Checker {
    /// The fields of an event record by name, with their types.
    static func eventFields(_ event: HandlerEvent) -> [String: ValueType] {
        Dictionary(uniqueKeysWithValues: event.fields.map { ($0.name, $0.type) })
    }

    mutating func handler(_ h: Handler, _ range: SourceRange) -> LoweredStmt {
        if inFunction || !scopes.isEmpty || loopDepth > 0 {
            error("handlers are registered at the top level of a script", h.triggerRange,
                  hint: "move 'on \(h.event.rawValue)' out of the \(handlerEvent != nil ? "handler" : inFunction ? "function" : "block")")
            return .nothing
        }
        var lowered = LoweredHandler(event: h.event, filter: nil, comparison: nil, threshold: nil, function: -1, range: h.triggerRange)
        switch h.trigger {
        case .marginLevel(let op, let threshold):
            let l = expression(threshold)
            expect(l, .number, threshold.range, what: "'on marginLevel'", hint: "on marginLevel < 1.3 { ... }")
            if op == .equal || op == .notEqual {
                error("a margin level is compared with <, <=, > or >=, not \(op.rawValue)", h.triggerRange,
                      hint: "a level is almost never exactly equal to a figure: on marginLevel <= 1.3 { ... }")
            }
            lowered.comparison = op
            lowered.threshold = finish(l)
        case .marginStatus(let status):
            if let status, !HandlerEvent.statuses.contains(status) {
                let suggestion = Spelling.closest(to: status, in: HandlerEvent.statuses).map { "did you mean \($0)? " } ?? ""
                error("unknown margin status \(status)", h.filterRange, hint: suggestion + "statuses: " + HandlerEvent.statuses.joined(separator: ", "))
            }
            lowered.filter = status
        case .fill(let code), .balance(let code), .liability(let code): lowered.filter = code
        case .liquidation: break
        }
        lowered.function = handlerBody(h)
        return .on(lowered)
    }

    /// Checks the body with `event` as local 0 and adds it to the function table; its index.
    private mutating func handlerBody(_ h: Handler) -> Int {
        inFunction = true
        handlerEvent = h.event
        scopes = [["event": Local(slot: 0, type: .event, line: h.triggerRange.start.line)]]
        localCount = 1
        maxLocalCount = 1
        let ops = block(h.body, newScope: false)
        let index = symbols.functions.count
        symbols.functions.append(LoweredFunction(name: "on \(h.event.rawValue)", parameterCount: 1, localCount: maxLocalCount,
                                                 body: ops, range: h.triggerRange))
        symbols.functionParameters.append(["event"])
        scopes = []
        inFunction = false
        handlerEvent = nil
        return index
    }

    mutating func watchStatement(_ limit: Expr?, _ range: SourceRange) -> LoweredStmt {
        if inFunction {
            error("'watch' waits for events at the top level of a script, not inside a \(handlerEvent != nil ? "handler" : "function")", range,
                  hint: handlerEvent != nil ? "a handler runs once per event; 'wait' pauses it" : "call the function from a handler instead")
            return .nothing
        }
        guard let limit else { return .watch(nil, range) }
        let l = expression(limit)
        expect(l, .duration, limit.range, what: "'watch for'", hint: "watch for 10m")
        return .watch(finish(l), range)
    }
}
