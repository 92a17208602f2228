import BinanceMargin
import Crypto
import Foundation
import Testing
@testable import MarginSim

@Suite("Authentication and timing")
struct AuthTests {
    // Binance's published HMAC test key (binance-spot-api-docs, "SIGNED Endpoint Examples").
    static let vectorKey = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"
    static let vectorSecret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
    static let vectorTime: Int64 = 1_499_827_319_559

    func vectorSimulator() -> MarginSimulator {
        let scenario = Scenario(name: "vectors", apiKeys: [.init(apiKey: Self.vectorKey, secret: Self.vectorSecret)])
        return MarginSimulator(scenario: scenario, clock: ManualClock(start: Self.vectorTime + 100))
    }

    func code(_ response: TransportResponse) -> Int? {
        ((try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any])?["code"] as? Int
    }

    @Test("Binance's three signing vectors verify: all in query, all in body, split query + body")
    func officialVectors() async {
        let sim = vectorSimulator()
        let headers = [(name: "X-MBX-APIKEY", value: Self.vectorKey)]
        let payload = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"
        let sig1 = "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"
        let sig3 = "0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77"
        let inQuery = TransportRequest(method: .post, path: "/sapi/v1/margin/order", query: payload + "&signature=" + sig1, headers: headers)
        let inBody = TransportRequest(method: .post, path: "/sapi/v1/margin/order", body: payload + "&signature=" + sig1.uppercased(), headers: headers)
        let split = TransportRequest(method: .post, path: "/sapi/v1/margin/order",
                                     query: "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC",
                                     body: "quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559&signature=" + sig3, headers: headers)
        // The signature passes, so the request reaches the order checks: LTCBTC is not listed here.
        for request in [inQuery, inBody, split] {
            let response = await sim.handle(request)
            #expect(response.status == 400)
            #expect(response.text == #"{"code":-1121,"msg":"Invalid symbol."}"#)
        }
        var tampered = inQuery
        tampered.query = tampered.query.replacingOccurrences(of: "quantity=1", with: "quantity=2")
        let rejected = await sim.handle(tampered)
        #expect(rejected.text == #"{"code":-1022,"msg":"Signature for this request is not valid."}"#)
    }

    @Test("the non-ASCII vector verifies over the percent-encoded bytes")
    func nonASCIIVector() async {
        let sim = vectorSimulator()
        let payload = "symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"
        let response = await sim.handle(TransportRequest(method: .post, path: "/sapi/v1/margin/order",
            query: payload + "&signature=e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3",
            headers: [("X-MBX-APIKEY", Self.vectorKey)]))
        #expect(code(response) == -1121)
    }

    @Test("API key problems are 401: missing or malformed -2014, unknown -2015")
    func apiKeys() async {
        let h = Harness()
        var request = await h.signed(.get, "/sapi/v1/margin/account", "")
        request.headers = []
        let missing = await h.simulator.handle(request)
        #expect(missing.status == 401 && missing.text == #"{"code":-2014,"msg":"API-key format invalid."}"#)
        request.headers = [("X-MBX-APIKEY", String(repeating: "a", count: 64))]
        let unknown = await h.simulator.handle(request)
        #expect(unknown.status == 401 && unknown.text == #"{"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}"#)
        // MARKET_DATA endpoints want the key too, but no signature.
        let priceIndex = await h.simulator.handle(TransportRequest(method: .get, path: "/sapi/v1/margin/priceIndex",
                                                                    query: "symbol=BTCUSDT", headers: [("X-MBX-APIKEY", DemoCredentials.apiKey)]))
        #expect(priceIndex.status == 200)
        #expect(priceIndex.text == #"{"calcTime":1767225600000,"price":"60000.00000000","symbol":"BTCUSDT"}"#)
    }

