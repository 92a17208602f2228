import Foundation
import Mops

/// The interactive session: banner, prompts, multi-line input, meta commands, Ctrl-C and Ctrl-D,
/// live confirmation — around a ``REPLEngine`` (the interpreter) and a ``LineEditor``.
///
/// A statement runs when it is complete; an `if` typed over several lines waits for one more line,
/// so `else` may start the line after its closing `}` (an empty line runs it).
///
/// Runs on the main actor because libedit must read on the main thread. An error never ends the
/// session; Ctrl-D, `:quit` or the language's `exit` do. When the editor is not interactive
/// (stdin is a pipe or file) the whole input runs as one script instead.
@MainActor
public final class REPL {
    private let engine: any REPLEngine
    private let editor: any LineEditor
    private let version: String
    private let output: TextSink
    private let errors: TextSink
    private let interrupts: any InterruptSource
    private let listFiles: @Sendable (String) -> [String]
    private let readFile: @Sendable (String) throws -> String
    private let renderer: DiagnosticRenderer
    /// The account's events shown above the prompt (`:watch`); nil when the backend gives none.
    private let events: EventBoard?

    private var pending = PendingInput()
    private var prompt: PromptText
    private var words = LanguageWords.standard
    private var codes = MarketCodes()
    private var helpTopics: [String] = []
    private var variableNames: [String] = []

    /// Makes a session.
    /// - Parameters:
    ///   - engine: the interpreter and backend.
    ///   - editor: where lines come from (``LibEditLineEditor`` on a terminal, ``PlainLineEditor`` otherwise).
    ///   - version: shown in the banner.
    ///   - output: statement results and REPL messages (default: standard output).
    ///   - errors: diagnostics (default: standard error).
    ///   - interrupts: Ctrl-C while a statement runs (default: SIGINT).
    ///   - listFiles: file-name completion for `:load` (default: the file system).
    ///   - readFile: reads a `:load` file (default: the file system, UTF-8).
    ///   - color: whether the prompt is coloured (`[LIVE]` red, the margin level by risk); pass true
    ///     only when standard output is a terminal and `NO_COLOR` is unset.
    ///   - errorColor: whether diagnostics are coloured; pass true only when standard error is a terminal
    ///     and `NO_COLOR` is unset.
    public init(engine: any REPLEngine, editor: any LineEditor, version: String,
                output: TextSink = .standardOutput, errors: TextSink = .standardError,
                interrupts: any InterruptSource = SignalInterrupts(),
                listFiles: @escaping @Sendable (String) -> [String] = FileNames.matching,
                readFile: @escaping @Sendable (String) throws -> String = { try String(contentsOfFile: $0, encoding: .utf8) },
                color: Bool = false, errorColor: Bool = false, events: EventBoard? = nil) {
        self.engine = engine
        self.editor = editor
        self.version = version
        self.output = output
        self.errors = errors
        self.interrupts = interrupts
        self.listFiles = listFiles
        self.readFile = readFile
        self.renderer = DiagnosticRenderer(color: errorColor)
        self.events = events
        self.prompt = PromptText(backend: engine.backend, color: color)
    }

    /// Runs until Ctrl-D, `:quit` or `exit`; returns the process exit code.
    public func run() async -> Int32 {
        defer { editor.close() }
        guard editor.isInteractive else { return await runScript() }
        interrupts.install()
        await start()
        while true {
            refreshCompleter()
            let text = pending.isEmpty ? prompt.main : PromptText.continuation
            _ = interrupts.takePending()
            switch editor.readLine(prompt: text) {
            case .endOfInput:
                output.line()
                return 0
            case .interrupted:
                pending.clear()
                output.line()
            case .line(let line):
                if let code = await accept(line) { return code }
            }
        }
    }

    // MARK: - Start

    private func start() async {
        // exchangeInfo is large on Binance itself: there it loads in the background (completion of
        // codes starts with the next prompt); a simulator answers at once, so the first prompt has it.
        let engine = self.engine
        if engine.backend.isLive {
            Task { [weak self] in
                let found = await engine.marketCodes()
                self?.codes = found
            }
        }
        async let status = engine.accountStatus()
        async let languageWords = engine.languageWords()
        async let topics = engine.helpTopics()
        async let planning = engine.isPlanning()
        let account = await status
        output.line("mops \(version) \(engine.backend.tag) \(engine.backend.explanation)")
        output.line(account.summary)
        output.line("Type :help for help, Tab to complete, Ctrl-D to quit.")
        prompt.marginLevel = account.marginLevel
        prompt.bars = account.bars
        prompt.planMode = await planning
        if prompt.planMode { output.line("Plan mode is on: requests are listed, nothing is sent (:plan off to leave).") }
        if !engine.backend.isLive { codes = await engine.marketCodes() }
        words = await languageWords
        helpTopics = await topics
    }

