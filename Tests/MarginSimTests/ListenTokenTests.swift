import BinanceMargin
import Foundation
import Testing
@testable import MarginSim

/// `POST /sapi/v1/userListenToken` as each client sends it: ccxt unsigned (the API key only), python-binance
/// signed — a signature is checked only when there is one.
@Suite("userListenToken")
struct ListenTokenTests {
    @Test("unsigned and signed requests get tokens; a wrong signature, a missing key and bad parameters are refused")
    func clientsStyles() async throws {
        let h = Harness()
        let unsigned = await h.simulator.handle(TransportRequest(method: .post, path: "/sapi/v1/userListenToken", body: "",
                                                                 headers: [("X-MBX-APIKEY", DemoCredentials.apiKey)]))
        let signed = await h.call(.post, "/sapi/v1/userListenToken", "isIsolated=true&symbol=BTCUSDT&validity=60000")
        for response in [unsigned, signed] {
            #expect(response.status == 200, "\(String(decoding: response.body, as: UTF8.self))")
            let json = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
            #expect((json["token"] as? String)?.count == 64 && json["expirationTime"] is Int)
        }
        let signedJSON = try #require(try JSONSerialization.jsonObject(with: signed.body) as? [String: Any])
        #expect(signedJSON["expirationTime"] as? Int == Int(h.now + 60_000))
        let tokens = [unsigned, signed].compactMap { try? JSONSerialization.jsonObject(with: $0.body) as? [String: Any] }.compactMap { $0["token"] as? String }
        #expect(Set(tokens).count == 2)

        var forged = await h.signed(.post, "/sapi/v1/userListenToken", "validity=1000")
        forged.query = forged.query.replacingOccurrences(of: "validity=1000", with: "validity=2000")
        #expect(Self.code(await h.simulator.handle(forged)) == -1022)
        let keyless = await h.simulator.handle(TransportRequest(method: .post, path: "/sapi/v1/userListenToken", body: ""))
        #expect(Self.code(keyless) == -2014 || Self.code(keyless) == -2015)
        #expect(Self.code(await h.call(.post, "/sapi/v1/userListenToken", "validity=86400001")) == -1130)
        #expect(Self.code(await h.call(.post, "/sapi/v1/userListenToken", "isIsolated=true")) == -1102)
    }

    @Test("a token names its stream until its time passes on the simulator's clock")
    func lifetime() async throws {
        let h = Harness()
        let answer = await h.json(.post, "/sapi/v1/userListenToken", "validity=1000")
        let token = try #require(answer["token"] as? String)
        #expect(await h.simulator.listenToken(token)?.route == .crossUserData)
        h.clock.advance(by: 1_000)
        #expect(await h.simulator.listenToken(token) == nil)
        #expect(await h.simulator.listenToken("nothing") == nil)
    }

    private static func code(_ response: TransportResponse) -> Int? {
        ((try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any])?["code"] as? Int
    }
}
