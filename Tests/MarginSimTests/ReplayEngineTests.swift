import BinanceMargin
import Foundation
@testable import MarginSim
import Testing

/// The engine driven by candles: time moves through each candle's path, and at every point resting orders,
/// stops and liquidations act as they do on a price move; interest accrues on replayed hours; the clock stops
/// at the series' end.
@Suite("Replay engine")
struct ReplayEngineTests {
    static let march: Int64 = 1_709_251_200_000   // 2024-03-01 00:00 UTC, an hour boundary

    /// A one-minute candle at minute `minute` of `start` with the given prices (dollars).
    static func candle(_ minute: Int, _ open: Number, _ high: Number, _ low: Number, _ close: Number, start: Int64 = march) -> Kline {
        let time = start + Int64(minute) * 60_000
        return Kline(openTime: time, closeTime: time + 59_999, open: open, high: high, low: low, close: close, volume: 1)
    }

    /// `k` with its prices divided by ten (an ETH-like series from a BTC-like one; exact: 2 → 3 decimals).
    static func tenth(_ k: Kline) -> Kline {
        var k = k
        for path in [\Kline.open, \.high, \.low, \.close] { k[keyPath: path] = k[keyPath: path].dividing(by: 10) ?? k[keyPath: path] }
        return k
    }

    /// A simulator replaying `candles` of BTCUSDT from `scenario`.
    static func replaying(_ candles: [Kline], scenario: Scenario = .default) async throws -> Harness {
        let harness = Harness(scenario: scenario)
        let file = KlineFile(name: "BTCUSDT-1m-2024-03.csv", symbol: "BTCUSDT", candles: candles)
        try await harness.simulator.startReplay(try ReplaySeries(files: [file]))
        return harness
    }

    /// `/sim/clock` by `ms`, its answer as JSON.
    static func advance(_ harness: Harness, _ ms: Int64) async -> [String: Any] {
        let response = await harness.control("/sim/clock", "advanceMs=\(ms)")
        return (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:]
    }

    /// The last price of `symbol`.
    static func price(_ harness: Harness, _ symbol: String) async -> Number? {
        (await harness.json(.get, "/api/v3/ticker/price", "symbol=\(symbol)"))["price"].flatMap { $0 as? String }.flatMap { Number($0) }
    }

    /// The cross margin trades of BTCUSDT as (time, price) pairs, oldest first.
    static func trades(_ harness: Harness) async -> [(Int64, String)] {
        await harness.array(.get, "/sapi/v1/margin/myTrades", "symbol=BTCUSDT").map { ($0["time"] as? Int64 ?? 0, $0["price"] as? String ?? "") }
    }

