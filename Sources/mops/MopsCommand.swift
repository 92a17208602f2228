import ArgumentParser
import Mops

/// The `mops` command: the REPL by default, `run`, `check`, `-e`, and `sim serve`.
@main
struct MopsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mops",
        abstract: "A language, a REPL and a sandbox for margin trading on Binance.",
        discussion: """
        mops -e 'print marginLevel'     run one chunk of mops against the backend
        mops run script.mops            run a script (checked whole first)
        mops check script.mops          check a script without running it
        The default backend is the embedded simulator; --base-url or --live choose another.
        """,
        subcommands: [RunCommand.self, CheckCommand.self, WatchCommand.self, SimCommand.self]
    )

    @Option(name: .customShort("e"), help: ArgumentHelp("Run this mops code and exit (like `mops run` on a file).", valueName: "code"))
    var expression: String?

    @OptionGroup var runOptions: RunOptions
    @OptionGroup var backend: BackendOptions
    @OptionGroup var output: OutputOptions

    mutating func run() async throws {
        if let expression {
            let code = await ScriptRunner(source: Source(name: "<-e>", text: expression), backendOptions: backend,
                                          output: ScriptOutput(format: output.format), options: runOptions).run()
            if code != 0 { throw ArgumentParser.ExitCode(code) }
            return
        }
        let code = await InteractiveSession(backendOptions: backend, output: ScriptOutput(format: output.format),
                                            options: runOptions).run()
        if code != 0 { throw ArgumentParser.ExitCode(code) }
    }
}
