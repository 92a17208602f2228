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

    @Test("SIGTERM and SIGINT (Ctrl-C) shut the server down cleanly with exit status 0", arguments: [SIGTERM, SIGINT])
    func cleanShutdown(signal: Int32) async throws {
        let server = try await ServeProcess.start([])
        let client = try Self.client(server.url)
        #expect(try await client.serverTime() > 0)
        #expect(server.stop(with: signal) == 0)
    }
}
