import BinanceMargin
import Foundation
import Testing
@testable import MopsREPL

@Suite("Line editing pieces")
struct LineEditingTests {
    @Test("history lives in XDG_STATE_HOME, else ~/.local/state")
    func historyLocation() {
        #expect(HistoryFile.standard(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"])?.path == "/s/mops/history")
        #expect(HistoryFile.standard(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"])?.path == "/h/.local/state/mops/history")
        #expect(HistoryFile.standard(environment: ["HOME": "/h"])?.path == "/h/.local/state/mops/history")
        #expect(HistoryFile.standard(environment: [:]) == nil)
        #expect(HistoryFile(path: "/h/.local/state/mops/history").directory == "/h/.local/state/mops")
    }

    @Test("secrets never reach the history", arguments: [
        "let secret = \"abc\"",
        "let k = \"vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A\"",
        " borrow 100 USDT",
        "let apiKey = 1",
        "print \"-----BEGIN PRIVATE KEY-----\"",
        "let t = \"dGhpcyBpcyBhIHZlcnkgbG9uZyBiYXNlNjQgc3RyaW5nIQ==\"",
    ])
    func refused(_ line: String) {
        #expect(!HistoryFilter().allows(line))
    }

    @Test("ordinary statements are kept", arguments: [
        "borrow 100 USDT isolated BTCUSDT",
        "if marginLevel < 1.5 { repay all USDT }",
        ":load examples/keep-margin-level-above-floor.mops",
        "buy 0.01 BTCUSDT limit 60000 gtc autoborrow id \"ladder-1\"",
    ])
    func kept(_ line: String) {
        #expect(HistoryFilter().allows(line))
    }

    @Test("ambiguous candidates are listed in columns")
    func listing() {
        let words = ["auto", "autoborrow", "autorepay", "id", "isolated"]
        #expect(CandidateListing(words).text(width: 80) == "auto        autoborrow  autorepay   id          isolated\n")
        #expect(CandidateListing(words).text(width: 26) == "auto        id\nautoborrow  isolated\nautorepay\n")
        #expect(CandidateListing(words).text(width: 5) == words.map { $0 + "\n" }.joined())
    }

    @Test("prompt shows backend, plan mode and the margin level rounded down")
    func prompts() {
        #expect(PromptText(backend: .simulator, marginLevel: "3.429").main == "mops[SIM] ML 3.42> ")
        #expect(PromptText(backend: .live, marginLevel: "1.1").main == "mops[LIVE] ML 1.10> ")
        #expect(PromptText(backend: .url("http://127.0.0.1:8080")).main == "mops[http://127.0.0.1:8080]> ")
        #expect(PromptText(backend: .simulator, planMode: true).main == "mops[SIM] plan> ")
        #expect(PromptText.continuation == "...> ")
    }

    @Test("a coloured prompt: [LIVE] red, the margin level by risk, escapes between invisible markers")
    func colouredPrompts() {
        func paint(_ text: String, _ sgr: String) -> String { "\u{1}\u{1B}[\(sgr)m\u{1}\(text)\u{1}\u{1B}[0m\u{1}" }
        #expect(PromptText(backend: .live, color: true).main == "mops" + paint("[LIVE]", "1;31") + "> ")
        #expect(PromptText(backend: .simulator, marginLevel: "3.429", color: true).main == "mops[SIM] ML " + paint("3.42", "32") + "> ")
        #expect(PromptText(backend: .simulator, marginLevel: "1.4", color: true).main == "mops[SIM] ML " + paint("1.40", "33") + "> ")
        #expect(PromptText(backend: .simulator, marginLevel: "1.3", color: true).main == "mops[SIM] ML " + paint("1.30", "31") + "> ")
        #expect(PromptText(backend: .simulator, marginLevel: "1.1", color: true).main == "mops[SIM] ML " + paint("1.10", "1;31") + "> ")
        // The account's own bars decide: 1.4 is safe when borrowing stops at 1.25.
        let bars = MarginBars(normal: "1.25", marginCall: "1.16", forceLiquidation: "1.1")
        #expect(PromptText(backend: .simulator, marginLevel: "1.4", bars: bars, color: true).main.contains("[32m"))
        // Without colour (not a terminal, NO_COLOR) there is no escape at all.
        #expect(!PromptText(backend: .live, marginLevel: "1.1").main.contains("\u{1B}"))
    }

    @Test("margin risk follows the bars, each bar belonging to the riskier side", arguments: [
        ("1.51", MarginRisk.normal), ("1.5", .borrowingStopped), ("1.31", .borrowingStopped), ("1.3", .marginCall),
        ("1.11", .marginCall), ("1.1", .liquidation), ("0.9", .liquidation),
    ] as [(Number, MarginRisk)])
    func risk(_ level: Number, _ expected: MarginRisk) {
        #expect(MarginRisk(level: level, bars: .classic) == expected)
    }

    @Test("meta commands resolve by unique prefix")
    func metaLookup() {
        #expect(MetaCommand.lookUp(":q") == .found(MetaCommand.all[1]))
        #expect(MetaCommand.lookUp(":h") == .ambiguous([":help", ":history"]))
        #expect(MetaCommand.lookUp(":nope") == .unknown)
        #expect(Set(MetaCommand.all.map(\.name)) == [":help", ":quit", ":vars", ":history", ":load", ":plan", ":backend", ":reset", ":watch"])
        #expect(MetaCommand.lookUp(":w") == .found(MetaCommand.all[8]))
    }

    @MainActor
    @Test("the plain editor reads lines, never prompts or remembers")
    func plainEditor() {
        var lines = ["a", "b"]
        let editor = PlainLineEditor(lines: { lines.isEmpty ? nil : lines.removeFirst() })
        #expect(!editor.isInteractive)
        editor.remember("a")
        #expect(editor.readLine(prompt: "x> ") == .line("a"))
        #expect(editor.readLine(prompt: "x> ") == .line("b"))
        #expect(editor.readLine(prompt: "x> ") == .endOfInput)
        #expect(editor.history.isEmpty)
    }
}

@Suite("File names for :load")
struct FileNameTests {
    @Test("entries of the typed directory that start with the typed name; directories end with /")
    func matching() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("mops-files-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: base + "/examples", withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: base + "/ex.mops", contents: Data()))
        #expect(FileManager.default.createFile(atPath: base + "/.hidden.mops", contents: Data()))
        #expect(FileManager.default.createFile(atPath: base + "/examples/guard.mops", contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: base) }
        #expect(FileNames.matching(base + "/ex") == [base + "/ex.mops", base + "/examples/"])
        #expect(FileNames.matching(base + "/examples/") == [base + "/examples/guard.mops"])
        #expect(FileNames.matching(base + "/") == [base + "/ex.mops", base + "/examples/"])
        #expect(FileNames.matching(base + "/.h") == [base + "/.hidden.mops"])
        #expect(FileNames.matching(base + "/nothing").isEmpty)
    }
}
