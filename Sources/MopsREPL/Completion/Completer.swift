/// Tab completion by context: given the input line and the cursor, what could be typed there.
///
/// A pure value (no terminal, no network): the REPL builds one from a ``CompletionCatalog`` before
/// each prompt and libedit's Tab key calls ``complete(line:cursor:)``. What it offers:
/// - statement keywords (and variables and builtins) where a statement starts, `else` after a `}`
///   (or at the start of the line after a multi-line `if`);
/// - assets after an amount (`borrow 100 U` → `USDT`), symbols after `isolated`, after a buy/sell
///   quantity, after `of`, and inside `price(` and other builtins that take a symbol;
/// - order types, `isolated`, side effects and `id` after the symbol of a buy/sell;
/// - variables, builtins and `and`/`or`/`not`/… in expressions (codes when the word is upper case);
/// - record fields after `name.` (`o.` → `executedQty`, `status`, …);
/// - meta command names after `:`, help topics after `:help`, file names after `:load`.
public struct Completer: Sendable {
    /// What may be offered.
    public var catalog: CompletionCatalog

    /// Makes a completer over `catalog`.
    public init(catalog: CompletionCatalog) {
        self.catalog = catalog
    }

    /// Completes the word that ends at `cursor` (a count of characters from the start of `line`).
    public func complete(line: String, cursor: Int) -> Completion {
        let before = String(line.prefix(max(0, cursor)))
        let trimmed = before.drop { $0 == " " || $0 == "\t" }
        if trimmed.first == ":" { return completeMeta(String(trimmed)) }
        return completeStatement(before)
    }

    // MARK: - Meta commands

