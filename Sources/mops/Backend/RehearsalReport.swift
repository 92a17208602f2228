import Foundation
import MarginSim
import Mops

/// The end of a rehearsal: when the embedded simulator replayed history (`--replay`, or `sim replay` in the
/// script), its summary goes to stdout after the script's output, and with `--report FILE.html` its chart to the file.
enum RehearsalReport {
    /// Prints the summary and writes the chart of `connection`'s rehearsal, if there was one; the exit code to end
    /// with instead of `code` when the chart cannot be written (73), else `code`.
    static func finish(_ connection: BackendConnection, options: BackendOptions, format: OutputOptions.Format, code: Int32) async -> Int32 {
        guard let simulator = connection.simulator, let log = await simulator.rehearsalLog() else {
            if let report = options.report {
                ScriptOutput.writeError("mops: --report \(report): nothing was replayed, so no chart was written (add --replay FILE)\n")
            }
            return code
        }
        let summary = RehearsalSummary.render(log)
        if format == .json {
            ScriptOutput.writeJSON(["type": "rehearsal", "text": summary])
        } else {
            ScriptOutput.write(summary)
        }
        guard let report = options.report else { return code }
        do {
            try Data(RehearsalChart.html(log).utf8).write(to: URL(fileURLWithPath: report), options: .atomic)
        } catch {
            let failure = CLIError.cannotCreate("cannot write the report \(report): \(error.localizedDescription)")
            ScriptOutput.writeError("mops: \(failure)\n")
            return code == 0 ? failure.exitCode : code
        }
        return code
    }
}
