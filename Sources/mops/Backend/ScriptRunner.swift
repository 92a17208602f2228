import BinanceMargin
import Foundation
import Mops

/// Runs one script the way `mops run` and `mops -e` do: connect, check the whole script, refuse
/// live mutations without `--yes`, run (or plan with `--dry-run`), report, and return the exit code.
struct ScriptRunner {
    let source: Source
    let backendOptions: BackendOptions
    let output: ScriptOutput
    let options: RunOptions

    func run() async -> Int32 {
        let connection: BackendConnection
        switch await BackendConnection.connectReportingFailure(backendOptions) {
        case .success(let connected): connection = connected
        case .failure(let failure): return failure.exitCode
        }

        // Check first against the real backend kind (sim statements are refused on live).
        let checker = Interpreter(configuration: .init(backend: connection.backend, capabilities: .all))
        let program: Program
        switch await checker.compile(source) {
        case .failure(let failure):
            output.finish(failure.outcome, backend: connection.backend.description)
            return ExitStatus.compileError
        case .success(let p):
            program = p
        }
        if connection.backend.isLive && program.mutates && !options.dryRun && !options.yes {
            ScriptOutput.writeError("mops: \(source.name) changes a live account (borrow/repay/transfer/orders); add --yes to run it, or --dry-run to see the plan\n")
            return ExitStatus.usage
        }

        var active = connection
        if options.dryRun && connection.simulator != nil && !backendOptions.replay.isEmpty {
            ScriptOutput.writeError("mops: --dry-run and --replay cannot be combined: a replay is already a rehearsal on a simulated account\n")
            return ExitStatus.usage
        }
        if options.dryRun {
            let format = output.format
            do {
                active = try await connection.planCopy(observer: BackendConnection.planObserver(format: format))
            } catch {
                ScriptOutput.writeError("mops: cannot copy the account for --dry-run: \(error)\n")
                return ExitStatus.unavailable
            }
        }
        ScriptOutput.writeError("mops: running \(source.name) on \(active.backend)\n")

        // The CLI may talk to live Binance (`--live`, checked above); a live run that changes the account got here
        // only with --yes, which approves each request (the embedding default refuses them without a hook).
        let approved = options.yes
        let approve: (@Sendable (Interpreter.PendingAction) async -> Bool)? = active.backend.isLive ? { @Sendable _ in approved } : nil
        let shown = ShownCount()
        let interpreter = Interpreter(configuration: .init(
            backend: active.backend, output: output.sink, diagnostics: output.diagnosticSink(counting: shown), confirm: approve,
            capabilities: .all, actionNotes: options.actionNotes, events: await active.eventFeed()))
        // Ctrl-C cancels the run: it stops at the next statement boundary and reports what was sent (exit 130).
        let interrupt = await ArmedInterrupt.armed()
        let run = Task { await interpreter.run(program) }
        interrupt.onInterrupt { run.cancel() }
        let outcome = await run.value
        interrupt.disarm()
        let code = await RehearsalReport.finish(active, options: backendOptions, format: output.format, code: outcome.exitCode)
        output.finish(outcome, backend: active.backend.description, alreadyShown: shown.value)
        return code
    }
}