    private func completeMeta(_ text: String) -> Completion {
        guard let space = text.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
            return Completion(fragment: text, candidates: catalog.metaCommands.map { .init($0) })
        }
        let command = String(text[..<space])
        let rest = text[space...].drop { $0 == " " || $0 == "\t" }
        let fragment = String(rest)
        switch command {
        case ":load":
            let paths = catalog.listFiles(fragment)
            return Completion(fragment: fragment, candidates: paths.map { .init($0, appendsSpace: !$0.hasSuffix("/")) })
        case ":help":
            if rest.contains(" ") { return Completion(fragment: fragment, candidates: []) }
            return Completion(fragment: fragment, candidates: catalog.helpTopics.map { .init($0) })
        case ":plan":
            return Completion(fragment: fragment, candidates: ["on", "off"].map { .init($0) })
        default:
            return Completion(fragment: fragment, candidates: [])
        }
    }

    // MARK: - Statements

    private func completeStatement(_ before: String) -> Completion {
        let scan = StatementScan(before)
        guard !scan.insideString else { return Completion(fragment: scan.fragment, candidates: []) }
        let fragment = scan.fragment
        let words = catalog.words
        let upper = fragment.first?.isUppercase ?? false

        if let call = scan.openCalls.last {
            // Inside an argument list: the builtin's table says what the argument is.
            let kinds = call.function.flatMap { words.builtins[$0] } ?? []
            let kind = call.argumentIndex < kinds.count ? kinds[call.argumentIndex] : .expression
            switch kind {
            case .asset: return Completion(fragment: fragment, candidates: catalog.assets.map { .init($0, appendsSpace: false) })
            case .symbol: return Completion(fragment: fragment, candidates: catalog.symbols.map { .init($0, appendsSpace: false) })
            case .expression: return Completion(fragment: fragment, candidates: expression(upper: upper))
            }
        }

        let tokens = scan.statement
        if tokens.count >= 2, tokens.last?.text == ".", tokens[tokens.count - 2].kind != .other {
            // `o.`: the fields of the records actions return.
            return Completion(fragment: fragment, candidates: words.recordFields.map { .init($0, appendsSpace: false) })
        }
        guard let head = tokens.first else {
            if upper { return Completion(fragment: fragment, candidates: []) }
            var candidates = keywords(words.statementKeywords) + names()
            let firstOnLine = before.drop { $0 == " " || $0 == "\t" } == fragment
            if scan.afterClosingBrace || (catalog.elseMayFollow && firstOnLine) { candidates.append(.init("else")) }
            return Completion(fragment: fragment, candidates: candidates)
        }
        let candidates: [Completion.Candidate]
        switch head.text {
        case "borrow", "repay": candidates = loan(tokens, repay: head.text == "repay", upper: upper)
        case "transfer": candidates = transfer(tokens, upper: upper)
        case "buy", "sell": candidates = order(tokens, upper: upper)
        case "cancel": candidates = cancel(tokens, upper: upper)
        case "show": candidates = show(tokens)
        case "sim": candidates = sim(tokens, upper: upper)
        case "wait":
            candidates = tokens.count == 1 ? keywords(["until"]) + expression(upper: upper) : expression(upper: upper)
        case "every":
            candidates = tokens.count >= 2 && tokens.last?.kind == .number ? keywords(["for", "until", "times"]) : expression(upper: upper)
        case "else": candidates = tokens.count == 1 ? keywords(["if"]) : expression(upper: upper)
        case "let": candidates = tokens.count <= 2 ? [] : expression(upper: upper)
        case "for": candidates = tokens.count == 1 ? [] : tokens.count == 2 ? keywords(["in"]) : expression(upper: upper)
        case "def": candidates = []
        default: candidates = expression(upper: upper)
        }
        return Completion(fragment: fragment, candidates: candidates)
    }

    /// `borrow|repay <amount> <ASSET> [isolated <SYMBOL>]`
    private func loan(_ t: [Lexeme], repay: Bool, upper: Bool) -> [Completion.Candidate] {
        if t.count == 1 { return (repay ? keywords(["all"]) : []) + expression(upper: false) }
        if t.last?.text == "isolated" { return codes(catalog.symbols) }
        if t.dropFirst().contains(where: { $0.isCode }) { return t.last?.isCode == true ? keywords(["isolated"]) : [] }
        return afterAmount(t.last, upper: upper) ? codes(catalog.assets) : expression(upper: upper)
    }

    /// `transfer (<amount>|<pct>%|all) <ASSET> [from spot|margin|isolated <SYMBOL>] [to spot|margin|isolated <SYMBOL>]`
    private func transfer(_ t: [Lexeme], upper: Bool) -> [Completion.Candidate] {
        if t.count == 1 { return keywords(["all"]) + expression(upper: false) }
        switch t.last?.text {
        case "to", "from": return keywords(catalog.words.places)
        case "isolated": return codes(catalog.symbols)
        default: break
        }
        guard t.dropFirst().contains(where: { $0.isCode }) else {
            return afterAmount(t.last, upper: upper) ? codes(catalog.assets) : expression(upper: upper)
        }
        // After the asset, or after a finished side: the side not given yet.
        return keywords(["from", "to"].filter { side in !t.contains { $0.text == side } })
    }

    /// `sim price SYMBOL <p> | sim shock SYMBOL <pct>% | sim advance <duration> | sim deposit <amount> ASSET [to …] | sim reset`
    private func sim(_ t: [Lexeme], upper: Bool) -> [Completion.Candidate] {
        if t.count == 1 { return keywords(catalog.words.simCommands) }
        let action = t[1].text
        switch action {
        case "price", "shock": return t.count == 2 ? codes(catalog.symbols) : expression(upper: upper)
        case "deposit":
            switch t.last?.text {
            case "to": return keywords(catalog.words.places)
            case "isolated": return codes(catalog.symbols)
            default: break
            }
            if t.dropFirst(2).contains(where: { $0.isCode }) { return t.last?.isCode == true ? keywords(["to"]) : [] }
            return t.count >= 3 && afterAmount(t.last, upper: upper) ? codes(catalog.assets) : expression(upper: upper)
        default: return []
        }
    }

    /// `buy|sell <qty> <SYMBOL> [type] [isolated] [side-effect] [id "…"]` or `… <amount> <QUOTE> of <SYMBOL>`
    private func order(_ t: [Lexeme], upper: Bool) -> [Completion.Candidate] {
        let words = catalog.words
        guard t.count > 1, let last = t.last else { return expression(upper: false) }
        if last.text == "of" { return codes(catalog.symbols) }
        guard t.dropFirst().contains(where: \.isCode) else {
            return afterAmount(last, upper: upper) ? codes(catalog.symbols) : expression(upper: upper)
        }
        let hasOf = t.contains { $0.text == "of" }
        if last.isCode && !hasOf && !catalog.symbols.contains(last.text) && catalog.assets.contains(last.text) {
            return keywords(["of"])   // `buy 100 USDT of BTCUSDT`
        }
        if last.text == "id" { return [] }
        if last.text == "then" || last.text == "or" { return keywords(["limit", "stop"]) }   // an order list's exit
        if ["limit", "maker", "stop", "take-profit"].contains(last.text) { return expression(upper: upper) }
        var options: [String] = []
        let previous = t[t.count - 2].text
        if previous == "limit" || previous == "maker" { options += words.timeInForce }
        if previous == "stop" || previous == "take-profit" { options.append("limit") }
        if !t.contains(where: { words.orderTypes.contains($0.text) }) { options += words.orderTypes }
        if !t.contains(where: { $0.text == "isolated" }) { options.append("isolated") }
        if !t.contains(where: { words.sideEffects.contains($0.text) }) { options += words.sideEffects }
        if !t.contains(where: { $0.text == "id" }) { options.append("id") }
        if t.contains(where: { ["limit", "maker", "stop"].contains($0.text) }), !t.contains(where: { $0.text == "then" || $0.text == "or" }) {
            options += ["or", "then"]   // `… limit 70000 or stop 55000`, `… limit 60000 then limit 70000 or stop 55000`
        }
        return keywords(options)
    }

    /// `cancel <order>` | `cancel <id> <SYMBOL> [isolated]` | `cancel all [<SYMBOL>] [isolated]`
    private func cancel(_ t: [Lexeme], upper: Bool) -> [Completion.Candidate] {
        if t.count == 1 { return keywords(["all"]) + expression(upper: upper) }
        guard let last = t.last else { return [] }
        if last.isCode { return keywords(["isolated"]) }
        if last.text == "all" || last.kind == .number { return codes(catalog.symbols) + (last.text == "all" ? keywords(["isolated"]) : []) }
        return expression(upper: upper)
    }

    /// `show account | balances | spot | loans | orders [SYMBOL] | isolated [SYMBOL] | rates ASSET | history (borrow|repay) [ASSET]`
    private func show(_ t: [Lexeme]) -> [Completion.Candidate] {
        if t.count == 1 { return keywords(catalog.words.showTargets) }
        switch t.last?.text {
        case "orders", "isolated": return codes(catalog.symbols)
        case "rates": return codes(catalog.assets)
        case "history": return keywords(["borrow", "repay"])
        case "borrow", "repay": return codes(catalog.assets)
        default: return []
        }
    }

    // MARK: - Candidate sets

    /// Whether `token` ends an amount, so an asset or symbol code comes next.
    private func afterAmount(_ token: Lexeme?, upper: Bool) -> Bool {
        guard let token else { return false }
        switch token.kind {
        case .number, .closing: return true
        case .word: return token.text == "all" || upper || catalog.variables.contains(token.text)
        case .other: return false
        }
    }

    private func keywords(_ list: [String]) -> [Completion.Candidate] { list.map { .init($0) } }
    private func codes(_ list: [String]) -> [Completion.Candidate] { list.map { .init($0) } }

    /// Variables and builtins: no space after them (a call's `(` or an operator follows).
    private func names() -> [Completion.Candidate] {
        (catalog.variables + catalog.words.builtins.keys).map { .init($0, appendsSpace: false) }
    }

    private func expression(upper: Bool) -> [Completion.Candidate] {
        if upper { return codes(catalog.assets + catalog.symbols) }
        return names() + keywords(catalog.words.expressionWords)
    }
}
