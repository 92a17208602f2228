import BinanceMargin
import Foundation
import MarginSim
import Mops
import MopsREPL

/// `mops` with no arguments: the REPL on a terminal, or the piped input run as one script.
struct InteractiveSession {
    /// The version the banner shows.
    static let version = "0.1.0"

    /// Whether the prompt is coloured: standard output is a terminal, `NO_COLOR` is unset or empty,
    /// and `TERM` is not `dumb`.
    static func promptColor(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard isatty(STDOUT_FILENO) == 1 else { return false }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }

    /// The history filter for a session signed with `credentials`: it also refuses every line that
    /// contains their secret (the API secret or private key, and the API key), matched exactly.
    static func historyFilter(for credentials: Credentials?) -> HistoryFilter {
        guard let credentials else { return HistoryFilter() }
        return HistoryFilter(revealsSecret: { credentials.isRevealed(by: $0) })
    }

    let backendOptions: BackendOptions
    let output: ScriptOutput
    let options: RunOptions

    func run() async -> Int32 {
        guard isatty(STDIN_FILENO) == 1 else {
            // Not a terminal: stdin is a script, checked whole and run like `mops run`.
            let source: Source
            do { source = try ScriptFile.standardInput() } catch {
                ScriptOutput.writeError("mops: \(error)\n")
                return error.exitCode
            }
            return await ScriptRunner(source: source, backendOptions: backendOptions, output: output, options: options).run()
        }
        let connection: BackendConnection
        switch await BackendConnection.connectReportingFailure(backendOptions) {
        case .success(let connected): connection = connected
        case .failure(let failure): return failure.exitCode
        }
        let label: BackendLabel = connection.backend.isLive ? .live : backendOptions.baseURL.map { .url($0) } ?? .simulator
        // A person is watching: on a simulator `wait 5s` takes five seconds (and advances the simulator).
        // A replay is history, not a clock to watch: its waits are instant.
        let paced = connection.backend.isSimulator && backendOptions.replay.isEmpty
        let clock: any InterpreterClock = paced ? PacedSimulatorClock(client: connection.client) : connection.backend.clock
        let events = await SessionEvents.start(connection)
        defer { events.stop() }
        let engine = InterpreterEngine(
            connection: .init(client: connection.client, name: connection.backend.name, clock: clock),
            label: label, output: .standardOutput, color: output.color,
            makePlanConnection: {
                let copy = try await connection.planCopy(observer: BackendConnection.planObserver(format: .text))
                return .init(client: copy.client, name: copy.backend.name)
            }, events: events.feed)
        if options.dryRun { _ = await engine.setPlanMode(true) }
        let history = HistoryFile.standard(environment: ProcessInfo.processInfo.environment)
        let filter = Self.historyFilter(for: connection.client.configuration.credentials)
        let code = await MainActor.run {
            let libedit = LibEditLineEditor(historyFile: history, filter: filter)
            libedit?.events = events.board
            let editor: any LineEditor = libedit ?? PlainLineEditor()
            return REPL(engine: engine, editor: editor, version: Self.version, color: Self.promptColor(),
                        errorColor: output.color, events: events.board)
        }.run()
        return await RehearsalReport.finish(connection, options: backendOptions, format: .text, code: code)
    }
}