    @Test("timestamp window: 1 s ahead, outside recvWindow, recvWindow above 60000, missing parts")
    func timing() async {
        let h = Harness()
        let ahead = await h.simulator.handle(h.signed(.get, "/sapi/v1/margin/account", "", timestamp: h.now + 1000))
        #expect(ahead.text == #"{"code":-1021,"msg":"Timestamp for this request was 1000ms ahead of the server's time."}"#)
        let nearlyAhead = await h.simulator.handle(h.signed(.get, "/sapi/v1/margin/account", "", timestamp: h.now + 999))
        #expect(nearlyAhead.status == 200)
        let old = await h.simulator.handle(h.signed(.get, "/sapi/v1/margin/account", "", timestamp: h.now - 5001))
        #expect(old.text == #"{"code":-1021,"msg":"Timestamp for this request is outside of the recvWindow."}"#)
        let wider = await h.simulator.handle(h.signed(.get, "/sapi/v1/margin/account", "recvWindow=10000", timestamp: h.now - 5001))
        #expect(wider.status == 200)
        let tooWide = await h.call(.get, "/sapi/v1/margin/account", "recvWindow=60001")
        #expect(tooWide.text == #"{"code":-1102,"msg":"'recvWindow' contains unexpected value. Cannot be greater than 60000."}"#)
        let noSignature = await h.simulator.handle(TransportRequest(method: .get, path: "/sapi/v1/margin/account",
            query: "timestamp=\(h.now)", headers: [("X-MBX-APIKEY", DemoCredentials.apiKey)]))
        #expect(noSignature.text == #"{"code":-1102,"msg":"Mandatory parameter 'signature' was not sent, was empty/null, or malformed."}"#)
        let noTimestamp = await h.simulator.handle(TransportRequest(method: .get, path: "/sapi/v1/margin/account",
            query: "signature=00", headers: [("X-MBX-APIKEY", DemoCredentials.apiKey)]))
        #expect(code(noTimestamp) == -1102)
    }

    @Test("python-binance's signature over decoded values is accepted")
    func decodedFallback() async {
        let h = Harness()
        // Signed over the raw id, sent percent-encoded, as python-binance does.
        let signedText = "newClientOrderId=hx:probe/1&quantity=0.001&side=BUY&symbol=BTCUSDT&timestamp=\(h.now)&type=MARKET"
        let sent = "newClientOrderId=hx%3Aprobe%2F1&quantity=0.001&side=BUY&symbol=BTCUSDT&timestamp=\(h.now)&type=MARKET"
        let response = await h.simulator.handle(TransportRequest(method: .post, path: "/sapi/v1/margin/order",
            body: sent + "&signature=" + Harness.sign(signedText), headers: [("X-MBX-APIKEY", DemoCredentials.apiKey)]))
        #expect(response.status == 200)
        #expect(response.text.contains(#""clientOrderId":"hx:probe/1""#))
    }

    @Test("Ed25519 keys verify base64 signatures over the raw payload")
    func ed25519() async throws {
        let privateKey = Curve25519.Signing.PrivateKey()
        let scenario = Scenario(name: "ed", apiKeys: [.init(apiKey: "edKey", ed25519PublicKey: privateKey.publicKey.rawRepresentation.base64EncodedString())])
        try scenario.validate()
        let clock = ManualClock()
        let sim = MarginSimulator(scenario: scenario, clock: clock)
        let payload = "timestamp=\(clock.nowMilliseconds())"
        let signature = try privateKey.signature(for: Data(payload.utf8)).base64EncodedString()
        let encoded = signature.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let good = await sim.handle(TransportRequest(method: .get, path: "/sapi/v1/margin/account",
                                                     query: payload + "&signature=" + encoded, headers: [("X-MBX-APIKEY", "edKey")]))
        #expect(good.status == 200)
        let other = try Curve25519.Signing.PrivateKey().signature(for: Data(payload.utf8)).base64EncodedString()
        let bad = await sim.handle(TransportRequest(method: .get, path: "/sapi/v1/margin/account",
            query: payload + "&signature=" + other.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!,
            headers: [("X-MBX-APIKEY", "edKey")]))
        #expect(code(bad) == -1022)
    }

    @Test("a scenario with an unreadable Ed25519 key is reported")
    func badEd25519Scenario() {
        let scenario = Scenario(name: "bad", apiKeys: [.init(apiKey: "k", ed25519PublicKey: "not a key")])
        #expect(throws: ScenarioError.self) { try scenario.validate() }
    }
}

@Suite("Secrets")
struct SecretTests {
    @Test("a scenario's HMAC secret never shows in descriptions, dumps or the state")
    func redaction() async {
        let scenario = Scenario.default
        let text = "\(scenario) \(String(reflecting: scenario)) \(scenario.apiKeys)"
        var dumped = ""
        dump(scenario, to: &dumped)
        #expect(!text.contains(DemoCredentials.secret))
        #expect(!dumped.contains(DemoCredentials.secret))
        #expect(text.contains("<redacted>"))
        let state = await MarginSimulator().snapshot()
        #expect(!String(decoding: state, as: UTF8.self).contains(DemoCredentials.secret))
    }
}
