import BinanceMargin
import Foundation
@testable import MarginSim
import Synchronization
import Testing

/// The embedded backend's typed clock control (``DirectSimulatorControl``, issue 14) held to `POST /sim/clock`
/// through the transport: the same advances, refusals and exchange state, on generated replays and advances
/// (fixed seeds); and no request goes through the transport for it unless the client observes its requests.
@Suite("Direct clock control")
struct DirectClockControlTests {
    /// Forwards requests to an in-process simulator and counts them by path; offers the simulator's direct
    /// control only when `direct`, so a client with `direct: false` sends `/sim/clock` encoded.
    struct CountingTransport: Transport {
        let inner: InProcessTransport
        let direct: Bool
        let sent = Counts()

        func send(_ request: TransportRequest) async throws -> TransportResponse {
            sent.add(request.path)
            return try await inner.send(request)
        }

        var isSimulator: Bool { true }
        var simulatorControl: (any DirectSimulatorControl)? { direct ? inner.simulatorControl : nil }
    }

    /// Requests seen, by path.
    final class Counts: Sendable {
        private let paths = Mutex<[String: Int]>([:])
        func add(_ path: String) { paths.withLock { $0[path, default: 0] += 1 } }
        subscript(path: String) -> Int { paths.withLock { $0[path] ?? 0 } }
    }

    /// A client of a fresh simulator (ManualClock, `seed`), direct or encoded.
    static func rig(direct: Bool, seed: UInt64, observer: (@Sendable (RequestEvent) -> Void)? = nil) throws
        -> (MarginSimulator, MarginClient, CountingTransport) {
        let clock = ManualClock()
        let simulator = MarginSimulator(scenario: .default, clock: clock, seed: seed)
        let transport = CountingTransport(inner: InProcessTransport(simulator: simulator), direct: direct)
        var configuration = MarginClient.Configuration(
            transport: transport, credentials: try .hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret),
            clock: .reading(clock))
        configuration.observer = observer
        return (simulator, try MarginClient(configuration: configuration), transport)
    }

    /// `count` one-minute BTCUSDT candles from 2024-03-01, a seeded walk with wide ranges (liquidations happen).
    static func candles(_ random: inout SplitMix64, count: Int) -> [Kline] {
        var price: Int64 = 40_000
        return (0..<count).map { minute in
            let open = price
            price = max(1_000, price + Int64(random.next(upTo: 4_001)) - 2_000)
            let high = max(open, price) + Int64(random.next(upTo: 1_500)), low = max(500, min(open, price) - Int64(random.next(upTo: 1_500)))
            return ReplayEngineTests.candle(minute, Number(integerLiteral: Int(open)), Number(integerLiteral: Int(high)),
                                            Number(integerLiteral: Int(low)), Number(integerLiteral: Int(price)))
        }
    }

    /// An advance's outcome as comparable text: the advance, or the error the client threw.
    static func outcome(_ client: MarginClient, _ ms: Int64) async -> String {
        do {
            let advance = try await client.simAdvance(milliseconds: ms)
            return "\(advance.serverTime) \(String(describing: advance.replayEnd)) \(advance.replayEnded)"
        } catch let error as BinanceError {
            return "\(error.category) \(error.httpStatus.map(String.init) ?? "-") \(error.code.map(String.init) ?? "-") \(error.message) \(error.outcomeUnknown)"
        } catch {
            return "\(error)"
        }
    }

    /// A generated advance: mostly a minute or a few, sometimes zero, a long jump, past the series' end, too long or negative.
    static func advance(_ random: inout SplitMix64) -> Int64 {
        switch random.next(upTo: 20) {
        case 0: return 0
        case 1: return MarginSimulator.longestClockAdvance + 1 + Int64(random.next(upTo: 1_000))
        case 2: return -1 - Int64(random.next(upTo: 60_000))
        case 3: return Int64(random.next(upTo: 90 * 60_000))
        default: return 60_000 * Int64(1 + random.next(upTo: 3)) + Int64(random.next(upTo: 2)) * Int64(random.next(upTo: 59_999))
        }
    }

    @Test("during a replay, direct advances answer, refuse and change the exchange exactly as POST /sim/clock does (generated)")
    func replayEquivalence() async throws {
        var refused = 0, ended = 0
        for seed in UInt64(1)...6 {
            var random = SplitMix64(seed: 0x14_C10C + seed)
            let series = try ReplaySeries(files: [KlineFile(name: "BTCUSDT-1m-2024-03.csv", symbol: "BTCUSDT",
                                                            candles: Self.candles(&random, count: 240))])
            let (directSim, direct, directTransport) = try Self.rig(direct: true, seed: seed)
            let (encodedSim, encoded, encodedTransport) = try Self.rig(direct: false, seed: seed)
            try await directSim.startReplay(series)
            try await encodedSim.startReplay(series)
            // Debt, so interest accrues and a fall may liquidate.
            let borrowed = Number(integerLiteral: Int(1_000 + random.next(upTo: 9_000)))
            _ = try await direct.borrow(asset: "USDT", amount: borrowed)
            _ = try await encoded.borrow(asset: "USDT", amount: borrowed)
            var steps = 0
            while steps < 200 {
                let ms = Self.advance(&random)
                let (a, b) = (await Self.outcome(direct, ms), await Self.outcome(encoded, ms))
                #expect(a == b, "seed \(seed), advance \(ms) ms")
                steps += 1
                if !a.hasPrefix("1") { refused += 1 }
                if a.hasSuffix(" true") { ended += 1; break }   // the series is used up
            }
            #expect(await directSim.now() == encodedSim.now())
            #expect(await directSim.snapshot() == encodedSim.snapshot(), "seed \(seed)")
            #expect(await directSim.rehearsalLog() == encodedSim.rehearsalLog(), "seed \(seed)")
            #expect(directTransport.sent["/sim/clock"] == 0)
            #expect(encodedTransport.sent["/sim/clock"] > 0)
        }
        // Both ways were compared: refusals (too long, negative) and the series' end.
        #expect(refused > 6 && ended == 6, "\(refused) refused, \(ended) ended")
    }

    @Test("without a replay, direct advances move the clock, refuse too long an advance and keep signed requests valid as the encoded ones (generated)")
    func clockEquivalence() async throws {
        var random = SplitMix64(seed: 0x14_C10D)
        let (directSim, direct, _) = try Self.rig(direct: true, seed: 3)
        let (encodedSim, encoded, _) = try Self.rig(direct: false, seed: 3)
        for step in 0..<60 {
            let ms = Self.advance(&random)
            #expect(await Self.outcome(direct, ms) == Self.outcome(encoded, ms), "step \(step), advance \(ms) ms")
            // A signed read after the jump is accepted by both (the client adopted the new time).
            let levels = (try await direct.crossAccount().marginLevel, try await encoded.crossAccount().marginLevel)
            #expect(levels.0 == levels.1)
        }
        #expect(await directSim.snapshot() == encodedSim.snapshot())
    }

    @Test("a client that observes its requests sends POST /sim/clock through the transport, and the observer sees it")
    func observedClientSendsTheRequest() async throws {
        let seen = Counts()
        let (_, client, transport) = try Self.rig(direct: true, seed: 1, observer: { event in
            if case .sent(let summary) = event { seen.add(summary.path) }
        })
        _ = try await client.simAdvance(milliseconds: 60_000)
        #expect(transport.sent["/sim/clock"] == 1)
        #expect(seen["/sim/clock"] == 1)
    }
}
