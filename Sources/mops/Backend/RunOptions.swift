import ArgumentParser

/// Flags about how a script is run, shared by `mops run` and `mops -e`.
struct RunOptions: ParsableArguments {
    @Flag(name: .customLong("dry-run"), help: "Plan: run against a simulated copy of the account, print each request that would be sent and the projected margin level; send nothing.")
    var dryRun = false

    @Flag(help: "Allow a script that changes the account to run on live Binance.")
    var yes = false
}