    private func refreshCompleter() {
        editor.completer = Completer(catalog: CompletionCatalog(
            words: words, assets: codes.assets, symbols: codes.symbols, variables: variableNames,
            metaCommands: MetaCommand.all.map(\.name), helpTopics: helpTopics, listFiles: listFiles,
            elseMayFollow: pending.isAwaitingElse))
    }

    // MARK: - One line

    /// Handles one typed line; returns an exit code when the session should end.
    private func accept(_ line: String) async -> Int32? {
        if pending.isAwaitingElse {
            // A multi-line `if` closed on the line before: `else …` continues it (as `} else …`);
            // any other line (an empty one too) runs it first and is then read on its own.
            if PendingInput.startsWithElse(line) {
                pending.appendElse(line)
                return await runIfComplete()
            }
            if let code = await runPending() { return code }
        }
        if pending.isEmpty, line.drop(while: { $0 == " " || $0 == "\t" }).first == ":" {
            editor.remember(line.trimmingTrailingSpaces())
            return await meta(String(line.drop(while: { $0 == " " || $0 == "\t" })))
        }
        pending.append(line)
        if pending.isBlank {
            pending.clear()
            return nil
        }
        return await runIfComplete()
    }

    /// Runs the pending input if it is complete; otherwise waits for the next line.
    private func runIfComplete() async -> Int32? {
        let source = pending.source
        if InputBalance(source).needsMoreInput { return nil }
        if await engine.needsMoreInput(source) { return nil }
        if pending.lines.count > 1, await engine.endsWithOpenIf(source) {
            pending.isAwaitingElse = true
            return nil
        }
        return await runPending()
    }

    /// Remembers and runs the pending input.
    private func runPending() async -> Int32? {
        let source = pending.source
        editor.remember(pending.historyEntry)
        pending.clear()
        return await execute(source, origin: "<repl>")
    }

