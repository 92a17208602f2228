import BinanceMargin
import Foundation
import MarginSim
import Mops
import Synchronization
import Testing

/// The spot wallet over HTTP: `MarginClient.spotAccount()` against `mops sim serve` (the real binary)
/// and against the in-process SandboxServer, and the language's spot transfers through that client.
@Suite("Spot account end to end over HTTP")
struct SpotAccountEndToEndTests {
    @Test("spotAccount() against mops sim serve: the default scenario's wallet, then a transfer out of it")
    func againstServe() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: ServeProcess.binary.path),
                "build the mops product first (swift build --build-tests builds it)")
        let server = try await ServeProcess.start([])
        let client = try PersistenceEndToEndTests.client(server.url)

        let all = try await client.spotAccount()
        #expect(all.accountType == "SPOT" && all.permissions == ["SPOT"] && all.canTrade)
        #expect(all.commissionRates?.maker == "0.001" && all.makerCommission == 10)
        #expect(all.balance("USDT") == SpotBalance(asset: "USDT", free: "10000"))
        #expect(all.balance("BTC").free == "0.5" && all.balance("ETH").free == "5")
        #expect(all.balances.contains { $0.free.isZero })   // zero balances are listed by default

        _ = try await client.transfer(asset: "USDT", amount: "2500.25", .spotToCross)
        let after = try await client.spotAccount(omitZeroBalances: true)
        #expect(after.balances.map(\.asset) == ["BTC", "ETH", "USDT"])
        #expect(after.balance("USDT").free == "7499.75")
        #expect(await server.terminate() == 0)
    }

    @Test("the request weighs 20 on the /api bucket (x-mbx-used-weight-1m)")
    func weight() async throws {
        try await ClientSandbox.run { sandbox in
            _ = try await sandbox.client.spotAccount()
            let first = await sandbox.client.rateLimitUsage.usedWeight1m
            _ = try await sandbox.client.spotAccount(omitZeroBalances: true)
            let second = await sandbox.client.rateLimitUsage.usedWeight1m
            let firstWeight = try #require(first), secondWeight = try #require(second)
            // A minute may end between the two requests; then the second starts a new count.
            #expect(secondWeight - firstWeight == 20 || secondWeight == 20)
            #expect(firstWeight >= 20)
            #expect(sandbox.events.sentPaths == ["/api/v3/time", "/api/v3/account", "/api/v3/account"])
        }
    }

    @Test("the language over HTTP: transfer all / 50% from spot move the spot free balance")
    func languageTransfers() async throws {
        try await ClientSandbox.run { sandbox in
            let lines = Mutex<[String]>([])
            let interpreter = Interpreter(configuration: .init(
                backend: .connected(to: sandbox.client, name: "e2e", clock: WallClock()),
                output: { event in if case .line(let text) = event { lines.withLock { $0.append(text) } } }))
            let outcome = await interpreter.run(Source(name: "spot.mops", text: """
                transfer 50% USDT to margin
                transfer all BTC from spot to margin
                print spotFree(USDT), spotFree(BTC), free(USDT), free(BTC)
                """))
            #expect(outcome.status == .ok, "\(outcome.diagnostics.map(\.message))")
            #expect(lines.withLock { $0 } == ["5000 0 10000 0.6"])
            let spot = try await sandbox.client.spotAccount(omitZeroBalances: true)
            #expect(spot.balance("USDT").free == "5000" && spot.balance("BTC").free.isZero)
        }
    }
}
