import ArgumentParser

/// `mops sim …`: the simulated exchange.
struct SimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "The simulated margin exchange (Binance has no margin testnet; this is one).",
        subcommands: [SimServeCommand.self]
    )
}
