import BinanceMargin
import Foundation
import MarginSim
import Mops
import Testing

/// Writes random, check-clean mops programs from the grammar in docs/language.md, knowing the
/// nesting level of everything it writes (levels as the parser counts them: each enclosing block,
/// bracket, call, operator and the leaf itself).
struct ProgramGenerator {
    var random: SplitMix64
    private var scopes: [[String]] = [[]]
    private var counter = 0
    private var functions: [String] = []
    /// Whether expressions must reach exactly the levels asked for (no form that may fall short).
    private var exact = false

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    private mutating func fresh(_ prefix: String) -> String {
        counter += 1
        return "\(prefix)\(counter)"
    }

    private var variables: [String] { scopes.flatMap { $0 } }

    /// Starts a new program: no variables or functions yet (the random sequence goes on).
    mutating func newProgram() {
        scopes = [[]]
        functions = []
    }

    // MARK: expressions, with the levels the parser counts
    //
    // An expression placed at block depth d reaches level d + reach: `height` counts the tree's
    // nodes (a leaf is 1), and `reach` also counts the constructs the parser steps into
    // (parentheses, brackets, call arguments, unary operands, interpolations) — see Parser.enter/node.

    struct E {
        var text: String
        var height: Int
        var reach: Int

        static func leaf(_ text: String) -> E { E(text: text, height: 1, reach: 1) }
        /// `(x)`: no node of its own, one level for what it encloses.
        static func paren(_ x: E) -> E { E(text: "(\(x.text))", height: x.height, reach: x.reach + 1) }
        /// `f(a, b)`, `[a, b]`, `-x`, `not x`: a node whose children are parsed one level in.
        static func enclosing(_ text: String, _ children: [E]) -> E {
            let height = children.map(\.height).max()! + 1
            return E(text: text, height: height, reach: max(height, children.map(\.reach).max()! + 1))
        }
        /// `a op b`, `xs[i]` (with `inner` the parts parsed one level in): a node on the same level as its left side.
        static func node(_ text: String, _ children: [E], inner: [E] = []) -> E {
            let height = (children + inner).map(\.height).max()! + 1
            return E(text: text, height: height, reach: max(height, children.map(\.reach).max()!, (inner.map(\.reach).max() ?? 0) + 1))
        }
    }

    mutating func leaf() -> E {
        switch random.next(upTo: 6) {
        case 0 where !variables.isEmpty: return .leaf(random.pick(variables))
        case 1: return .leaf("\(random.next(upTo: 100)).\(random.next(upTo: 10))")
        default: return .leaf("\(random.next(upTo: 100))")
        }
    }

    /// A number expression reaching about `levels` levels (exactly, when ``exactNumber(_:)`` asks).
    mutating func number(_ levels: Int) -> E {
        guard levels > 1 else { return leaf() }
        if levels == 2 && random.next(upTo: 3) == 0 {   // an account read: the async evaluation path
            return .enclosing("price(BTCUSDT)", [.leaf("BTCUSDT")])
        }
        switch random.next(upTo: levels >= 3 ? 8 : 4) {
        case 0: return .paren(number(levels - 1))
        case 1:
            let x = number(levels - 1)
            return .enclosing("abs(\(x.text))", [x])
        case 2:
            let a = number(levels - 1), b = number(Int(random.next(upTo: UInt64(min(levels - 1, 3)))) + 1)
            return random.next(upTo: 2) == 0 ? .enclosing("min(\(a.text), \(b.text))", [a, b]) : .enclosing("max(\(b.text), \(a.text))", [b, a])
        case 3:
            let x = number(levels - 1)
            return .enclosing((functions.isEmpty ? "abs" : random.pick(functions)) + "(\(x.text))", [x])
        case 4:
            let x = E.paren(number(levels - 2))
            return .enclosing("-\(x.text)", [x])
        case 5 where !exact:
            let item = number(levels - 2), other = leaf(), index = E.leaf(random.pick(["0", "-2"]))
            let list = E.enclosing("[\(item.text), \(other.text)]", [item, other])
            return .node("\(list.text)[\(index.text)]", [list], inner: [index])
        case 5, 6:
            let x = E.paren(number(levels - 1)), y = leaf(), op = random.pick(["+", "-", "*", "/"])
            return random.next(upTo: 2) == 0 ? .node("\(x.text) \(op) \(y.text)", [x, y]) : .node("\(y.text) \(op) \(x.text)", [y, x])
        default:
            // A left-leaning chain of one precedence after a first term.
            let first = random.next(upTo: 2) == 0 ? leaf() : E.paren(number(levels - 1))
            var m = Int(random.next(upTo: UInt64(max(1, levels - first.height)))) + 1
            if exact && first.reach == 1 { m = levels - 1 }
            let ops = random.next(upTo: 2) == 0 ? ["+", "-"] : ["*", "/"]
            var chain = first
            for _ in 0..<m {
                let term = leaf()
                chain = .node("\(chain.text) \(random.pick(ops)) \(term.text)", [chain, term])
            }
            return chain
        }
    }

