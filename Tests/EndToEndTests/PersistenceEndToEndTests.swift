import BinanceMargin
import Foundation
import MarginSim
import Testing

/// `mops sim serve --state FILE`, the real binary: acknowledged changes survive kill -9.
@Suite("mops sim serve --state")
struct PersistenceEndToEndTests {
    static func client(_ url: URL) throws -> MarginClient {
        try MarginClient(configuration: .init(
            transport: try HTTPTransport(baseURL: url),
            credentials: try .hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret)))
    }

    @Test("borrow, order and price survive kill -9 and a restart on the same state file")
    func survivesKill9() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mops-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let state = directory.appendingPathComponent("sim.state").path
        #expect(FileManager.default.isExecutableFile(atPath: ServeProcess.binary.path),
                "build the mops product first (swift build --build-tests builds it)")

        let first = try await ServeProcess.start(["--state", state])
        let before = try Self.client(first.url)
        _ = try await before.borrow(asset: "USDT", amount: "123.45")
        let order = try await before.placeOrder(.limit("BTCUSDT", .buy, quantity: "0.001", price: "50000"))
        try await before.simSetPrice(symbol: "ETHUSDT", price: "2500")
        first.kill9()

        let second = try await ServeProcess.start(["--state", state])
        let after = try Self.client(second.url)
        let usdt = try #require(try await after.crossAccount().userAssets.first { $0.asset == "USDT" })
        #expect(usdt.borrowed == "123.45")
        #expect(usdt.locked == "50")
        let open = try await after.openOrders(symbol: "BTCUSDT")
        #expect(open.map(\.orderId) == [order.orderId])
        #expect(open.first?.clientOrderId == order.clientOrderId)
        #expect(try await after.price("ETHUSDT") == "2500")
        #expect(second.terminate() == 0)
    }

    @Test("--no-rate-limits: past 6,000 weight the headers count on and nothing gets 429; without it, 429")
    func noRateLimits() async throws {
        let exchangeInfo = RawHTTPConnection.request("GET", "/api/v3/exchangeInfo?symbol=BTCUSDT")
        for (arguments, lastStatus) in [(["--no-rate-limits"], 200), ([], 429)] {
            let server = try await ServeProcess.start(arguments)
            // 301 × weight 20 = 6,020 > 6,000 within one minute.
            let responses = try await RawHTTPConnection.exchange(port: server.url.port!,
                                                                 Array(repeating: exchangeInfo, count: 301))
            let last = try #require(responses.last ?? nil)
            #expect(server.terminate() == 0)
            // The used weight climbs by 20 per request (429s are counted too) unless a minute ends mid-run.
            let used = responses.map { Int($0?.headers["x-mbx-used-weight-1m"] ?? "") ?? 0 }
            guard used == (1...301).map({ $0 * 20 }) else { continue }
            #expect(last.status == lastStatus, "\(arguments)")
            if lastStatus == 200 { #expect(last.headers["x-mbx-used-weight-1m"] == "6020") }
            else { #expect(last.headers["retry-after"] != nil) }
        }
    }

    @Test("SIGTERM and SIGINT (Ctrl-C) shut the server down cleanly with exit status 0", arguments: [SIGTERM, SIGINT])
    func cleanShutdown(signal: Int32) async throws {
        let server = try await ServeProcess.start([])
        let client = try Self.client(server.url)
        #expect(try await client.serverTime() > 0)
        #expect(server.stop(with: signal) == 0)
    }
}
