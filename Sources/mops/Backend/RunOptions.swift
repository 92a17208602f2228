import ArgumentParser
import Mops

/// Flags about how a script is run, shared by `mops run` and `mops -e`.
struct RunOptions: ParsableArguments {
    @Flag(name: .customLong("dry-run"), help: "Plan: run against a simulated copy of the account, print each request that would be sent and the projected margin level; send nothing.")
    var dryRun = false

    @Flag(help: "Allow a script that changes the account to run on live Binance.")
    var yes = false

    @Flag(name: [.customShort("v"), .customLong("verbose")],
          help: "After each request that changes the account, print what was done, its id and the margin level after (the REPL always does).")
    var verbose = false

    /// What the interpreter says after each request: the projected margin level with --dry-run, a line with
    /// --verbose, nothing otherwise (`-o json` reports what was sent in its result either way).
    var actionNotes: Interpreter.ActionNotes {
        dryRun ? .projected : verbose ? .sent : .none
    }
}
