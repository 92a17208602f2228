import Mops
import Synchronization
@testable import MopsREPL

/// A line editor that types canned lines, as a person at a terminal would.
@MainActor
final class ScriptedLineEditor: LineEditor {
    var inputs: [LineRead]
    private(set) var prompts: [String] = []
    private(set) var remembered: [String] = []
    var completer: Completer?
    let isInteractive: Bool
    private(set) var closed = false

    init(_ inputs: [LineRead], interactive: Bool = true) {
        self.inputs = inputs
        self.isInteractive = interactive
    }

    convenience init(lines: [String], interactive: Bool = true) {
        self.init(lines.map { .line($0) }, interactive: interactive)
    }

    func readLine(prompt: String) -> LineRead {
        prompts.append(prompt)
        return inputs.isEmpty ? .endOfInput : inputs.removeFirst()
    }

    func remember(_ entry: String) {
        if HistoryFilter().allows(entry) { remembered.append(entry) }
    }

    var history: [String] { remembered }
    func close() { closed = true }
}

/// Collects what the REPL writes.
final class Capture: Sendable {
    private let buffer = Mutex("")
    var text: String { buffer.withLock { $0 } }
    var sink: TextSink { TextSink { text in self.buffer.withLock { $0 += text } } }
}

/// An engine that records what it was asked and answers like a tiny interpreter:
/// `print X` prints X, `let n = v` defines n, `fail` fails, `exit N` exits, `slow` waits until
/// cancelled, `live` asks for confirmation.
actor FakeEngine: REPLEngine {
    nonisolated let backend: BackendLabel
    let output: TextSink
    private(set) var executed: [String] = []
    private(set) var scripts: [(source: String, origin: String)] = []
    private(set) var planMode = false
    private(set) var resets = 0
    private(set) var confirmations: [Bool] = []
    private var vars: [VariableSummary] = []

    init(backend: BackendLabel = .simulator, output: TextSink) {
        self.backend = backend
        self.output = output
    }

    func languageWords() async -> LanguageWords { .standard }
    func helpTopics() async -> [String] { ["borrow", "repay"] }
    func help(topic: String) async -> String? {
        topic == "borrow" ? "borrow <amount> <ASSET> [isolated <SYMBOL>]\n  example: borrow 100 USDT" : nil
    }

    func needsMoreInput(_ source: String) async -> Bool { source.hasSuffix(" then") }
    func endsWithOpenIf(_ source: String) async -> Bool {
        source.hasPrefix("if ") && source.hasSuffix("}") && !source.contains("else {")
    }

    func execute(_ source: String, origin: String, confirm: @escaping ConfirmationHook) async -> RunOutcome {
        let typed = Source(name: origin, text: source)
        executed.append(source)
        let words = source.split(separator: " ").map(String.init)
        switch words.first {
        case "print":
            output.write(words.dropFirst().joined(separator: " ") + "\n")
        case "let" where words.count == 4:
            vars.append(VariableSummary(name: words[1], value: words[3]))
        case "fail":
            return RunOutcome(status: .runtimeError, diagnostics: [Diagnostic(phase: .runtime, range: nil, message: "something failed")], source: typed)
        case "exit":
            return RunOutcome(status: .exited(Int32(words.last ?? "0") ?? 0), diagnostics: [], source: typed)
        case "slow":
            while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(5)) }
            return RunOutcome(status: .cancelled, diagnostics: [], source: typed, performed: ["POST /sapi/v1/margin/loan asset=USDT amount=1"])
        case "live":
            let yes = await confirm("POST /sapi/v1/margin/order symbol=BTCUSDT side=BUY quantity=0.01")
            confirmations.append(yes)
            if yes { output.write("sent\n") }
        default:
            break
        }
        return RunOutcome(status: .ok, diagnostics: [], source: typed)
    }

    func runScript(_ source: String, origin: String) async -> Int32 {
        scripts.append((source, origin))
        return source.contains("fail") ? 70 : 0
    }

    func variables() async -> [VariableSummary] { vars }
    func accountStatus() async -> AccountStatus {
        AccountStatus(marginLevel: "3.456", summary: "cross margin: debt 100 USDT, margin level 3.456")
    }
    func marketCodes() async -> MarketCodes { MarketCodes(assets: ["BTC", "USDT"], symbols: ["BTCUSDT"]) }
    func isPlanning() async -> Bool { planMode }
    func setPlanMode(_ on: Bool) async -> Result<String, REPLEngineError> {
        planMode = on
        return .success(on ? "plan mode on: nothing will be sent" : "plan mode off")
    }
    func reset() async -> Result<String, REPLEngineError> {
        guard backend == .simulator else { return .failure(REPLEngineError(":reset works on the simulator only")) }
        resets += 1
        vars = []
        return .success("simulator reset")
    }
}