    /// Runs `source`, letting Ctrl-C interrupt it; returns an exit code if it ran `exit`.
    private func execute(_ source: String, origin: String) async -> Int32? {
        let engine = self.engine
        let confirm: ConfirmationHook = { [weak self] plan in
            await self?.confirm(plan) ?? false
        }
        let work = Task { await engine.execute(source, origin: origin, confirm: confirm) }
        let interrupts = self.interrupts
        _ = interrupts.takePending()
        let watch = Task.detached {
            while !Task.isCancelled {
                if interrupts.takePending() {
                    work.cancel()
                    return
                }
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
        let outcome = await work.value
        watch.cancel()
        await refreshAfterStatement()
        switch outcome.status {
        case .ok:
            return nil
        case .compileError, .runtimeError, .assertionFailed:
            errors.write(renderer.render(outcome.diagnostics, in: outcome.source))
            if outcome.status != .compileError, !outcome.performed.isEmpty {
                errors.line("already sent before the error: " + outcome.performed.joined(separator: "; "))
            }
            return nil
        case .cancelled:
            let sent = outcome.performed
            output.line()
            output.line("interrupted.")
            if sent.isEmpty {
                output.line("No request that changes the account had been sent.")
            } else {
                output.line("Already sent (\(sent.count) request\(sent.count == 1 ? "" : "s") that changed the account):")
                for request in sent { output.line("  " + request) }
            }
            return nil
        case .exited(let code):
            return code
        }
    }

    private func refreshAfterStatement() async {
        async let status = engine.accountStatus()
        async let variables = engine.variables()
        let account = await status
        prompt.marginLevel = account.marginLevel
        prompt.bars = account.bars
        variableNames = await variables.map(\.name)
    }

    /// Shows what a live statement would send and asks y/N; anything but `y`/`yes` refuses.
    private func confirm(_ plan: String) -> Bool {
        output.line(plan)
        guard case .line(let answer) = editor.readLine(prompt: "Send to Binance LIVE? [y/N] ") else {
            output.line()
            output.line("Not sent.")
            return false
        }
        let yes = ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
        if !yes { output.line("Not sent.") }
        return yes
    }

    // MARK: - Meta commands

    /// Runs a `:command`; returns an exit status when it ends the session (`:quit`).
    private func meta(_ text: String) async -> Int32? {
        let parts = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        let name = parts.first.map(String.init) ?? ":"
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        let command: MetaCommand
        switch MetaCommand.lookUp(name) {
        case .found(let found): command = found
        case .ambiguous(let names):
            errors.line("error: \(name) could mean \(names.joined(separator: " or ")); type more of the name")
            return nil
        case .unknown:
            errors.line("error: unknown command \(name); :help lists the commands")
            return nil
        }
        switch command.action {
        case .quit: return 0
        case .help: await showHelp(argument)
        case .vars: await showVariables()
        case .history: showHistory()
        case .load: return await load(argument)
        case .plan: await setPlanMode(argument)
        case .backend: output.line("\(engine.backend.tag) \(engine.backend.explanation)")
        case .reset: await reportChange(await engine.reset())
        case .watch: setWatch(argument)
        }
        return nil
    }

    /// `:watch on|off` (no argument: says which).
    private func setWatch(_ argument: String) {
        guard let events else {
            errors.line("error: this backend gives the REPL no events to watch (the embedded simulator and --base-url do)")
            return
        }
        switch argument {
        case "on": events.watching = true
        case "off": events.watching = false
        case "": break
        default:
            errors.line("error: :watch takes on or off, not \(argument)")
            return
        }
        let source = events.source.map { "; events \($0)" } ?? ""
        output.line(events.watching ? "Watching: the account's events are shown above the prompt as they happen (:watch off to stop)\(source)."
                                    : "Not watching: only forced liquidations are shown as they happen (:watch on to see every event).")
    }

    /// `:vars`: each variable of the session and its value.
    private func showVariables() async {
        let variables = await engine.variables()
        if variables.isEmpty { output.line("No variables yet: `let x = 1` makes one.") }
        for variable in variables { output.line("\(variable.name) = \(variable.value)") }
    }

    /// `:history`: the numbered history.
    private func showHistory() {
        let entries = editor.history
        let width = String(entries.count).count
        for (index, entry) in entries.enumerated() {
            let number = String(index + 1)
            output.line(String(repeating: " ", count: width - number.count) + number + "  " + entry)
        }
    }

    /// `:load FILE`: runs the file's statements in this session.
    private func load(_ file: String) async -> Int32? {
        guard !file.isEmpty else {
            errors.line("error: :load needs a file name, e.g. :load examples/keep_margin_level.mops")
            return nil
        }
        let source: String
        do {
            source = try readFile(file)
        } catch {
            errors.line("error: cannot read \(file): \(Self.reason(error))")
            return nil
        }
        return await execute(source, origin: file)
    }

    /// `:plan on|off`.
    private func setPlanMode(_ argument: String) async {
        guard argument == "on" || argument == "off" else {
            errors.line("error: :plan takes on or off, e.g. :plan on")
            return
        }
        let result = await engine.setPlanMode(argument == "on")
        if case .success = result { prompt.planMode = argument == "on" }
        await reportChange(result)
    }

    /// Says how a session change (`:plan`, `:reset`) went, and refreshes the prompt after one that worked.
    private func reportChange(_ result: Result<String, REPLEngineError>) async {
        switch result {
        case .success(let message):
            output.line(message)
            await refreshAfterStatement()
        case .failure(let error):
            errors.line("error: \(error.message)")
        }
    }

    private func showHelp(_ topic: String) async {
        if topic.isEmpty {
            output.line("Commands:")
            let width = MetaCommand.all.map(\.usage.count).max() ?? 0
            for command in MetaCommand.all {
                output.line("  " + command.usage + String(repeating: " ", count: width - command.usage.count + 2) + command.summary)
            }
            output.line("Statements: " + words.statementKeywords.joined(separator: " "))
            output.line("Type `:help <statement>` (e.g. `:help borrow`) for its form and an example.")
            output.line("A line with an open {, ( or string continues on the next (\(PromptText.continuation.trimmingTrailingSpaces()));"
                + " Ctrl-C clears it or stops a running statement.")
            output.line("An `if` block typed on several lines waits for one more line: `else …` continues it, an empty line runs it.")
            return
        }
        let name = topic.hasPrefix(":") ? topic : ":" + topic
        if case .found(let command) = MetaCommand.lookUp(name), topic.hasPrefix(":") || !helpTopics.contains(topic) {
            output.line(command.usage + "  — " + command.summary)
            return
        }
        if let text = await engine.help(topic: topic) {
            output.write(text.hasSuffix("\n") ? text : text + "\n")
        } else {
            errors.line("error: no help for `\(topic)`; :help lists the statements and commands")
        }
    }

    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoSuchFileError { return "no such file" }
        return nsError.localizedDescription
    }

    // MARK: - Scripts from a pipe

    private func runScript() async -> Int32 {
        var lines: [String] = []
        while case .line(let line) = editor.readLine(prompt: "") { lines.append(line) }
        return await engine.runScript(lines.joined(separator: "\n"), origin: "<stdin>")
    }
}
