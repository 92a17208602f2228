import BinanceMargin
@testable import MarginSim
import Testing

/// Candles are stored packed, yet every decimal reads back exactly as given — also one that needs all 38 digits.
@Suite("Kline storage")
struct KlineStorageTests {
    /// A random decimal: small (packed) or up to 38 digits (boxed), any scale, either sign.
    static func decimal(_ random: inout SplitMix64) -> Number {
        let digits = 1 + Int(random.next(upTo: random.next(upTo: 4) == 0 ? 38 : 18))
        var bound: Int128 = 1
        for _ in 0..<digits { bound *= 10 }   // 10^38 still fits Int128
        let wide = (Int128(random.next() >> 1) << 64 | Int128(random.next())) % (bound - 1)
        return (try? Number(significand: random.next(upTo: 2) == 0 ? wide : -wide, scale: Int(random.next(upTo: 39)))) ?? .zero
    }

    @Test("every field reads back with its digits as written, packed or not, after any field is set")
    func readsBackExactly() {
        var random = SplitMix64(seed: 0xC0_4AC7)
        for _ in 0..<3_000 {
            var values = (0..<5).map { _ in Self.decimal(&random) }
            var candle = Kline(openTime: 1, closeTime: 2, open: values[0], high: values[1], low: values[2], close: values[3], volume: values[4])
            for _ in 0..<2 {
                let read = [candle.open, candle.high, candle.low, candle.close, candle.volume]
                #expect(read.map(\.plain) == values.map(\.plain))
                let index = Int(random.next(upTo: 5)), value = Self.decimal(&random)
                values[index] = value
                switch index {
                case 0: candle.open = value
                case 1: candle.high = value
                case 2: candle.low = value
                case 3: candle.close = value
                default: candle.volume = value
                }
            }
            let copy = Kline(openTime: 1, closeTime: 2, open: values[0], high: values[1], low: values[2], close: values[3], volume: values[4])
            #expect(candle == copy && candle.hashValue == copy.hashValue)
        }
    }

    @Test("equal values are equal candles, whatever their written scale")
    func equalityIsByValue() {
        let a = Kline(openTime: 1, closeTime: 2, open: "1.50", high: "2", low: "1", close: "1.5", volume: "0")
        let b = Kline(openTime: 1, closeTime: 2, open: "1.5", high: "2.000", low: "1.0", close: "1.50", volume: "0.0")
        #expect(a == b && a.hashValue == b.hashValue)
        #expect(a != Kline(openTime: 1, closeTime: 2, open: "1.5", high: "2", low: "1", close: "1.5", volume: "0.00000001"))
    }

    @Test("a year of minutes fits in memory: a packed candle takes at most 72 bytes")
    func packedSize() {
        #expect(MemoryLayout<Kline>.stride <= 72, "\(MemoryLayout<Kline>.stride) bytes")
    }
}
