import Foundation

/// The `main` of a fuzz target built without libFuzzer: replays the files named on the command line.
///
/// `FUZZ-TARGET [--verbose] FILE-OR-FOLDER…` runs each input once and prints `replayed N inputs`;
/// exit 0 when none crashed, 64 on a usage error, 66 when a path cannot be read.
public func replayCommand(name: String, target: (UnsafeRawBufferPointer) -> Void) -> Never {
    var arguments = Array(CommandLine.arguments.dropFirst())
    let verbose = arguments.contains("--verbose")
    arguments.removeAll { $0 == "--verbose" }
    guard !arguments.isEmpty else {
        FileHandle.standardError.write(Data("usage: \(name) [--verbose] FILE-OR-FOLDER…\n(built with -sanitize=fuzzer it is a libFuzzer binary: see scripts/fuzz)\n".utf8))
        exit(64)
    }
    do {
        let count = try replayCorpus(arguments, verbose: verbose, target: target)
        print("\(name): replayed \(count) inputs without a crash")
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("\(name): \(error)\n".utf8))
        exit(66)
    }
}