    /// A condition reaching about `levels` levels.
    mutating func condition(_ levels: Int) -> E {
        guard levels > 1 else { return .leaf(random.pick(["true", "false"])) }
        guard levels > 2 else { return .node("1 < 2", [.leaf("1"), .leaf("2")]) }
        switch random.next(upTo: levels >= 4 ? 3 : 1) + (levels >= 4 ? 0 : 2) {
        case 0:
            let x = E.paren(condition(levels - 2))
            return .enclosing("not \(x.text)", [x])
        case 1:
            let a = E.paren(condition(levels - 1)), b = leaf(), c = leaf()
            let comparison = E.node("\(b.text) >= \(c.text)", [b, c])
            return .node(a.text + random.pick([" and ", " or "]) + comparison.text, [a, comparison])
        default:
            let a = E.paren(number(levels - 1)), b = leaf()
            return .node("\(a.text)\(random.pick([" < ", " >= ", " == ", " != "]))\(b.text)", [a, b])
        }
    }

    /// `make` until it reaches exactly `levels` (a few tries), else nested calls that do.
    mutating func exactly(_ levels: Int, _ make: (inout ProgramGenerator) -> E) -> E {
        exact = true
        defer { exact = false }
        for _ in 0..<20 {
            let e = make(&self)
            if e.reach == levels { return e }
        }
        var e = E.leaf("1")
        for _ in 1..<levels { e = .enclosing("abs(\(e.text))", [e]) }
        return e
    }

    // MARK: statements

    /// Statements at block depth `depth`, none deeper than `limit` levels in all.
    mutating func statements(count: Int, depth: Int, limit: Int) -> [String] {
        (0..<count).map { _ in statement(depth: depth, limit: limit) }
    }

    private mutating func block(depth: Int, limit: Int, first: [String] = []) -> String {
        scopes.append([])
        defer { scopes.removeLast() }
        guard depth + 3 <= limit else { return "{\n" + first.joined(separator: "\n") + "\n}" }
        let body = first + statements(count: Int(random.next(upTo: 3)), depth: depth + 1, limit: limit)
        return "{\n" + body.joined(separator: "\n") + "\n}"
    }

    private mutating func size(_ depth: Int, _ limit: Int) -> Int {
        max(2, min(limit - depth, Int(random.next(upTo: 12)) + 2))
    }

    mutating func statement(depth: Int, limit: Int) -> String {
        let levels = size(depth, limit)
        switch random.next(upTo: depth + 3 > limit ? 4 : 10) {
        case 0, 1:
            let name = fresh("v")
            let value = number(levels).text
            scopes[scopes.count - 1].append(name)
            return "let \(name) = \(value)"
        case 2 where !variables.isEmpty: return "\(random.pick(variables)) = \(number(levels).text)"
        case 2, 3: return random.next(upTo: 2) == 0 ? "print \(number(levels).text)" : "print \"value {\(number(levels - 1).text)}\""
        case 4: return "if \(condition(levels).text) " + block(depth: depth, limit: limit)
            + (random.next(upTo: 2) == 0 ? " else if \(condition(levels).text) " + block(depth: depth, limit: limit) : "")
            + (random.next(upTo: 2) == 0 ? " else " + block(depth: depth, limit: limit) : "")
        case 5:
            let counter = fresh("i")
            scopes[scopes.count - 1].append(counter)
            let body = block(depth: depth, limit: limit, first: ["\(counter) = \(counter) + 1"])
            return "let \(counter) = 0\nwhile \(counter) < \(random.next(upTo: 4)) " + body
        case 6:
            let item = fresh("x")
            let header = "for \(item) in [\(number(levels - 1).text), \(leaf().text)] "
            scopes.append([item])
            defer { scopes.removeLast() }
            return header + block(depth: depth, limit: limit)
        case 7: return "assert \(condition(levels).text), \"generated {\(leaf().text)}\""
        case 8: return "while \(condition(levels).text) { }"   // may never end: the step limit stops it
        default: return "print \(number(levels).text)"
        }
    }

