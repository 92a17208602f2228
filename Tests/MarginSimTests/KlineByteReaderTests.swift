import BinanceMargin
import Foundation
@testable import MarginSim
import Testing

/// The byte-level line reader accepts only what the full line reader accepts, and reads it to the same candle.
@Suite("Kline lines read from bytes")
struct KlineByteReaderTests {
    /// The candle the byte reader makes of `line`, if it takes it.
    static func fast(_ line: [UInt8]) -> Kline? { line.withUnsafeBufferPointer { KlineByteReader.candle($0) } }

    /// The candle the full reader makes of `line`, or nil when it refuses it.
    static func full(_ line: [UInt8]) -> Kline? { try? KlineLineReader(name: "t.csv").candle(Data(line)[...], line: 1) }

    @Test("good lines, and the same lines with random damage: the byte reader agrees or refuses exactly what it refuses")
    func agreesWithTheFullReader() {
        var random = SplitMix64(seed: 0xB17E5)
        let text = KlineFileTests.csv(KlineFileTests.series(seed: 8, count: 400), microseconds: false)
        let micro = KlineFileTests.csv(KlineFileTests.series(seed: 9, count: 100), microseconds: true)
        let lines = (text + micro).split(separator: UInt8(ascii: "\n")).map { [UInt8]($0) }
        var taken = 0, leftToTheFullReader = 0
        for _ in 0..<6_000 {
            var line = random.pick(lines)
            for _ in 0..<random.next(upTo: 3) {
                let at = Int(random.next(upTo: UInt64(line.count)))
                switch random.next(upTo: 3) {
                case 0: line[at] = random.pick(Array("0123456789.,-+e x".utf8))
                case 1: line.remove(at: at)
                default: line.insert(random.pick(Array("0123456789.,-".utf8)), at: at)
                }
            }
            let expected = Self.full(line)
            if let candle = Self.fast(line) {
                taken += 1
                #expect(candle == expected && candle.open.scale == expected?.open.scale, "\(String(decoding: line, as: UTF8.self))")
            } else {
                leftToTheFullReader += 1
                #expect(expected == nil, "the full reader took what the byte reader left: \(String(decoding: line, as: UTF8.self))")
            }
        }
        #expect(taken > 1_000 && leftToTheFullReader > 1_000, "both paths exercised (\(taken) taken, \(leftToTheFullReader) left)")
    }
}
