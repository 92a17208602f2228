import BinanceMargin

/// Parses tokens into a ``Script``, reporting every syntax error it can find.
///
/// A recursive-descent parser whose methods are named after the grammar rules in
/// `docs/language.md`. On an error it records a diagnostic and recovers in panic mode: it skips
/// to the next statement boundary (a newline or `}` outside any block it skipped into) and
/// carries on, so one run reports many errors without cascades.
///
/// Nesting is bounded: the parser's own recursion and the height of every tree it builds stay
/// within ``Limits/nesting`` (deeper input gets "nested too deeply: limit N" at the token that
/// went past it), so the checker, the lowering and the evaluator, which recurse over the tree,
/// are bounded by construction.
package struct Parser {
    private var tokens: [Token]
    private var position = 0
    /// How many nested constructs (blocks, brackets, calls, unary operators, interpolations) enclose the current token.
    private var depth = 0
    /// Problems found so far (the tokenizer's included).
    package private(set) var diagnostics: [Diagnostic] = []

    /// Tokenizes and prepares to parse `text`.
    package init(_ text: String) {
        var tokenizer = Tokenizer(text)
        self.tokens = tokenizer.tokenize()
        self.diagnostics = tokenizer.diagnostics
    }

    /// Prepares to parse already tokenized input ending in `.eof`.
    init(tokens: [Token]) {
        self.tokens = tokens
    }

    struct Failure: Error {}

    // MARK: - program := { statement terminator }

    /// Parses the whole input.
    package mutating func parseScript() -> Script {
        var statements: [Stmt] = []
        skipNewlines()
        while !isAtEnd {
            if check(.punct(.rbrace)) {
                report("unexpected '}' with no block to close", at: current.range, hint: "remove it, or look for a missing '{' above")
                advance()
                skipNewlines()
                continue
            }
            if let statement = statementOrRecover() { statements.append(statement) }
            skipNewlines()
        }
        return Script(statements: statements)
    }

    private mutating func statementOrRecover() -> Stmt? {
        let outer = depth
        do {
            let statement = try statement()
            try terminator()
            return statement
        } catch {
            depth = outer   // a failure may leave nested constructs unclosed
            synchronize()
            return nil
        }
    }

    private mutating func terminator() throws {
        switch current.kind {
        case .newline: advance()
        case .eof, .punct(.rbrace): break
        default:
            throw fail("expected the end of the statement, found \(current.kind)", at: current.range,
                       hint: "put one statement per line, or separate statements with ';'")
        }
    }

    /// Skips to the next statement boundary: a newline or a `}` that closes the current block.
    private mutating func synchronize() {
        var depth = 0
        while !isAtEnd {
            switch current.kind {
            case .newline where depth == 0:
                advance()
                return
            case .punct(.lbrace):
                depth += 1
            case .punct(.rbrace):
                if depth == 0 { return }
                depth -= 1
                if depth == 0 {
                    advance()
                    if case .newline = current.kind { advance() }
                    return
                }
            default: break
            }
            advance()
        }
    }

    // MARK: - statement

    private mutating func statement() throws -> Stmt {
        let start = current.range
        switch current.kind {
        case .keyword(.let): return try letStatement()
        case .keyword(.if): return try ifStatement()
        case .keyword(.while): return try whileStatement()
        case .keyword(.for): return try forStatement()
        case .keyword(.every): return try everyStatement()
        case .keyword(.wait): return try waitStatement()
        case .keyword(.assert): return try assertStatement()
        case .keyword(.print): return try printStatement()
        case .keyword(.show): return try showStatement()
        case .keyword(.def): return try defStatement()
        case .keyword(.return):
            advance()
            let value = atStatementEnd ? nil : try expression()
            return Stmt(kind: .return(value), range: start.union(previous.range))
        case .keyword(.exit):
            advance()
            let value = atStatementEnd ? nil : try expression()
            return Stmt(kind: .exit(value), range: start.union(previous.range))
        case .keyword(.sim): return try simStatement()
        case .identifier(let word) where Parser.opensHandlerStatement(word, next: peekKind(1)): return try handlerStatement()
        case .keyword(.break):
            advance()
            return Stmt(kind: .break, range: start)
        case .keyword(.continue):
            advance()
            return Stmt(kind: .continue, range: start)
        case .keyword(.else):
            throw fail("'else' without an 'if'", at: start, hint: "write 'else' on the same line as the '}' that closes the if block: } else {")
        case .identifier(let name) where peekKind(1) == .punct(.assign):
            advance()
            advance()
            let value = try actionOrExpression()
            return Stmt(kind: .assign(name: name, nameRange: start, value: value), range: start.union(value.range))
        default:
            try rejectMisspelledKeyword()
            let value = try actionOrExpression()
            return Stmt(kind: .expression(value), range: value.range)
        }
    }

    /// A name that opens a statement and is followed by an operand (`borow 10 USDT`) cannot be an
    /// expression; when it is close to a statement keyword, says so at the word.
    private mutating func rejectMisspelledKeyword() throws {
        guard case .identifier(let word) = current.kind else { return }
        switch peekKind(1) {
        case .number, .percent, .duration, .string, .identifier, .code: break
        case .keyword(let next) where next != .and && next != .or: break
        default: return
        }
        guard let keyword = Spelling.closest(to: word, in: Vocabulary.statementKeywords.map(\.rawValue)) else { return }
        throw fail("unknown statement '\(word)' — did you mean '\(keyword)'?", at: current.range,
                   hint: StatementHelp.named(keyword)?.synopsis)
    }

    // letStatement := 'let' NAME '=' (action | expression)
    private mutating func letStatement() throws -> Stmt {
        let start = advance().range
        let (name, nameRange) = try bindingName(what: "a variable name after 'let'", hint: "let <name> = <expr>")
        try expect(.punct(.assign), "expected '=' after 'let \(name)'", hint: "let \(name) = <expr>")
        let value = try actionOrExpression()
        return Stmt(kind: .let(name: name, nameRange: nameRange, value: value), range: start.union(value.range))
    }

    private mutating func bindingName(what: String, hint: String) throws -> (String, SourceRange) {
        guard case .identifier(let name) = current.kind else {
            if case .code(let code) = current.kind {
                throw fail("expected \(what), found the code \(code)", at: current.range,
                           hint: "names are lower case; upper-case words are assets and symbols")
            }
            throw fail("expected \(what), found \(current.kind)", at: current.range, hint: hint)
        }
        if Vocabulary.contextualWords.contains(name) {
            throw fail("'\(name)' is a word of the statement syntax and cannot name a variable", at: current.range,
                       hint: "pick another name, e.g. \(name)Value")
        }
        return (name, advance().range)
    }

    // ifStatement := 'if' expression block { 'else' 'if' expression block } [ 'else' block ]
    private mutating func ifStatement() throws -> Stmt {
        let start = advance().range
        var branches: [(condition: Expr, body: [Stmt])] = []
        let condition = try expression()
        branches.append((condition, try block(after: "the if condition")))
        var otherwise: [Stmt]? = nil
        while case .keyword(.else) = current.kind {
            advance()
            if case .keyword(.if) = current.kind {
                advance()
                let c = try expression()
                branches.append((c, try block(after: "the else-if condition")))
            } else {
                otherwise = try block(after: "'else'")
                break
            }
        }
        return Stmt(kind: .if(branches: branches, otherwise: otherwise), range: start.union(previous.range))
    }

    // whileStatement := 'while' expression block
    private mutating func whileStatement() throws -> Stmt {
        let start = advance().range
        let condition = try expression()
        let body = try block(after: "the while condition")
        return Stmt(kind: .while(condition: condition, body: body), range: start.union(previous.range))
    }

    // forStatement := 'for' NAME 'in' expression block
    private mutating func forStatement() throws -> Stmt {
        let start = advance().range
        let (name, nameRange) = try bindingName(what: "a loop variable after 'for'", hint: "for <name> in <list> { ... }")
        try expect(.keyword(.in), "expected 'in' after 'for \(name)'", hint: "for \(name) in <list> { ... }")
        let sequence = try expression()
        let body = try block(after: "the for header")
        return Stmt(kind: .for(name: name, nameRange: nameRange, sequence: sequence, body: body), range: start.union(previous.range))
    }

    // everyStatement := 'every' expression [ 'for' expression | 'until' expression | 'times' expression ] block
    private mutating func everyStatement() throws -> Stmt {
        let start = advance().range
        let interval = try additive()
        var limit: EveryLimit? = nil
        switch current.kind {
        case .keyword(.for):
            advance()
            limit = .duration(try additive())
        case .keyword(.until):
            advance()
            limit = .until(try expression())
        case .identifier("times"):
            advance()
            limit = .times(try additive())
        default: break
        }
        let body = try block(after: "the every header")
        return Stmt(kind: .every(interval: interval, limit: limit, body: body), range: start.union(previous.range))
    }

    // waitStatement := 'wait' expression | 'wait' 'until' expression [ 'timeout' expression ]
    private mutating func waitStatement() throws -> Stmt {
        let start = advance().range
        if case .keyword(.until) = current.kind {
            advance()
            let condition = try expression()
            var timeout: Expr? = nil
            if case .keyword(.timeout) = current.kind {
                advance()
                timeout = try expression()
            }
            return Stmt(kind: .waitUntil(condition: condition, timeout: timeout), range: start.union(previous.range))
        }
        if atStatementEnd {
            throw fail("expected a duration after 'wait'", at: current.range, hint: "wait 5s, or wait until <cond> timeout 1m")
        }
        let duration = try expression()
        return Stmt(kind: .wait(duration), range: start.union(previous.range))
    }

    // assertStatement := 'assert' expression [ ',' expression ]
    private mutating func assertStatement() throws -> Stmt {
        let start = advance().range
        let condition = try expression()
        var message: Expr? = nil
        if match(.punct(.comma)) { message = try expression() }
        return Stmt(kind: .assert(condition: condition, message: message), range: start.union(previous.range))
    }

    // printStatement := 'print' [ expression { ',' expression } ]
    private mutating func printStatement() throws -> Stmt {
        let start = advance().range
        var values: [Expr] = []
        if !atStatementEnd {
            values.append(try expression())
            while match(.punct(.comma)) { values.append(try expression()) }
        }
        return Stmt(kind: .print(values), range: start.union(previous.range))
    }

    // showStatement := 'show' ( 'account' | 'balances' | 'spot' | 'loans' | 'orders' [target] | 'isolated' [target]
    //                          | 'rates' target | 'history' ('borrow'|'repay') [target] )
    private mutating func showStatement() throws -> Stmt {
        let start = advance().range
        let synopsis = "show account | balances | spot | loans | orders [SYMBOL] | isolated [SYMBOL] | rates ASSET | history borrow|repay [ASSET]"
        guard case .identifier(let what) = current.kind else {
            throw fail("expected what to show, found \(current.kind)", at: current.range, hint: synopsis)
        }
        let whatRange = advance().range
        let target: ShowTarget
        switch what {
        case "account": target = .account
        case "balances": target = .balances
        case "spot": target = .spot
        case "loans": target = .loans
        case "orders": target = .orders(atStatementEnd ? nil : try codeTarget(what: "a symbol", hint: synopsis))
        case "isolated": target = .isolated(atStatementEnd ? nil : try codeTarget(what: "a symbol", hint: synopsis))
        case "rates": target = .rates(try codeTarget(what: "an asset after 'show rates'", hint: "show rates USDT"))
        case "history":
            guard case .identifier(let kindWord) = current.kind, let kind = BorrowOrRepay(rawValue: kindWord) else {
                let found = current.kind
                if case .keyword(let k) = found, let kind = BorrowOrRepay(rawValue: k.rawValue) {
                    advance()
                    target = .history(kind, atStatementEnd ? nil : try codeTarget(what: "an asset", hint: synopsis))
                    break
                }
                throw fail("expected 'borrow' or 'repay' after 'show history', found \(found)", at: current.range, hint: "show history borrow USDT")
            }
            advance()
            target = .history(kind, atStatementEnd ? nil : try codeTarget(what: "an asset", hint: synopsis))
        default:
            let suggestion = Spelling.closest(to: what, in: Vocabulary.showTargets).map { "did you mean '\($0)'? " } ?? ""
            throw fail("cannot show '\(what)'", at: whatRange, hint: suggestion + synopsis)
        }
        return Stmt(kind: .show(target), range: start.union(previous.range))
    }

    // defStatement := 'def' NAME '(' [ NAME { ',' NAME } ] ')' block
    private mutating func defStatement() throws -> Stmt {
        let start = advance().range
        let (name, nameRange) = try bindingName(what: "a function name after 'def'", hint: "def <name>(<params>) { ... }")
        try expect(.punct(.lparen), "expected '(' after 'def \(name)'", hint: "def \(name)(<params>) { ... }")
        var parameters: [(name: String, range: SourceRange)] = []
        if !check(.punct(.rparen)) {
            repeat {
                let (p, r) = try bindingName(what: "a parameter name", hint: "def \(name)(a, b) { ... }")
                parameters.append((p, r))
            } while match(.punct(.comma))
        }
        try expect(.punct(.rparen), "expected ')' after the parameters of '\(name)'", hint: nil)
        let body = try block(after: "the parameters")
        return Stmt(kind: .def(name: name, nameRange: nameRange, parameters: parameters, body: body), range: start.union(previous.range))
    }

    // simStatement := 'sim' ( 'price' target expr | 'shock' target expr | 'advance' expr
    //                        | 'deposit' expr target [ 'to' place ] | 'reset' [ expr ] | 'replay' expr { ',' expr } )
    private mutating func simStatement() throws -> Stmt {
        let start = advance().range
        let synopsis = "sim price SYMBOL <price> | sim shock SYMBOL <pct>% | sim advance <duration> | sim deposit <amount> ASSET [to margin|spot|isolated SYMBOL] | sim reset | sim replay \"FILE.csv\""
        guard case .identifier(let what) = current.kind else {
            throw fail("expected a sim command, found \(current.kind)", at: current.range, hint: synopsis)
        }
        let whatRange = advance().range
        let command: SimCommand
        switch what {
        case "price":
            let symbol = try codeTarget(what: "a symbol after 'sim price'", hint: "sim price BTCUSDT 50000")
            command = .price(symbol: symbol, price: try expression())
        case "shock":
            let symbol = try codeTarget(what: "a symbol after 'sim shock'", hint: "sim shock BTCUSDT -20%")
            command = .shock(symbol: symbol, percent: try expression())
        case "advance":
            command = .advance(try expression())
        case "deposit":
            let amount = try additive()
            let asset = try codeTarget(what: "an asset after the amount", hint: "sim deposit 1000 USDT to margin")
            var place = Place.spot
            if matchWord("to") { place = try self.place() }
            command = .deposit(amount: amount, asset: asset, to: place)
        case "reset":
            command = .reset(atStatementEnd ? nil : try expression())
        case "replay":
            var files = [try expression()]
            while match(.punct(.comma)) { files.append(try expression()) }
            command = .replay(files)
        default:
            let suggestion = Spelling.closest(to: what, in: Vocabulary.simCommands).map { "did you mean '\($0)'? " } ?? ""
            throw fail("unknown sim command '\(what)'", at: whatRange, hint: suggestion + synopsis)
        }
        return Stmt(kind: .sim(command), range: start.union(previous.range))
    }

    // block := '{' { statement terminator } '}'
    mutating func block(after what: String) throws -> [Stmt] {
        guard check(.punct(.lbrace)) else {
            throw fail("expected '{' after \(what), found \(current.kind)", at: current.range,
                       hint: "blocks are written in braces on the same line: { ... }")
        }
        try enter(at: current.range)
        let open = advance().range
        var body: [Stmt] = []
        skipNewlines()
        while !check(.punct(.rbrace)) {
            if isAtEnd {
                throw fail("expected '}' to close the block opened at line \(open.start.line)", at: current.range,
                           hint: nil, unexpectedEnd: true, note: open)
            }
            if let statement = statementOrRecover() { body.append(statement) }
            skipNewlines()
        }
        advance()
        leave()
        return body
    }

    // MARK: - actions

    // actionOrExpression := borrow | repay | transfer | order | cancel | leverage | liquidate | expression
    private mutating func actionOrExpression() throws -> Expr {
        let start = current.range
        let action: Action
        switch current.kind {
        case .keyword(.borrow): action = try borrowAction()
        case .keyword(.repay): action = try repayAction()
        case .keyword(.transfer): action = try transferAction()
        case .keyword(.buy): action = try orderAction(.buy)
        case .keyword(.sell): action = try orderAction(.sell)
        case .keyword(.cancel): action = try cancelAction()
        case .keyword(.leverage): action = try leverageAction()
        case .keyword(.liquidate): action = try liquidateAction()
        default: return try expression()
        }
        return try node(.action(action), start.union(previous.range), at: start)
    }

    // leverage := 'leverage' additive
    private mutating func leverageAction() throws -> Action {
        advance()
        if atStatementEnd {
            throw fail("expected the cross margin's maximum leverage after 'leverage'", at: current.range, hint: "leverage 5   (3 or 5)")
        }
        return .leverage(try additive())
    }

    // liquidate := 'liquidate' [ 'isolated' target ]
    private mutating func liquidateAction() throws -> Action {
        advance()
        let isolated = matchWord("isolated") ? try codeTarget(what: "a symbol after 'isolated'", hint: "liquidate isolated BTCUSDT") : nil
        return .liquidate(isolated: isolated)
    }

    // borrow := 'borrow' amount target [ 'isolated' target ]
    private mutating func borrowAction() throws -> Action {
        advance()
        let synopsis = "borrow <amount> <ASSET> [isolated <SYMBOL>]"
        let amount = try amountExpression(after: "'borrow'", hint: synopsis)
        let asset = try codeTarget(what: "an asset after the amount", hint: synopsis)
        let isolated = matchWord("isolated") ? try codeTarget(what: "a symbol after 'isolated'", hint: synopsis) : nil
        return .borrow(amount: amount, asset: asset, isolated: isolated)
    }

    // repay := 'repay' ( 'all' | amount ) target [ 'isolated' target ]
    private mutating func repayAction() throws -> Action {
        advance()
        let synopsis = "repay (<amount> | <pct>% | all) <ASSET> [isolated <SYMBOL>]"
        let amount = match(.keyword(.all)) ? nil : try amountExpression(after: "'repay'", hint: synopsis)
        let asset = try codeTarget(what: "an asset after the amount", hint: synopsis)
        let isolated = matchWord("isolated") ? try codeTarget(what: "a symbol after 'isolated'", hint: synopsis) : nil
        return .repay(amount: amount, asset: asset, isolated: isolated)
    }

    // transfer := 'transfer' ( 'all' | amount ) target [ 'from' place ] [ 'to' place ]
    private mutating func transferAction() throws -> Action {
        let keyword = advance().range
        let synopsis = "transfer (<amount> | all) <ASSET> [from spot|margin|isolated <SYMBOL>] [to spot|margin|isolated <SYMBOL>]"
        let amount = match(.keyword(.all)) ? nil : try amountExpression(after: "'transfer'", hint: synopsis)
        let asset = try codeTarget(what: "an asset after the amount", hint: synopsis)
        var from: Place? = nil
        var to: Place? = nil
        if matchWord("from") { from = try place() }
        if matchWord("to") { to = try place() }
        if from == nil && matchWord("from") { from = try place() }
        guard from != nil || to != nil else {
            throw fail("expected 'to' or 'from' after the asset, found \(current.kind)", at: current.range,
                       hint: "transfer 100 USDT to margin  |  transfer 100 USDT from isolated BTCUSDT")
        }
        let source = from ?? .spot, destination = to ?? .spot
        if case .spot = source, case .spot = destination {
            throw fail("a transfer needs a margin account on one side", at: keyword.union(previous.range), hint: synopsis)
        }
        return .transfer(amount: amount, asset: asset, from: source, to: destination)
    }

    // place := 'spot' | 'margin' | 'isolated' target
    private mutating func place() throws -> Place {
        if matchWord("spot") { return .spot }
        if matchWord("margin") { return .margin }
        if matchWord("isolated") { return .isolated(try codeTarget(what: "a symbol after 'isolated'", hint: "isolated BTCUSDT")) }
        throw fail("expected 'spot', 'margin' or 'isolated <SYMBOL>', found \(current.kind)", at: current.range, hint: nil)
    }

    // order := ('buy'|'sell') amount target [ 'of' target ] { orderOption | 'or' exit | 'then' exit [ 'or' exit ] }
    private mutating func orderAction(_ side: TradeSide) throws -> Action {
        advance()
        let synopsis = "\(side.rawValue) <qty> <SYMBOL> [market | limit <price> [gtc|ioc|fok] | maker <price> | stop <price> [limit <price>] | take-profit <price> [limit <price>]] [isolated] [autoborrow|autorepay|auto] [id \"...\"] [or <exit> | then <exit> [or <exit>]]"
        let amount = try amountExpression(after: "'\(side.rawValue)'", hint: synopsis)
        var symbol = try codeTarget(what: "a symbol after the quantity", hint: synopsis)
        var quoteAsset: Expr? = nil
        if matchWord("of") {
            quoteAsset = symbol
            symbol = try codeTarget(what: "a symbol after 'of'", hint: "\(side.rawValue) 100 USDT of BTCUSDT")
        }
        var spec = OrderSpec(side: side, amount: amount, quoteAsset: quoteAsset, symbol: symbol, type: .market,
                             timeInForce: nil, isolated: false, sideEffect: nil, clientOrderID: nil)
        var typeSeen = false
        while true {
            if case .identifier(let word) = current.kind, word != "then" {
                try orderOption(word, into: &spec, typeSeen: &typeSeen, synopsis: synopsis)
            } else if check(.keyword(.or)) || check(.identifier("then")) {
                try orderListTail(into: &spec)
            } else {
                break
            }
        }
        if quoteAsset != nil, case .market = spec.type {} else if quoteAsset != nil {
            throw fail("the '<amount> <QUOTE> of <SYMBOL>' form is for market orders only", at: amount.range,
                       hint: "give a base quantity for limit and stop orders: \(side.rawValue) 0.01 BTCUSDT limit 60000")
        }
        return .order(spec)
    }

    /// One option of a `buy` / `sell` (its type, time in force, account, side effect or client id).
    private mutating func orderOption(_ word: String, into spec: inout OrderSpec, typeSeen: inout Bool, synopsis: String) throws {
        let wordRange = current.range
        func setType(_ t: OrderTypeSpec) throws {
            if typeSeen { throw fail("the order type is given twice", at: wordRange, hint: "an order has one type") }
            typeSeen = true
            spec.type = t
        }
        switch word {
        case "market":
            advance()
            try setType(.market)
        case "limit":
            advance()
            try setType(.limit(try additive()))
        case "maker":
            advance()
            try setType(.maker(try additive()))
        case "stop", "take-profit":
            advance()
            let stopPrice = try additive()
            let limit = matchWord("limit") ? try additive() : nil
            try setType(word == "stop" ? .stop(stopPrice, limit: limit) : .takeProfit(stopPrice, limit: limit))
        case "gtc", "ioc", "fok":
            advance()
            spec.timeInForce = TimeInForceWord(rawValue: word)
        case "isolated":
            advance()
            spec.isolated = true
        case "autoborrow", "autorepay", "auto":
            advance()
            spec.sideEffect = SideEffectWord(rawValue: word)
        case "id":
            advance()
            spec.clientOrderID = try primary()
        default:
            let suggestion = Spelling.closest(to: word, in: Vocabulary.orderOptions).map { "did you mean '\($0)'? " } ?? ""
            throw fail("unknown order option '\(word)'", at: wordRange, hint: suggestion + synopsis)
        }
    }

    /// `or <exit>` (the order's one-cancels-the-other partner) or `then <exit> [or <exit>]` (the exits placed
    /// once it fills); each may be written once, and not both.
    private mutating func orderListTail(into spec: inout OrderSpec) throws {
        let wordRange = current.range
        let isThen = check(.identifier("then"))
        advance()
        if spec.otherwise != nil || !spec.exits.isEmpty {
            throw fail("an order is one of a pair ('or') or has exits ('then'), once", at: wordRange,
                       hint: "sell 0.01 BTCUSDT limit 70000 or stop 55000  |  buy 0.01 BTCUSDT limit 60000 then limit 70000 or stop 55000")
        }
        if isThen {
            spec.exits = [try exitLeg(after: "'then'")]
            if match(.keyword(.or)) { spec.exits.append(try exitLeg(after: "'or'")) }
        } else {
            spec.otherwise = try exitLeg(after: "'or'")
        }
    }

    // exit := 'limit' additive | 'stop' additive [ 'limit' additive ]
    private mutating func exitLeg(after what: String) throws -> ExitLeg {
        let start = current.range
        let hint = "limit <price>  |  stop <trigger> [limit <price>]"
        if matchWord("limit") { return ExitLeg(kind: .limit(try additive()), range: start.union(previous.range)) }
        if matchWord("stop") {
            let trigger = try additive()
            let limit = matchWord("limit") ? try additive() : nil
            return ExitLeg(kind: .stop(trigger, limit: limit), range: start.union(previous.range))
        }
        throw fail("expected 'limit <price>' or 'stop <trigger>' after \(what), found \(current.kind)", at: current.range, hint: hint)
    }

    // cancel := 'cancel' 'all' [target] ['isolated'] | 'cancel' expression [ target ['isolated'] ]
    private mutating func cancelAction() throws -> Action {
        advance()
        if match(.keyword(.all)) {
            var symbol: Expr? = nil
            if startsTarget { symbol = try codeTarget(what: "a symbol", hint: "cancel all BTCUSDT") }
            let isolated = matchWord("isolated")
            return .cancelAll(symbol: symbol, isolated: isolated)
        }
        if atStatementEnd {
            throw fail("expected what to cancel after 'cancel'", at: current.range,
                       hint: "cancel <order>  |  cancel <orderId> <SYMBOL> [isolated]  |  cancel all [<SYMBOL>]")
        }
        let target = try additive()
        if startsTarget {
            let symbol = try codeTarget(what: "a symbol", hint: "cancel <orderId> <SYMBOL>")
            return .cancelByID(id: target, symbol: symbol, isolated: matchWord("isolated"))
        }
        return .cancelOrder(target)
    }

    private var startsTarget: Bool {
        switch current.kind {
        case .code: return true
        case .identifier(let w): return !Vocabulary.contextualWords.contains(w)
        case .punct(.lparen): return true
        default: return false
        }
    }

    /// amount := additive (a percentage literal is allowed where the statement gives it meaning).
    private mutating func amountExpression(after what: String, hint: String) throws -> Expr {
        if atStatementEnd || startsCodeWithoutAmount {
            throw fail("expected an amount after \(what), found \(current.kind)", at: current.range, hint: hint)
        }
        return try additive()
    }

    private var startsCodeWithoutAmount: Bool {
        if case .code = current.kind { return true }
        if case .identifier(let w) = current.kind, Vocabulary.contextualWords.contains(w) { return true }
        return false
    }

    /// target := CODE | NAME | '(' expression ')' — where an asset or symbol goes.
    private mutating func codeTarget(what: String, hint: String) throws -> Expr {
        switch current.kind {
        case .code(let code):
            return Expr(kind: .code(code), range: advance().range)
        case .identifier(let name) where !Vocabulary.contextualWords.contains(name):
            if case .punct(.lparen) = peekKind(1) { return try postfix() }
            return Expr(kind: .name(name), range: advance().range)
        case .punct(.lparen):
            return try primary()
        default:
            throw fail("expected \(what), found \(current.kind)", at: current.range, hint: hint)
        }
    }

    // MARK: - expressions
    // expression := or
    // or := and { 'or' and } ; and := not { 'and' not } ; not := 'not' not | comparison
    // comparison := additive [ ('=='|'!='|'<'|'<='|'>'|'>=') additive ]
    // additive := multiplicative { ('+'|'-') multiplicative }
    // multiplicative := unary { ('*'|'/') unary } ; unary := '-' unary | postfix
    // postfix := primary { '(' args ')' | '.' NAME | '[' expression ']' }

    mutating func expression() throws -> Expr { try orExpression() }

    private mutating func orExpression() throws -> Expr {
        var left = try andExpression()
        while case .keyword(.or) = current.kind {
            let op = advance().range
            let right = try andExpression()
            left = try node(.binary(.or, left, right), left.range.union(right.range), at: op)
        }
        return left
    }

    private mutating func andExpression() throws -> Expr {
        var left = try notExpression()
        while case .keyword(.and) = current.kind {
            let op = advance().range
            let right = try notExpression()
            left = try node(.binary(.and, left, right), left.range.union(right.range), at: op)
        }
        return left
    }

    private mutating func notExpression() throws -> Expr {
        if case .keyword(.not) = current.kind {
            try enter(at: current.range)
            let start = advance().range
            let operand = try notExpression()
            leave()
            return try node(.unary(.not, operand), start.union(operand.range), at: start)
        }
        return try comparison()
    }

    private mutating func comparison() throws -> Expr {
        let left = try additive()
        let op: BinaryOperator
        switch current.kind {
        case .punct(.equal): op = .equal
        case .punct(.notEqual): op = .notEqual
        case .punct(.less): op = .less
        case .punct(.lessEqual): op = .lessEqual
        case .punct(.greater): op = .greater
        case .punct(.greaterEqual): op = .greaterEqual
        case .punct(.assign):
            throw fail("'=' assigns; to compare use '=='", at: current.range, hint: "if x == 1 { ... }")
        default: return left
        }
        let opRange = advance().range
        let right = try additive()
        switch current.kind {
        case .punct(.equal), .punct(.notEqual), .punct(.less), .punct(.lessEqual), .punct(.greater), .punct(.greaterEqual):
            throw fail("comparisons do not chain", at: current.range, hint: "write a < b and b < c")
        default: break
        }
        return try node(.binary(op, left, right), left.range.union(right.range), at: opRange)
    }

    private mutating func additive() throws -> Expr {
        var left = try multiplicative()
        while true {
            let op: BinaryOperator
            let opRange = current.range
            if match(.punct(.plus)) { op = .add } else if match(.punct(.minus)) { op = .subtract } else { return left }
            let right = try multiplicative()
            left = try node(.binary(op, left, right), left.range.union(right.range), at: opRange)
        }
    }

    private mutating func multiplicative() throws -> Expr {
        var left = try unary()
        while true {
            let op: BinaryOperator
            let opRange = current.range
            if match(.punct(.star)) { op = .multiply } else if match(.punct(.slash)) { op = .divide } else { return left }
            let right = try unary()
            left = try node(.binary(op, left, right), left.range.union(right.range), at: opRange)
        }
    }

    private mutating func unary() throws -> Expr {
        if case .punct(.minus) = current.kind {
            try enter(at: current.range)
            let start = advance().range
            let operand = try unary()
            leave()
            return try node(.unary(.negate, operand), start.union(operand.range), at: start)
        }
        return try postfix()
    }

    private mutating func postfix() throws -> Expr {
        var expr = try primary()
        while true {
            switch current.kind {
            case .punct(.lparen):
                guard case .name(let name) = expr.kind else {
                    throw fail("only named functions can be called", at: current.range, hint: nil)
                }
                try enter(at: current.range)
                let open = advance().range
                var arguments: [Expr] = []
                if !check(.punct(.rparen)) {
                    repeat { arguments.append(try expression()) } while match(.punct(.comma))
                }
                try expectClosing(.rparen, opened: open)
                leave()
                expr = try node(.call(name, expr.range, arguments), expr.range.union(previous.range), at: open)
            case .punct(.dot):
                let dot = advance().range
                guard case .identifier(let member) = current.kind else {
                    throw fail("expected a field name after '.', found \(current.kind)", at: current.range, hint: "o.status, o.id, t.amount")
                }
                expr = try node(.member(expr, member), expr.range.union(advance().range), at: dot)
            case .punct(.lbracket):
                try enter(at: current.range)
                let open = advance().range
                let index = try expression()
                try expectClosing(.rbracket, opened: open)
                leave()
                expr = try node(.index(expr, index), expr.range.union(previous.range), at: open)
            default:
                return expr
            }
        }
    }

    private mutating func primary() throws -> Expr {
        let token = current
        switch token.kind {
        case .number(let n): advance(); return Expr(kind: .number(n), range: token.range)
        case .percent(let n): advance(); return Expr(kind: .percent(n), range: token.range)
        case .duration(let ms): advance(); return Expr(kind: .duration(ms), range: token.range)
        case .keyword(.true): advance(); return Expr(kind: .bool(true), range: token.range)
        case .keyword(.false): advance(); return Expr(kind: .bool(false), range: token.range)
        case .keyword(.none): advance(); return Expr(kind: .none, range: token.range)
        case .code(let c): advance(); return Expr(kind: .code(c), range: token.range)
        case .identifier(let name):
            advance()
            return Expr(kind: .name(name), range: token.range)
        case .string(let parts):
            advance()
            return try node(.string(interpolated(parts)), token.range, at: token.range)
        case .punct(.lparen):
            try enter(at: token.range)
            let open = advance().range
            let inner = try expression()
            try expectClosing(.rparen, opened: open)
            leave()
            return Expr(kind: inner.kind, range: open.union(previous.range))
        case .punct(.lbracket): return try list(at: token.range)
        case .keyword(let k) where Vocabulary.actionKeywords.contains(k):
            throw fail("'\(k.rawValue)' changes the account and can only start a statement or follow 'let name ='", at: token.range,
                       hint: "let t = \(k.rawValue) ...")
        case .invalid:
            throw Failure()   // already reported by the tokenizer
        default:
            throw fail("expected an expression, found \(token.kind)", at: token.range, hint: nil, unexpectedEnd: isAtEnd)
        }
    }

    /// The segments of a string literal, each `{expr}` parsed by a parser one level deeper.
    private mutating func interpolated(_ parts: [Token.StringPart]) -> [StringSegment] {
        var segments: [StringSegment] = []
        for part in parts {
            switch part {
            case .text(let t): segments.append(.text(t))
            case .interpolation(let inner):
                var sub = Parser(tokens: inner)
                sub.depth = depth + 1
                if inner.count > 1 {
                    do {
                        let e = try sub.expression()
                        if !sub.isAtEnd {
                            sub.report("expected '}' to end the interpolation, found \(sub.current.kind)", at: sub.current.range, hint: nil)
                        }
                        segments.append(.expr(e))
                    } catch {}
                }
                diagnostics += sub.diagnostics
            }
        }
        return segments
    }

    // list := '[' [ expression { ',' expression } [','] ] ']'
    private mutating func list(at range: SourceRange) throws -> Expr {
        try enter(at: range)
        let open = advance().range
        var items: [Expr] = []
        if !check(.punct(.rbracket)) {
            repeat {
                if check(.punct(.rbracket)) { break }   // trailing comma
                items.append(try expression())
            } while match(.punct(.comma))
        }
        try expectClosing(.rbracket, opened: open)
        leave()
        return try node(.list(items), open.union(previous.range), at: open)
    }

    // MARK: - token helpers

    var current: Token { tokens[position] }
    var previous: Token { tokens[max(0, position - 1)] }
    var isAtEnd: Bool { if case .eof = current.kind { return true } else { return false } }
    var atStatementEnd: Bool {
        switch current.kind {
        case .newline, .eof, .punct(.rbrace): return true
        default: return false
        }
    }

    func peekKind(_ ahead: Int) -> Token.Kind {
        tokens[min(position + ahead, tokens.count - 1)].kind
    }

    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    func check(_ kind: Token.Kind) -> Bool { current.kind == kind }

    mutating func match(_ kind: Token.Kind) -> Bool {
        guard check(kind) else { return false }
        advance()
        return true
    }

    private mutating func matchWord(_ word: String) -> Bool { match(.identifier(word)) }

    mutating func skipNewlines() {
        while case .newline = current.kind { advance() }
    }

    mutating func expect(_ kind: Token.Kind, _ message: String, hint: String?) throws {
        guard match(kind) else {
            throw fail(message + ", found \(current.kind)", at: current.range, hint: hint, unexpectedEnd: isAtEnd)
        }
    }

    private mutating func expectClosing(_ closer: Punct, opened: SourceRange) throws {
        guard match(.punct(closer)) else {
            throw fail("expected '\(closer.rawValue)' to close the one opened at \(opened.start), found \(current.kind)",
                       at: current.range, hint: nil, unexpectedEnd: isAtEnd)
        }
    }

    // MARK: - nesting

    // Levels are counted from the statement down: every enclosing construct (block, bracket,
    // call, unary operator, interpolation) is one, and so is every node of the expression tree,
    // leaf included. A script may use ``Limits/nesting`` levels.

    /// Steps into a nested construct that starts at `range`; fails when it leaves no level for
    /// what it encloses. (Callers step out with ``leave()`` before building the construct's node;
    /// after a failure ``statementOrRecover()`` restores the depth.)
    private mutating func enter(at range: SourceRange) throws {
        guard depth + 2 <= Limits.nesting else { throw tooDeep(at: range) }
        depth += 1
    }

    /// Steps out of a nested construct.
    private mutating func leave() { depth -= 1 }

    /// Makes a node built at `at` (its operator or opening token), refusing a tree deeper than ``Limits/nesting``.
    private mutating func node(_ kind: Expr.Kind, _ range: SourceRange, at token: SourceRange) throws -> Expr {
        let expr = Expr(kind: kind, range: range)
        guard depth + expr.height <= Limits.nesting else {
            let chain = Self.operatorChain(expr)
            guard chain >= Limits.nesting / 2 else { throw tooDeep(at: token) }
            throw tooDeep(at: token, hint: "a chain of \(chain) operators (a + b + …) counts one level per operator; "
                + "add in parts (let part = a + b + …), in a loop, or with sum([a, b, …])")
        }
        return expr
    }

    /// How many binary operators hang down the left side of `expr` (`a + b + c` groups to the left: 2).
    private static func operatorChain(_ expr: Expr) -> Int {
        var count = 0
        var node = expr
        while case .binary(_, let left, _) = node.kind {
            count += 1
            node = left
        }
        return count
    }

    private mutating func tooDeep(at range: SourceRange,
                                  hint: String = "split the expression or the blocks with intermediate variables (let part = ...) or functions") -> Failure {
        fail("nested too deeply: limit \(Limits.nesting)", at: range, hint: hint, unexpectedEnd: false)
    }

    private mutating func report(_ message: String, at range: SourceRange, hint: String?, unexpectedEnd: Bool = false,
                                 notes: [Diagnostic.Note] = []) {
        diagnostics.append(Diagnostic(phase: .syntax, range: range, message: message, hint: hint, isUnexpectedEnd: unexpectedEnd,
                                      notes: notes))
    }

    mutating func fail(_ message: String, at range: SourceRange, hint: String?, unexpectedEnd: Bool? = nil, note: SourceRange? = nil) -> Failure {
        if case .invalid = current.kind, range == current.range {
            return Failure()   // the tokenizer already explained this token
        }
        report(message, at: range, hint: hint, unexpectedEnd: unexpectedEnd ?? isAtEnd,
               notes: note.map { [Diagnostic.Note("the block opens here", at: $0)] } ?? [])
        return Failure()
    }
}