    /// A top-level function, callable afterwards.
    mutating func function(limit: Int) -> String {
        let name = fresh("f")
        scopes.append(["a"])
        defer { scopes.removeLast() }
        let body = "if a > 3 { return \(name)(a - 1) + \(number(size(2, limit)).text) }\nreturn \(number(size(1, limit)).text)"
        functions.append(name)
        return "def \(name)(a) {\n\(body)\n}"
    }

    /// One top-level statement with exactly `total` levels in all, through nested
    /// blocks or through one expression.
    mutating func deepStatement(total: Int) -> String {
        if random.next(upTo: 3) == 0 {
            let blocks = total - 1
            return String(repeating: "if true {\n", count: blocks) + "print 1\n" + String(repeating: "}\n", count: blocks)
        }
        if random.next(upTo: 2) == 0 { return "print " + exactly(total) { $0.number(total) }.text }
        return "if " + exactly(total) { $0.condition(total) }.text + " { }"
    }
}

/// Generated programs: whatever they are, check, compile and run end in a typed outcome; a
/// program deeper than the limit gets exactly the nesting diagnostic.
@Suite("Generated programs")
struct GeneratedProgramTests {
    static let limit = Limits.nesting

    @Test("seeded random programs around the nesting limit end in a typed outcome")
    func aroundTheLimit() async throws {
        var generator = ProgramGenerator(seed: 0x0609_2026)
        var deep = 0, refused = 0
        for round in 0..<120 {
            generator.newProgram()
            var lines = [generator.function(limit: Self.limit - 2)]
            lines += generator.statements(count: Int(generator.random.next(upTo: 8)) + 2, depth: 0, limit: Self.limit - 2)
            let total = Self.limit - 4 + Int(generator.random.next(upTo: 9))   // limit-4 … limit+4
            lines.append(generator.deepStatement(total: total))
            lines += generator.statements(count: 2, depth: 0, limit: Self.limit - 2)
            let text = lines.joined(separator: "\n") + "\n"
            // A fresh simulator for each program, so request weight never reaches the exchange's limit.
            let rig = try Rig { $0.stepLimit = 1_000 }
            let outcome = await rig.run(text, name: "generated-\(round).mops")
            let messages = outcome.diagnostics.map(\.message)
            if total > Self.limit {
                refused += 1
                #expect(outcome.status == .compileError, "round \(round)")
                #expect(messages == ["nested too deeply: limit \(Self.limit)"], "round \(round): \(messages)\n\(text)")
            } else {
                deep += 1
                #expect(outcome.status != .compileError, "round \(round): \(messages)\n\(text)")
                #expect([.ok, .runtimeError, .assertionFailed].contains(outcome.status), "round \(round): \(outcome.status)")
            }
        }
        #expect(deep > 30 && refused > 30)
    }

    @Test("mutated programs (characters dropped, doubled, brackets inserted) never crash any entry point")
    func mutated() async throws {
        var generator = ProgramGenerator(seed: 0xB1A5_ED)
        for round in 0..<150 {
            generator.newProgram()
            var lines = [generator.function(limit: 30)]
            lines += generator.statements(count: 6, depth: 0, limit: 30)
            var text = Array(lines.joined(separator: "\n").unicodeScalars)
            for _ in 0..<Int(generator.random.next(upTo: 4)) + 1 where !text.isEmpty {
                let at = Int(generator.random.next(upTo: UInt64(text.count)))
                switch generator.random.next(upTo: 3) {
                case 0: text.remove(at: at)
                case 1: text.insert(text[at], at: at)
                default: text.insert(generator.random.pick(Array("({[\"}])-+\n".unicodeScalars)), at: at)
                }
            }
            let source = String(String.UnicodeScalarView(text))
            let rig = try Rig { $0.stepLimit = 1_000 }
            _ = Interpreter.status(of: source)
            let diagnostics = await rig.interpreter.check(Source(name: "m.mops", text: source))
            let outcome = await rig.run(source, name: "mutated-\(round).mops")
            #expect(diagnostics.isEmpty == (outcome.status != .compileError), "round \(round)")
            for d in outcome.diagnostics { #expect(!d.message.isEmpty && (d.range.map { $0.start.line >= 1 } ?? true)) }
        }
    }
}