    @Test("a rising candle trades open → low → high → close, a falling one open → high → low → close")
    func pathOrder() async throws {
        let harness = try await Self.replaying([Self.candle(0, 42000, 43000, 41000, 42500), Self.candle(1, 42500, 44000, 40000, 41000)])
        #expect(await harness.simulator.now() == Self.march)
        #expect(await Self.price(harness, "BTCUSDT") == 42000)
        for (side, price) in [("BUY", "41000"), ("SELL", "43000")] {
            let placed = await harness.json(.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=\(side)&type=LIMIT&timeInForce=GTC&quantity=0.01&price=\(price)")
            #expect(placed["status"] as? String == "NEW", "\(placed)")
        }
        _ = await Self.advance(harness, 60_000)
        for (side, price) in [("SELL", "44000"), ("BUY", "40000")] {
            _ = await harness.json(.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=\(side)&type=LIMIT&timeInForce=GTC&quantity=0.01&price=\(price)")
        }
        _ = await Self.advance(harness, 60_000)
        let second = Self.march + 60_000
        let fills = await Self.trades(harness)
        #expect(fills.map(\.0) == [Self.march + 19_999, Self.march + 39_998, second + 19_999, second + 39_998])
        #expect(fills.map(\.1) == ["41000.00000000", "43000.00000000", "44000.00000000", "40000.00000000"])
    }

    @Test("a stop between the low and the open triggers inside the candle, on the way to the low (generated candles)")
    func stopInsideCandle() async throws {
        for seed in UInt64(1)...12 {
            var random = SplitMix64(seed: seed)
            let low = 30000 + Int64(random.next(upTo: 5000)), open = low + 200 + Int64(random.next(upTo: 3000))
            let close = low + 1 + Int64(random.next(upTo: 5000)), high = max(open, close) + Int64(random.next(upTo: 500))
            let stop = low + 1 + Int64(random.next(upTo: UInt64(min(open, close) - low - 1)))
            func n(_ v: Int64) -> Number { Number(integerLiteral: Int(v)) }
            let candle = Self.candle(0, n(open), n(high), n(low), n(close))
            let harness = try await Self.replaying([candle])
            let placed = await harness.json(.post, "/sapi/v1/margin/order", "symbol=BTCUSDT&side=SELL&type=STOP_LOSS&quantity=0.01&stopPrice=\(stop)")
            #expect(placed["orderId"] != nil, "seed \(seed): \(placed)")
            _ = await Self.advance(harness, 60_000)
            let lowPoint = candle.path.first { $0.price == candle.low }!
            let fills = await Self.trades(harness)
            #expect(fills.count == 1 && fills.first?.0 == lowPoint.time, "seed \(seed): stop \(stop) in \(candle): \(fills)")
            // The path crosses the stop on its way to the low: the stop's market sell takes the book's bids there,
            // at or below the stop and never below the candle's low.
            #expect(fills.first.map { Number($0.1).map { $0 <= n(stop) && $0 >= candle.low } ?? false } == true,
                    "seed \(seed): fills between the stop and the low, where the path crossed the stop: \(fills)")
        }
    }

    @Test("a dip to the low liquidates inside the candle even though it closes higher")
    func liquidationInsideCandle() async throws {
        // 1 BTC against 28,000 USDT of debt: level 1.43 at 40,000, 1.07 (below the 1.1 bar) at the low of 30,000.
        let scenario = Scenario(name: "leveraged", spot: [:], crossMargin: ["BTC": 1], isolatedMargin: [:], crossMarginDebt: ["USDT": 28000])
        let harness = try await Self.replaying([Self.candle(0, 40000, 41000, 30000, 40500), Self.candle(1, 40500, 41000, 40000, 40800)], scenario: scenario)
        _ = await Self.advance(harness, 120_000)
        let log = try #require(await harness.simulator.rehearsalLog())
        let liquidations = log.events.filter { $0.kind == .liquidation }
        #expect(liquidations.first?.time == Self.march + 19_999, "\(log.events)")
        #expect(log.samples.count == 2)
        #expect(log.samples.first.map { $0.debt == 0 } == true, "the debt was repaid by the liquidation: \(log.samples)")
        #expect(log.samples.first?.marginLevel.map { $0 <= Catalog.crossLiquidationBar } == true,
                "the first sample keeps the dip to the bar inside its candle: \(log.samples)")
        #expect(log.samples.last?.marginLevel == nil, "no debt after the liquidation")
        #expect(log.events.contains { $0.kind == .repay && $0.time == Self.march + 19_999 })
    }

    @Test("interest accrues on every replayed hour")
    func interestOverReplayedHours() async throws {
        // 24,000 USDT at 0.1 % a day: exactly 1 USDT an hour.
        let scenario = Scenario(name: "debt", spot: [:], crossMargin: ["USDT": 30000, "BTC": 2], isolatedMargin: [:],
                                crossMarginDebt: ["USDT": 24000], dailyInterestRates: ["USDT": "0.001"])
        let candles = (0..<181).map { Self.candle($0, 40000, 40010, 39990, 40000) }   // 3 h 1 min: hours 1, 2 and 3 pass
        let harness = try await Self.replaying(candles, scenario: scenario)
        for _ in 0..<181 { _ = await Self.advance(harness, 60_000) }
        let log = try #require(await harness.simulator.rehearsalLog())
        #expect(log.interestPaid == 3)
        #expect(log.samples.count == 181)
        #expect(log.samples.last?.debt == 24003)
    }

    @Test("the clock stops at the last close and says the series is used up")
    func endOfSeries() async throws {
        let harness = try await Self.replaying([Self.candle(0, 40000, 40000, 40000, 40000), Self.candle(1, 40000, 40000, 40000, 40000)])
        let end = Self.march + 119_999
        let first = await Self.advance(harness, 60_000)
        #expect(first["serverTime"] as? Int64 == Self.march + 60_000 && first["replayEnded"] as? Bool == false && first["replayEnd"] as? Int64 == end)
        let last = await Self.advance(harness, 60_000)
        #expect(last["serverTime"] as? Int64 == end && last["replayEnded"] as? Bool == true, "\(last)")
        let again = await Self.advance(harness, 1)
        #expect(again["serverTime"] as? Int64 == end && again["replayEnded"] as? Bool == true)
        _ = await harness.control("/sim/reset", "")
        #expect(await harness.simulator.rehearsalLog() == nil)
        #expect(await harness.simulator.now() == ManualClock.defaultStart, "a reset leaves the replay's time")
    }

