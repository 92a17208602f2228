import ArgumentParser
import Foundation
import Mops

/// `mops check FILE…`: parse and check scripts without running anything.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Parse and check scripts without running them (exit 0 when all are clean, 65 otherwise).")

    @Argument(help: ArgumentHelp("The scripts to check.", valueName: "file"))
    var files: [String]

    /// `--live` checks as for live Binance (sim statements are errors there); `--base-url` as for a simulator.
    @OptionGroup var backend: BackendOptions

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one script to check: mops check script.mops") }
    }

    func run() async throws {
        let printer = ScriptOutput(format: output.format)
        let interpreter = Interpreter(configuration: .init(backend: backend.namesLiveBinance ? .live("live Binance") : .simulator("simulator"),
                                                           capabilities: .all))
        var worst: Int32 = 0
        for file in files {
            let source: Source
            do {
                source = try ScriptFile.read(file)
            } catch let error as CLIError {
                ScriptOutput.writeError("mops: \(error)\n")
                worst = max(worst, error.exitCode)
                continue
            }
            let diagnostics = await interpreter.check(source)
            let outcome = RunOutcome(status: diagnostics.isEmpty ? .ok : .compileError, diagnostics: diagnostics, source: source,
                                     variables: [:], performed: [], steps: 0)
            if diagnostics.isEmpty {
                if output.format == .text { ScriptOutput.write("\(file): ok\n") }
            } else {
                // With `-o json`, `finish` renders the diagnostics to stderr; render them here only for text.
                if output.format == .text {
                    ScriptOutput.writeError(DiagnosticRenderer(color: printer.color).render(diagnostics, in: source))
                    ScriptOutput.writeError("\(file): \(diagnostics.count) error\(diagnostics.count == 1 ? "" : "s")\n")
                }
                worst = max(worst, ExitStatus.compileError)
            }
            if output.format == .json { printer.finish(outcome, backend: "none (check only)") }
        }
        if worst != 0 { throw ArgumentParser.ExitCode(worst) }
    }
}
