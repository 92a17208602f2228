import BinanceMargin
import Foundation
@testable import MarginSim
import Testing

/// Binance's public kline CSV files are read exactly, in every shape Binance writes them, and a bad
/// file is refused with the line and column of the fault.
@Suite("Kline files")
struct KlineFileTests {
    /// A generated series of `count` one-minute candles from a seeded random walk, each satisfying low ≤ open, close ≤ high.
    static func series(seed: UInt64, count: Int, start: Int64 = 1_709_251_200_000) -> [Kline] {
        var random = SplitMix64(seed: seed)
        var price: Int64 = 4_200_000   // cents
        var candles: [Kline] = []
        for index in 0..<count {
            let open = price
            let close = max(100, open + Int64(random.next(upTo: 2001)) - 1000)
            let high = max(open, close) + Int64(random.next(upTo: 500))
            let low = max(1, min(open, close) - Int64(random.next(upTo: 500)))
            let time = start + Int64(index) * 60_000
            func cents(_ value: Int64) -> Number { (try? Number(significand: Int128(value), scale: 2)) ?? 0 }
            candles.append(Kline(openTime: time, closeTime: time + 59_999, open: cents(open), high: cents(high), low: cents(low),
                                 close: cents(close), volume: (try? Number(significand: Int128(random.next(upTo: 10_000_000)), scale: 5)) ?? 0))
            price = close
        }
        return candles
    }

    /// `candles` written as Binance does: 12 columns, 8-decimal prices, times in ms or µs, an optional header.
    static func csv(_ candles: [Kline], microseconds: Bool = false, header: Bool = false, crlf: Bool = false, finalNewline: Bool = true) -> Data {
        let scale: Int64 = microseconds ? 1000 : 1
        var lines = header ? ["open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore"] : []
        for k in candles {
            let prices = [k.open, k.high, k.low, k.close, k.volume].map { $0.rounded(scale: 8).plain }
            lines.append("\(k.openTime * scale),\(prices.joined(separator: ",")),\(k.closeTime * scale + (microseconds ? 999 : 0)),1234.5,42,1.5,63000.1,0")
        }
        let end = crlf ? "\r\n" : "\n"
        return Data((lines.joined(separator: end) + (finalNewline ? end : "")).utf8)
    }

    @Test("every shape Binance writes reads back to the same candles (generated series)")
    func roundTrip() throws {
        for seed in UInt64(1)...20 {
            var random = SplitMix64(seed: seed &* 7919)
            let candles = Self.series(seed: seed, count: 1 + Int(random.next(upTo: 300)))
            let micro = random.next(upTo: 2) == 1, header = random.next(upTo: 2) == 1
            let crlf = random.next(upTo: 2) == 1, final = random.next(upTo: 2) == 1
            let file = try KlineFile.parse(Self.csv(candles, microseconds: micro, header: header, crlf: crlf, finalNewline: final),
                                           name: "data/BTCUSDT-1m-2024-03.csv")
            #expect(file.candles == candles, "seed \(seed): µs \(micro) header \(header) crlf \(crlf) final newline \(final)")
            #expect(file.symbol == "BTCUSDT")
        }
    }

    @Test("the path inside a candle: rising candles touch the low first, falling ones the high, at fixed times")
    func path() throws {
        for candle in Self.series(seed: 3, count: 200) {
            let path = candle.path
            #expect(path.map(\.time) == [candle.openTime, candle.openTime + 19_999, candle.openTime + 39_998, candle.closeTime])
            #expect(path.first?.price == candle.open && path.last?.price == candle.close)
            let extremes = [path[1].price, path[2].price]
            #expect(extremes == (candle.close >= candle.open ? [candle.low, candle.high] : [candle.high, candle.low]))
        }
    }

    /// Each bad file and the error it must get: `FILE:LINE:COLUMN: message (hint)`.
    static let badFiles: [(String, String)] = [
        ("", "t.csv:1:1: no candles"),
        ("open_time,open\n", "t.csv:1:1: no candles"),
        ("1709251200000,1,2,0.5,1.5,10\n", "t.csv:1:1: expected 12 comma-separated fields (at least 7), found 6"),
        ("1709251200000,1,2,0.5,1.5,10,1709251259999\n\n1709251260000,1,2,0.5,1.5,10,1709251319999\n", "t.csv:2:1: an empty line between candles"),
        ("1709251200000,1,2,0.5,1.5,10,1709251259999\nx,1,2,0.5,1.5,10,1709251319999\n", "t.csv:2:1: open time 'x' is not a time"),
        ("1709251200000,1,2e3,0.5,1.5,10,1709251259999\n", "t.csv:1:17: high '2e3' is not a decimal"),
        ("1709251200000,1,1.2,0.5,1.5,10,1709251259999\n", "t.csv:1:17: high 1.2 is below the candle's other prices"),
        ("1709251200000,1,2,1.1,1.5,10,1709251259999\n", "t.csv:1:19: low 1.1 is above the open or the close"),
        ("1709251200000,1,2,0,1.5,10,1709251259999\n", "t.csv:1:19: low 0 is not above zero"),
        ("1709251200000,1,2,0.5,1.5,-1,1709251259999\n", "t.csv:1:27: volume -1 is negative"),
        ("1709251200000,1,2,0.5,1.5,10,1709251100000\n", "t.csv:1:30: close time 1709251100000 is before the open time 1709251200000"),
        ("1709251200000,1,2,0.5,1.5,10,1709251259999\n1709251200000,1,2,0.5,1.5,10,1709251259999\n",
         "t.csv:2:1: open time 1709251200000 is not after the previous candle's close time 1709251259999"),
        ("1709251200000,1,2,0.5,1.5,10,99999999999999999999\n", "t.csv:1:30: close time '99999999999999999999' is not a time"),
    ]

    @Test("a bad file is refused with the line, the column and a hint", arguments: badFiles.indices)
    func badFile(index: Int) {
        let (text, expected) = Self.badFiles[index]
        #expect {
            try KlineFile.parse(Data(text.utf8), name: "t.csv")
        } throws: { error in
            let description = (error as? KlineFileError)?.description ?? "\(error)"
            return description.hasPrefix(expected + " (") && description.hasSuffix(")")
        }
    }

    @Test("a file that cannot be read says so and how to fix it")
    func missingFile() {
        #expect(throws: KlineFileError.self) { try KlineFile.read(path: "/nonexistent/BTCUSDT-1m-2024-03.csv") }
    }

    @Test("random bytes and random damage to a good file are refused with a located error, never a trap")
    func generatedDamage() throws {
        var random = SplitMix64(seed: 99)
        let good = [UInt8](Self.csv(Self.series(seed: 5, count: 50)))
        for _ in 0..<2_000 {
            var bytes = good
            for _ in 0...random.next(upTo: 4) {
                let at = Int(random.next(upTo: UInt64(bytes.count)))
                bytes[at] = random.pick(Array("0123456789.,-e\n\r x".utf8))
            }
            do {
                let file = try KlineFile.parse(Data(bytes), name: "t.csv")
                #expect(file.candles.allSatisfy { $0.low <= min($0.open, $0.close) && $0.high >= max($0.open, $0.close) && $0.low > 0 })
                #expect(zip(file.candles, file.candles.dropFirst()).allSatisfy { $0.closeTime < $1.openTime })
            } catch {
                #expect(error.line >= 1 && error.column >= 1 && !error.hint.isEmpty)
            }
        }
    }
}
