import ArgumentParser

/// The `mops` command: the REPL by default, `run`, `check`, `-e`, and `sim serve`.
@main
struct MopsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mops",
        abstract: "A language, a REPL and a sandbox for margin trading on Binance.",
        subcommands: [SimCommand.self]
    )

    mutating func run() async throws {
        print("mops: the REPL arrives with the REPL issue")
    }
}
