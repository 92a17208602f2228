import ArgumentParser

/// How script output is written: readable text (tables aligned) or JSON lines for machines.
struct OutputOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(name: [.customShort("o"), .customLong("output")], help: "Output format: text (default) or json (one JSON object per line).")
    var format: Format = .text
}