    @Test("files of one symbol join in date order; symbols align on time; overlaps and unlisted symbols are refused")
    func joiningAndAlignment() async throws {
        let day: Int64 = 86_400_000
        let btc1 = KlineFileTests.series(seed: 1, count: 90), btc2 = KlineFileTests.series(seed: 2, count: 90, start: Self.march + day)
        let eth = KlineFileTests.series(seed: 3, count: 1500).map(Self.tenth)   // 4,200-ish
        let files = [KlineFile(name: "BTCUSDT-1m-2024-03-02.csv", symbol: "BTCUSDT", candles: btc2),
                     KlineFile(name: "ETHUSDT-1m-2024-03-01.csv", symbol: "ETHUSDT", candles: eth),
                     KlineFile(name: "BTCUSDT-1m-2024-03-01.csv", symbol: "BTCUSDT", candles: btc1)]
        let series = try ReplaySeries(files: files)
        #expect(series.symbols == ["BTCUSDT", "ETHUSDT"])
        #expect(series.tracks[0].files == ["BTCUSDT-1m-2024-03-01.csv", "BTCUSDT-1m-2024-03-02.csv"])
        #expect(series.tracks[0].candles == btc1 + btc2)
        #expect(series.start == Self.march && series.end == Self.march + day + 90 * 60_000 - 1)
        let harness = Harness()
        try await harness.simulator.startReplay(series)
        // After minute m both prices are that minute's closes.
        for minute in [0, 10, 89] {
            _ = await Self.advance(harness, Self.march + Int64(minute) * 60_000 + 59_999 - (await harness.simulator.now()))
            #expect(await Self.price(harness, "BTCUSDT") == btc1[minute].close)
            #expect(await Self.price(harness, "ETHUSDT") == series.tracks[1].candles[minute].close, "prices fitted to the 0.01 tick")
        }
        let overlap = KlineFile(name: "BTCUSDT-1m-2024-03-01b.csv", symbol: "BTCUSDT", candles: Array(btc1.suffix(5)))
        #expect(throws: KlineFileError.self) { try ReplaySeries(files: [files[2], overlap]) }
        do { _ = try ReplaySeries(files: [files[2], overlap]) } catch {
            #expect(error.description.hasPrefix("BTCUSDT-1m-2024-03-01b.csv:1:1: its first candle"), "\(error)")
        }
        do { _ = try ReplaySeries(files: [KlineFile(name: "DOGEUSDT-1m-2024-03.csv", symbol: "DOGEUSDT", candles: btc1)]) } catch {
            #expect(error.description.hasPrefix("DOGEUSDT-1m-2024-03.csv: the simulator does not list DOGEUSDT (listed: "), "\(error)")
        }
    }

    @Test("a simulator with a state file refuses to replay, and /sim/replay names the bad file's line and column")
    func refusals() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let durable = try MarginSimulator(stateFile: directory.appendingPathComponent("state.json"), clock: ManualClock())
        let series = try ReplaySeries(files: [KlineFile(name: "BTCUSDT-1m-2024-03.csv", symbol: "BTCUSDT", candles: [Self.candle(0, 1, 1, 1, 1)])])
        await #expect(throws: ExchangeError.self) { try await durable.startReplay(series) }
        let bad = directory.appendingPathComponent("BTCUSDT-1m-2024-03.csv")
        try Data("1709251200000,1,1.2,0.5,1.5,10,1709251259999\n".utf8).write(to: bad)
        let harness = Harness()
        let response = await harness.control("/sim/replay", "files=\(bad.path)")
        #expect(response.status == 400)
        #expect(response.text.contains("\(bad.path):1:17: high 1.2 is below the candle's other prices"), "\(response.text)")
        let good = directory.appendingPathComponent("ETHUSDT-1m-2024-03.csv")
        try KlineFileTests.csv(KlineFileTests.series(seed: 4, count: 3).map(Self.tenth)).write(to: good)
        let started = await harness.control("/sim/replay", "files=\(good.path)")
        #expect(started.status == 200)
        #expect(started.text.contains(#""candles":3"#) && started.text.contains(#""symbols":["ETHUSDT"]"#), "\(started.text)")
        #expect(await harness.simulator.now() == Self.march)
    }
}
