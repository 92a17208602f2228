import ArgumentParser

/// `mops sim serve`: serves the simulator over HTTP with Binance's REST API.
struct SimServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve the simulator over HTTP.")
    mutating func run() async throws { throw ValidationError("not built yet") }
}
