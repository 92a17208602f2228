import Mops
import Testing
@testable import MopsREPL

@Suite("Completer")
struct CompleterTests {
    let completer = Completer(catalog: CompletionCatalog(
        assets: ["BTC", "BNB", "ETH", "USDT", "USDC"],
        symbols: ["BTCUSDT", "BNBUSDT", "ETHUSDT", "ETHBTC"],
        variables: ["floor1", "target", "orders2"],
        metaCommands: [":help", ":history", ":quit", ":vars", ":load", ":plan", ":backend", ":reset"],
        helpTopics: ["borrow", "buy", "repay"],
        listFiles: { partial in
            ["examples/", "examples/guard.mops", "ex.mops", "notes.txt"].filter { $0.hasPrefix(partial) }
        }
    ))

    /// Completes with the cursor at the end of `line`.
    func complete(_ line: String) -> Completion { completer.complete(line: line, cursor: line.count) }

    @Test("statement keywords where a statement starts")
    func keywordsAtStart() {
        #expect(complete("bor").words == ["borrow", "borrowed"])    // a statement may be an expression
        #expect(complete("bor").insertion == "row")
        #expect(complete("bu").insertion == "y ")
        let b = complete("b")
        #expect(b.words == ["base", "borrow", "borrowed", "break", "buy"])
        #expect(b.needsListing)
        #expect(complete("tr").insertion == "ansfer ")
        #expect(complete("  sh").insertion == "ow ")
    }

    @Test("the standard words are the language's own tables")
    func standardWordsFromTheLanguage() {
        #expect(LanguageWords.standard.statementKeywords == StatementHelp.all.map(\.name))
        #expect(Set(LanguageWords.standard.builtins.keys) == Set(Builtins.standard.map(\.name)))
        #expect(LanguageWords.standard.builtins["price"] == [.symbol])
        #expect(LanguageWords.standard.builtins["free"] == [.asset, .symbol])
    }

    @Test("the standard words are the language's one table of words")
    func standardWordsFromVocabulary() {
        let words = LanguageWords.standard
        #expect(words.statementKeywords == Vocabulary.statementKeywords.map(\.rawValue))
        #expect(words.expressionWords == Vocabulary.expressionKeywords.map(\.rawValue))
        #expect(words.showTargets == Vocabulary.showTargets)
        #expect(words.simCommands == Vocabulary.simCommands)
        #expect(words.places == Vocabulary.places)
        #expect(words.orderTypes + words.timeInForce + ["isolated"] + words.sideEffects + ["id", "then"] == Vocabulary.orderOptions)
        #expect(Set(words.recordFields) == Set(Vocabulary.recordFields.values.flatMap { $0.map(\.name) }))
    }

    @Test("record fields after a name and a dot")
    func recordFields() {
        let fields = Set(Vocabulary.recordFields.values.flatMap { $0.map(\.name) })
        #expect(Set(complete("print o.").words) == fields)
        #expect(complete("print o.execu").insertion == "tedQty")
        #expect(complete("let t = borrow 1 USDT; print t.rem").insertion == "aining")
        #expect(complete("print openOrders(BTCUSDT)[0].sta").insertion == "tus")
        #expect(!complete("print 1 + .").words.contains("status"))
    }

    @Test("keywords after a block opens, else after it closes")
    func keywordsInBlocks() {
        #expect(complete("if marginLevel < 1.5 { rep").insertion == "ay ")
        #expect(complete("if x { print 1 } el").insertion == "se ")
        #expect(complete("let a = 1; rep").insertion == "ay ")
    }

    @Test("else at the start of the line after a multi-line if, only while the REPL waits for it")
    func elseOnTheNextLine() {
        var waiting = completer
        waiting.catalog.elseMayFollow = true
        #expect(waiting.complete(line: "  el", cursor: 4).insertion == "se ")
        #expect(!waiting.complete(line: "print 1; el", cursor: 11).words.contains("else"))
        #expect(!completer.complete(line: "el", cursor: 2).words.contains("else"))
    }

    @Test("assets after an amount")
    func assetsAfterAmount() {
        #expect(complete("borrow 100 US").words == ["USDC", "USDT"])
        #expect(complete("borrow 100 US").insertion == "D")
        #expect(complete("borrow 100 E").insertion == "TH ")
        #expect(complete("repay all U").insertion == "SD")
        #expect(complete("repay 50% ET").insertion == "H ")
        #expect(complete("transfer 5 B").words == ["BNB", "BTC"])
        #expect(complete("borrow target US").insertion == "D")
    }

    @Test("repay offers all; borrow/repay offer isolated after the asset")
    func loanWords() {
        #expect(complete("repay a").words == ["abs", "all", "and"])
        #expect(complete("borrow 100 USDT i").insertion == "solated ")
        #expect(complete("borrow 100 USDT isolated B").words == ["BNBUSDT", "BTCUSDT"])
        #expect(complete("borrow 100 USDT isolated ETHU").insertion == "SDT ")
    }

    @Test("symbols after a buy/sell quantity and after of")
    func symbolsInOrders() {
        #expect(complete("buy 0.01 BT").insertion == "CUSDT ")
        #expect(complete("sell 1 ETH").words == ["ETHBTC", "ETHUSDT"])
        #expect(complete("buy 100 USDT o").insertion == "f ")
        #expect(complete("buy 100 USDT of BN").insertion == "BUSDT ")
    }

