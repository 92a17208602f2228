import BinanceMargin

/// Handlers and `watch` (docs/language.md, "Handlers"): `on` and `watch` are not reserved words — they open
/// these statements only where no other statement could stand (`on` followed by a word, `watch` alone or
/// before `for`), so a variable may still be called `on` or `watch`.
extension Parser {
    /// Whether a statement starting with the word `word`, followed by `next`, is `on …` or `watch …`.
    static func opensHandlerStatement(_ word: String, next: Token.Kind) -> Bool {
        switch (word, next) {
        case ("on", .identifier): return true
        case ("watch", .newline), ("watch", .eof), ("watch", .punct(.rbrace)), ("watch", .keyword(.for)): return true
        default: return false
        }
    }

    // handler := 'on' EVENT [filter | comparison] block  |  'watch' [ 'for' expression ]
    mutating func handlerStatement() throws -> Stmt {
        let start = advance()
        if case .identifier("watch") = start.kind {
            var limit: Expr? = nil
            if match(.keyword(.for)) { limit = try expression() }
            return Stmt(kind: .watch(limit), range: start.range.union(previous.range))
        }
        guard case .identifier(let word) = current.kind, let event = HandlerEvent(rawValue: word) else {
            let word = "\(current.kind)"
            let suggestion = Spelling.closest(to: word.trimmingCharacters(in: ["'"]), in: HandlerEvent.allCases.map(\.rawValue))
                .map { "did you mean '\($0)'? " } ?? ""
            throw fail("unknown event \(word) after 'on'", at: current.range,
                       hint: suggestion + "events: " + HandlerEvent.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let eventRange = advance().range
        let (trigger, filterRange) = try trigger(for: event, at: eventRange)
        let triggerRange = eventRange.union(previous.range)
        let body = try block(after: "'on \(word)'")
        let handler = Handler(trigger: trigger, event: event, triggerRange: triggerRange, filterRange: filterRange, body: body)
        return Stmt(kind: .on(handler), range: start.range.union(previous.range))
    }

    /// The part between the event word and the block: a code filter, or for `marginLevel` a comparison.
    private mutating func trigger(for event: HandlerEvent, at eventRange: SourceRange) throws -> (Handler.Trigger, SourceRange?) {
        if event == .marginLevel {
            guard case .punct(let p) = current.kind, let op = Parser.comparison[p] else {
                throw fail("expected a comparison after 'on marginLevel', found \(current.kind)", at: current.range,
                           hint: "on marginLevel < 1.3 { ... }")
            }
            advance()
            let threshold = try expression()
            return (.marginLevel(op, threshold), threshold.range)
        }
        var filter: String? = nil
        var filterRange: SourceRange? = nil
        if case .code(let code) = current.kind {
            guard event != .liquidation else {
                throw fail("'on liquidation' takes no filter", at: current.range, hint: "on liquidation { print event.text }")
            }
            filter = code
            filterRange = advance().range
        } else if !check(.punct(.lbrace)) {
            throw fail("expected \(event == .liquidation ? "" : "an upper-case code or ")'{' after 'on \(event.rawValue)', found \(current.kind)",
                       at: current.range, hint: event.synopsis)
        }
        switch event {
        case .marginStatus: return (.marginStatus(filter), filterRange)
        case .fill: return (.fill(filter), filterRange)
        case .balance: return (.balance(filter), filterRange)
        case .liability: return (.liability(filter), filterRange)
        case .liquidation, .marginLevel: return (.liquidation, nil)
        }
    }

    private static let comparison: [Punct: BinaryOperator] = [
        .less: .less, .lessEqual: .lessEqual, .greater: .greater, .greaterEqual: .greaterEqual, .equal: .equal, .notEqual: .notEqual,
    ]
}
