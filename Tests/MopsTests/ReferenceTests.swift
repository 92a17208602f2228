import Foundation
import Mops
import Testing

/// docs/language.md documents every statement and builtin in the tables the tools read.
@Suite("Reference")
struct ReferenceTests {
    static let reference: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/language.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    @Test("every builtin is documented", arguments: Builtins.names)
    func builtinDocumented(_ name: String) {
        #expect(ReferenceTests.reference.contains("`\(name)"), "docs/language.md does not mention `\(name)`")
    }

    @Test("every statement has help and is documented", arguments: StatementHelp.all.map(\.name))
    func statementDocumented(_ name: String) {
        // A `### ` heading naming it, or a line opening with its backticked synopsis (`name …`).
        let documented = ReferenceTests.headingWords.contains(name)
            || ReferenceTests.reference.split(separator: "\n").contains { $0.hasPrefix("`\(name) ") || $0.hasPrefix("`\(name)`") }
        #expect(documented, "docs/language.md has no heading or synopsis line for `\(name)`")
        let help = StatementHelp.named(name)
        #expect(help?.synopsis.hasPrefix(name) == true)
        #expect(help?.summary.isEmpty == false)
    }

    /// The words of docs/language.md's `### ` headings (`### buy / sell` → buy, sell).
    static let headingWords: Set<String> = Set(reference.split(separator: "\n").filter { $0.hasPrefix("### ") }
        .flatMap { $0.split { !$0.isLetter }.map(String.init) })

    /// The ```mops blocks of docs/language.md.
    static let codeBlocks: [String] = {
        var blocks: [String] = [], current: [String]? = nil
        for line in reference.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```mops" { current = [] } else if current != nil, line == "```" {
                blocks.append(current!.joined(separator: "\n"))
                current = nil
            } else { current?.append(String(line)) }
        }
        return blocks
    }()

    @Test("every mops example in docs/language.md parses and checks")
    func documentedExamplesCheck() async {
        #expect(ReferenceTests.codeBlocks.count >= 15)
        let interpreter = Interpreter(configuration: .init(backend: .simulator("docs")))
        for block in ReferenceTests.codeBlocks {
            let diagnostics = await interpreter.check(Source(name: "docs", text: block))
            #expect(diagnostics.isEmpty, "docs/language.md example does not check:\n\(block)\n\(DiagnosticRenderer().render(diagnostics, in: Source(name: "docs", text: block)))")
        }
    }

    @Test("every statement example parses")
    func examplesParse() {
        for help in StatementHelp.all {
            let (_, diagnostics) = Interpreter.parse(Source(name: help.name, text: help.example))
            #expect(diagnostics.isEmpty, "example of \(help.name) does not parse: \(help.example)")
        }
        for builtin in Builtins.standard {
            #expect(!builtin.summary.isEmpty && builtin.example.contains(builtin.name), "builtin \(builtin.name) needs a summary and an example")
        }
    }
}