    @Test("order types and side effects after the symbol")
    func orderOptions() {
        #expect(complete("buy 0.01 BTCUSDT l").insertion == "imit ")
        #expect(complete("buy 0.01 BTCUSDT ta").insertion == "ke-profit ")
        #expect(complete("buy 0.01 BTCUSDT a").words == ["auto", "autoborrow", "autorepay"])
        #expect(complete("buy 0.01 BTCUSDT limit 60000 g").insertion == "tc ")
        #expect(complete("buy 0.01 BTCUSDT limit 60000 i").words == ["id", "ioc", "isolated"])
        #expect(complete("buy 0.01 BTCUSDT limit 60000 isolated i").words == ["id"])
        #expect(complete("sell 0.01 BTCUSDT stop 50000 l").insertion == "imit ")
        let after = complete("buy 0.01 BTCUSDT market isolated autoborrow ").words
        #expect(after == ["id"])
    }

    @Test("an order list's words: 'or' and 'then' after a priced order, then the exit's type")
    func orderListWords() {
        #expect(complete("sell 0.01 BTCUSDT limit 70000 o").insertion == "r ")
        #expect(complete("buy 0.01 BTCUSDT limit 60000 t").insertion == "hen ")
        #expect(complete("buy 0.01 BTCUSDT limit 60000 then ").words == ["limit", "stop"])
        #expect(complete("sell 0.01 BTCUSDT limit 70000 or ").words == ["limit", "stop"])
        #expect(!complete("buy 0.01 BTCUSDT market ").words.contains("then"))
        #expect(!complete("buy 0.01 BTCUSDT limit 60000 then limit 70000 ").words.contains("then"))
    }

    @Test("symbols inside price( and other symbol arguments; assets inside free(")
    func builtinArguments() {
        #expect(complete("print price(B").words == ["BNBUSDT", "BTCUSDT"])
        #expect(complete("if price(ETHU").insertion == "SDT")
        #expect(complete("print marginLevel(BTC").insertion == "USDT")
        #expect(complete("print free(US").words == ["USDC", "USDT"])
        #expect(complete("print borrowed(USDT, BT").insertion == "CUSDT")
        #expect(complete("print max(fl").insertion == "oor")   // floor and floor1
    }

    @Test("variables and builtins in expressions, no space after them")
    func expressions() {
        #expect(complete("print tar").insertion == "get")
        #expect(complete("let x = marg").insertion == "inLevel")
        #expect(complete("if marginLevel < 1.5 an").insertion == "d ")
        #expect(complete("print \"level {marg").insertion == "inLevel")
        #expect(complete("ta").insertion == "rget")
        #expect(complete("print \"no completion in text ma").candidates.isEmpty)
    }

    @Test("show targets and their arguments")
    func show() {
        #expect(complete("show l").insertion == "oans ")
        #expect(complete("show orders B").words == ["BNBUSDT", "BTCUSDT"])
        #expect(complete("show isolated E").words == ["ETHBTC", "ETHUSDT"])
        #expect(complete("show rates U").words == ["USDC", "USDT"])
        #expect(complete("show history b").insertion == "orrow ")
        #expect(complete("show history repay E").insertion == "TH ")
    }

    @Test("transfer sides")
    func transferWords() {
        #expect(complete("transfer all USDT t").insertion == "o ")
        #expect(complete("transfer all USDT ").words == ["from", "to"])
        #expect(complete("transfer all USDT to m").insertion == "argin ")
        #expect(complete("transfer all USDT from s").insertion == "pot ")
        #expect(complete("transfer 10 USDT from isolated BT").insertion == "CUSDT ")
        #expect(complete("transfer 10 USDT from isolated BTCUSDT ").words == ["to"])
        #expect(complete("transfer 50% ET").insertion == "H ")
    }

    @Test("sim scenario statements")
    func simWords() {
        #expect(complete("sim s").insertion == "hock ")
        #expect(complete("sim shock BT").insertion == "CUSDT ")
        #expect(complete("sim price ETH").words == ["ETHBTC", "ETHUSDT"])
        #expect(complete("sim deposit 1000 US").words == ["USDC", "USDT"])
        #expect(complete("sim deposit 1000 USDT t").insertion == "o ")
        #expect(complete("sim deposit 1000 USDT to i").insertion == "solated ")
        #expect(complete("sim deposit 1000 USDT to isolated BN").insertion == "BUSDT ")
    }

    @Test("cancel")
    func cancel() {
        #expect(complete("cancel all E").words == ["ETHBTC", "ETHUSDT"])
        #expect(complete("cancel 12345 BTC").insertion == "USDT ")
        #expect(complete("cancel 12345 BTCUSDT i").insertion == "solated ")
    }

    @Test("meta commands, help topics, :plan and file names after :load")
    func meta() {
        #expect(complete(":h").words == [":help", ":history"])
        #expect(complete(":q").insertion == "uit ")
        #expect(complete(":help bo").insertion == "rrow ")
        #expect(complete(":plan o").words == ["off", "on"])
        #expect(complete(":load ex").words == ["ex.mops", "examples/", "examples/guard.mops"])
        #expect(complete(":load exa").insertion == "mples/")
        #expect(complete(":load examples/g").insertion == "uard.mops ")
        #expect(complete(":vars x").candidates.isEmpty)
    }

    @Test("the cursor, not the end of the line, decides")
    func cursorInsideLine() {
        let line = "tr 100 USDT"
        #expect(completer.complete(line: line, cursor: 2).insertion == "ansfer ")
        #expect(completer.complete(line: "borrow 100 US isolated BTCUSDT", cursor: 13).insertion == "D")
    }

    @Test("nothing offered for upper-case words at a statement start or unknown words")
    func nothing() {
        #expect(complete("XYZ").candidates.isEmpty)
        #expect(complete("borrow 100 XY").candidates.isEmpty)
        #expect(complete("zzz").insertion == "")
    }
}
