import BinanceMargin
import FuzzSupport
import Foundation
import MarginSim

/// Fuzz target (b): raw request lines → the sandbox's REST handler, signed with the demo key.
///
/// Each input runs on a fresh simulator (so a finding replays on its own), one request after the
/// other, with the simulated clock a second further for each and every request signed at the simulator's
/// time (so requests after `/sim/clock` or `/sim/replay` pass the recvWindow check). Every answer must be a response;
/// a trap or a hang is a finding. `/sim/*` control requests are fuzzed too.
enum SandboxFuzzTarget {
    static let maximumInputBytes = 8_192
    /// `MOPS_FUZZ_ECHO=1` prints every request and answer (for reading what a saved input does).
    static let echoes = ProcessInfo.processInfo.environment["MOPS_FUZZ_ECHO"] == "1"

    static func run(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count <= maximumInputBytes else { return }
        let requests = FuzzRequest.parse(bytes)
        guard !requests.isEmpty else { return }
        runBlocking { await send(requests) }
    }

    static func send(_ requests: [FuzzRequest]) async {
        let clock = ManualClock()
        let simulator = MarginSimulator(clock: clock)
        for request in requests {
            clock.advance(by: 1_000)
            // The simulator's time, not the clock's: after `/sim/clock` or during a replay they differ, and a
            // request signed at the clock's time would only reach the recvWindow check.
            let signed = request.signed(at: await simulator.now())
            let response = await simulator.handle(signed)
            if echoes { print("\(signed.method.rawValue) \(signed.path)?\(signed.query) → \(response.status) \(String(decoding: response.body, as: UTF8.self))") }
            precondition((200..<600).contains(response.status), "an answer with HTTP status \(response.status)")
        }
    }
}

/// libFuzzer's callback: one input.
func fuzzSandbox(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    SandboxFuzzTarget.run(UnsafeRawBufferPointer(start: data, count: count))
    return 0
}

#if FUZZING
/// The process's `main` (SwiftPM aliases `main` to it): libFuzzer's driver on this target.
@_cdecl("FuzzSandbox_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, target: fuzzSandbox)
}
#else
@main
enum ReplaySandboxCorpus {
    static func main() { replayCommand(name: "fuzz-sandbox", target: SandboxFuzzTarget.run) }
}
#endif
