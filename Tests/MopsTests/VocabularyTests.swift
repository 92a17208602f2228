import Foundation
import Mops
import Testing

/// The words of the language live in one table (`Vocabulary`); every consumer — parser, checker,
/// evaluator, statement help and docs/language.md — must agree with it. Each check is generated
/// from the table, so a word added in one place and not another fails here.
@Suite("Vocabulary")
struct VocabularyTests {
    @Test("statement help covers exactly the statement keywords, in the same order")
    func helpCoversKeywords() {
        #expect(StatementHelp.all.map(\.name) == Vocabulary.statementKeywords.map(\.rawValue))
        for keyword in Vocabulary.statementKeywords {
            let help = StatementHelp.named(keyword.rawValue)
            #expect(help?.synopsis.hasPrefix(keyword.rawValue) == true, "no help synopsis for \(keyword)")
            // A statement keyword opens a statement: its own example parses.
            if let example = help?.example { #expect(Interpreter.parse(Source(name: "help", text: example)).1.isEmpty, "\(example)") }
        }
    }

    @Test("a statement keyword with one letter dropped is named as a mistyped statement")
    func mistypedKeywords() {
        for keyword in Vocabulary.statementKeywords.map(\.rawValue) where keyword.count >= 4 {
            var typo = keyword
            typo.remove(at: typo.index(typo.startIndex, offsetBy: keyword.count / 2))
            guard !Vocabulary.contextualWords.contains(typo), Keyword(rawValue: typo) == nil else { continue }
            let diagnostics = Interpreter.parse(Source(name: "t", text: "\(typo) 10 USDT")).1
            #expect(diagnostics.map(\.message) == ["unknown statement '\(typo)' — did you mean '\(keyword)'?"])
        }
    }

    /// Operands for the words that need one, so each generated statement is complete.
    static let operands = ["rates": " USDT", "history": " borrow", "price": " BTCUSDT 1", "shock": " BTCUSDT -1%",
                           "advance": " 1m", "deposit": " 1 USDT", "limit": " 1", "maker": " 1", "stop": " 1",
                           "take-profit": " 1", "id": " \"a\"", "replay": " \"BTCUSDT-1m-2024-03.csv\"", "then": " limit 1"]

    @Test("every show target, sim command and order option parses; none can name a variable")
    func statementWordsParse() {
        let statements = Vocabulary.showTargets.map { "show \($0)" } + Vocabulary.simCommands.map { "sim \($0)" }
            + Vocabulary.orderOptions.map { "buy 0.01 BTCUSDT \($0)" }
        for statement in statements {
            let word = String(statement.split(separator: " ").last!)
            let text = statement + (VocabularyTests.operands[word] ?? "")
            #expect(Interpreter.parse(Source(name: "t", text: text)).1.isEmpty, "\(text) does not parse")
        }
        for word in Vocabulary.contextualWords {
            #expect(!Interpreter.parse(Source(name: "t", text: "let \(word) = 1")).1.isEmpty, "'\(word)' names a variable")
        }
        #expect(Set(Interpreter.statementWords) == Vocabulary.contextualWords)
    }

    @Test("the checker knows every record field", arguments: [("order", "buy 0.001 BTCUSDT limit 50000"), ("transaction", "borrow 1 USDT"), ("orderList", "sell 0.001 BTCUSDT limit 70000 or stop 55000")])
    func checkerKnowsFields(kind: String, action: String) async throws {
        let interpreter = Interpreter(configuration: .init(backend: .simulator("fields")))
        let type = try #require(ValueType(rawValue: kind))
        #expect(!Vocabulary.fieldNames(of: type).isEmpty)
        for field in Vocabulary.fieldNames(of: type) {
            let diagnostics = await interpreter.check(Source(name: "f", text: "let r = \(action)\nprint r.\(field)"))
            #expect(diagnostics.isEmpty, "\(kind).\(field): \(diagnostics.map(\.message))")
        }
        let unknown = await interpreter.check(Source(name: "f", text: "let r = \(action)\nprint r.nosuchfield"))
        #expect(unknown.map(\.message) == ["\(type.spoken) has no field 'nosuchfield'"])
    }

    @Test("every record the evaluator produces has exactly the table's fields, each of the table's type")
    func evaluatorRecords() async throws {
        let rig = try Rig()
        let outcome = await rig.run("""
        let placed = buy 0.001 BTCUSDT limit 50000
        let listed = openOrders(BTCUSDT)
        let cancelled = cancel placed
        let bought = buy 0.001 BTCUSDT autoborrow
        let loan = borrow 100 USDT
        let repaid = repay 50 USDT
        let moved = transfer 10 USDT from margin to spot
        let cleared = repay all USDT
        """)
        #expect(outcome.status == .ok, "\(outcome.diagnostics.map(\.message))")
        var records: [Record] = []
        for value in outcome.variables.values {
            switch value {
            case .record(let r): records.append(r)
            case .list(let items): for case .record(let r) in items { records.append(r) }
            default: Issue.record("not a record: \(value)")
            }
        }
        #expect(records.count == 8)
        for record in records {
            let type = try #require(ValueType(rawValue: record.kind))
            let table = try #require(Vocabulary.recordFields[type])
            #expect(record.fields.map(\.name) == table.map(\.name), "\(record.kind)")
            for ((name, value), (_, declared)) in zip(record.fields, table) {
                #expect(declared == .any || value.type == declared, "\(record.kind).\(name) is \(value.type), the table says \(declared)")
            }
        }
    }

    @Test("docs/language.md names every word of the table")
    func documented() throws {
        let reference = ReferenceTests.reference
        // Every word inside a `code span` or a ```mops block.
        var spans: [Substring] = reference.split(separator: "`", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map(\.element)
        spans += ReferenceTests.codeBlocks.map { Substring($0) }
        let documented = Set(spans.flatMap { $0.split { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") } }.map(String.init))
        let words = Vocabulary.statementKeywords.map(\.rawValue) + Vocabulary.expressionKeywords.map(\.rawValue)
            + Vocabulary.showTargets + Vocabulary.simCommands + Vocabulary.places + Array(Vocabulary.contextualWords)
        for word in words { #expect(documented.contains(word), "docs/language.md does not mention `\(word)`") }
        // The field lists are the table's, in its order.
        for (heading, type) in [("**Order fields:** `", ValueType.order), ("**Transaction fields:** `", .transaction)] {
            let start = try #require(reference.range(of: heading), "no \(heading) line")
            let list = reference[start.upperBound...].prefix { $0 != "`" }
            #expect(list.split(whereSeparator: \.isWhitespace).map(String.init) == Vocabulary.fieldNames(of: type))
        }
    }
}
