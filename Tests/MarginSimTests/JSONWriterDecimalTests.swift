import BinanceMargin
import Testing
@testable import MarginSim

/// `JSONWriter.write(decimal:)` — the bytes of every decimal in every answer — held to `Number.wire`, the
/// general formatter it shortcuts, for generated numbers of every scale, sign and size (issue 14).
@Suite struct JSONWriterDecimalTests {
    @Test func decimalsAreWrittenAsTheirWireStrings() throws {
        var random = SplitMix64(seed: 0x14_D3C)
        var general = 0
        for _ in 0..<20_000 {
            let scale = Int(random.next(upTo: 39))
            let digits = Int(1 + random.next(upTo: 38))
            var significand: Int128 = 0
            for _ in 0..<digits { significand = significand * 10 + Int128(random.next(upTo: 10)) }
            if random.next(upTo: 2) == 0 { significand = -significand }
            let n = try Number(significand: significand, scale: scale)
            var writer = JSONWriter()
            writer.write(decimal: n)
            #expect(String(decoding: writer.bytes, as: UTF8.self) == "\"" + n.wire + "\"", "\(significand) × 10^-\(scale)")
            if (try? n.amount().magnitude >= Number(significand: 184_467_440_737, scale: 0)) == true { general += 1 }
        }
        #expect(general > 1_000)   // the general formatter's range (from 1.8 × 10^11) was reached too
    }
}
