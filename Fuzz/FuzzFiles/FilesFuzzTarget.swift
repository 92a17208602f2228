import BinanceMargin
import FuzzSupport
import Foundation
import MarginSim

/// Fuzz target (c): the files and frames mops reads from outside — Binance's kline CSV files and the
/// margin streams' JSON frames.
///
/// The first byte chooses: even → the rest is a kline file, odd → a stream frame. A kline file either
/// reads into candles that keep the file's promises (low ≤ open, close ≤ high, prices above zero, time
/// order) or is refused with a located error; a frame either fails to decode or decodes to an event that
/// survives a round trip through its own JSON. Anything else — a trap, a hang, a broken promise — is a finding.
enum FilesFuzzTarget {
    static let maximumInputBytes = 65_536

    static func run(_ bytes: UnsafeRawBufferPointer) {
        guard let first = bytes.first, bytes.count <= maximumInputBytes else { return }
        let rest = Data(bytes.dropFirst())
        if first % 2 == 0 { klineFile(rest) } else { streamFrame(rest) }
    }

    static func klineFile(_ data: Data) {
        do {
            let file = try KlineFile.parse(data, name: "fuzz.csv")
            for candle in file.candles {
                precondition(candle.low > 0 && candle.low <= min(candle.open, candle.close) && candle.high >= max(candle.open, candle.close),
                             "a candle that breaks the price order: \(candle)")
                precondition(candle.path.count == 4 && candle.path.first?.time == candle.openTime, "a bad path: \(candle)")
            }
            precondition(zip(file.candles, file.candles.dropFirst()).allSatisfy { $0.closeTime < $1.openTime }, "candles out of order")
        } catch {
            precondition(error.line >= 1 && error.column >= 1 && !error.hint.isEmpty, "an unlocated error: \(error)")
        }
    }

    static func streamFrame(_ data: Data) {
        guard let event = try? StreamEvent.decode(data) else { return }
        if case .unknown = event { return }   // kept by name only: nothing to round-trip
        let again = try? StreamEvent.decode(event.encoded())
        precondition(again == event, "an event that does not survive its own JSON: \(event)")
    }
}

/// libFuzzer's callback: one input.
func fuzzFiles(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    FilesFuzzTarget.run(UnsafeRawBufferPointer(start: data, count: count))
    return 0
}

#if FUZZING
/// The process's `main` (SwiftPM aliases `main` to it): libFuzzer's driver on this target.
@_cdecl("FuzzFiles_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, target: fuzzFiles)
}
#else
@main
enum ReplayFilesCorpus {
    static func main() { replayCommand(name: "fuzz-files", target: FilesFuzzTarget.run) }
}
#endif
