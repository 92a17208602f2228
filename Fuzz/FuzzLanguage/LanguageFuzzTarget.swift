import BinanceMargin
import FuzzSupport
import Foundation
import MarginSim
import Mops

/// Fuzz target (a): source text → tokenizer, parser, checker and, when it checks, the evaluator on a
/// fresh in-process simulator with a step limit, a time limit and the simulator's events fed to `on … { }`
/// handlers (as `mops run` feeds them).
///
/// Inputs are read as UTF-8 (invalid bytes become U+FFFD, as a file read by `mops run` would). A
/// trap, a stack overflow or a hang (libFuzzer's `-timeout`) is a finding; diagnostics are not.
enum LanguageFuzzTarget {
    /// The longest input run: longer inputs only make parsing slower, not more interesting.
    static let maximumInputBytes = 16_384
    /// Statements a fuzzed run may execute before it is stopped (every loop is bounded).
    static let stepLimit = 500
    /// Wall-clock budget of a run: `watch` without a limit waits in real time until cancelled (by design: an
    /// embedder bounds it with a time limit), so without one such an input would hang the fuzzer.
    static let timeLimitMilliseconds: Int64 = 500

    static func run(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count <= maximumInputBytes else { return }
        let source = Source(name: "fuzz.mops", text: String(decoding: bytes, as: UTF8.self))
        runBlocking { await check(source) }
    }

    /// Compiles `source` on an interpreter with an in-process simulator and runs what compiles.
    static func check(_ source: Source) async {
        _ = Interpreter.status(of: source.text)
        guard let interpreter = try? await simulatedInterpreter() else { fatalError("the fuzz rig could not be built") }
        guard case .success(let program) = await interpreter.compile(source) else { return }
        _ = await interpreter.run(program)
    }

    /// A fresh simulator on a manual clock, a client over it, and an interpreter like `mops run`'s (the
    /// simulator's engine events go to the handlers through an ``EventFeed``).
    static func simulatedInterpreter() async throws -> Interpreter {
        let clock = ManualClock()
        let simulator = MarginSimulator(clock: clock)
        let feed = EventFeed(description: "streamed from the simulator (fuzz)")
        await simulator.attach(EventForwarder(isListening: { feed.isListening }, forward: { feed.push($0, isolatedSymbol: $1) }))
        let client = try MarginClient(configuration: .init(
            transport: InProcessTransport(simulator: simulator),
            credentials: try .hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret),
            clock: .reading(clock)))
        return Interpreter(configuration: .init(
            backend: .connected(to: client, name: "fuzz", clock: SimulatorClock(client: client)),
            stepLimit: stepLimit, timeLimitMilliseconds: timeLimitMilliseconds, capabilities: [.read, .trade, .simulate, .wait],
            events: feed))
    }
}

/// libFuzzer's callback: one input.
func fuzzLanguage(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    LanguageFuzzTarget.run(UnsafeRawBufferPointer(start: data, count: count))
    return 0
}

#if FUZZING
/// The process's `main` (SwiftPM aliases `main` to it): libFuzzer's driver on this target.
@_cdecl("FuzzLanguage_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, target: fuzzLanguage)
}
#else
@main
enum ReplayLanguageCorpus {
    static func main() { replayCommand(name: "fuzz-language", target: LanguageFuzzTarget.run) }
}
#endif
