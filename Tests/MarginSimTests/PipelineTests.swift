import BinanceMargin
import Foundation
import Testing
@testable import MarginSim

/// The request pipeline outside the actor: the JSON writer, the signature payload, header lookup,
/// keys replaced while a request is in flight, and weight accounting under concurrency.
@Suite("Request pipeline")
struct PipelineTests {
    /// The per-scalar writer the byte writer replaced: the reference for its output.
    static func referenceString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A random string of ASCII, controls, quotes, backslashes and multi-byte scalars.
    static func randomString(_ random: inout SplitMix64) -> String {
        let pieces: [String] = ["a", "Z", "0", " ", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1f}", "\u{7f}",
                                "é", "€", "😀", "&", "=", "%", "+", "/"]
        return (0..<Int(random.next(upTo: 24))).map { _ in random.pick(pieces) }.joined()
    }

    @Test("strings are written exactly as the per-scalar writer wrote them (generated strings)")
    func strings() {
        var random = SplitMix64(seed: 11)
        for _ in 0..<2000 {
            let s = PipelineTests.randomString(&random)
            #expect(JSONValue.string(s).text == PipelineTests.referenceString(s), "\(s.debugDescription)")
        }
    }

    @Test("decimals are Binance's 8-decimal strings, equal to Number.wire (generated numbers)")
    func decimals() throws {
        var random = SplitMix64(seed: 12)
        var samples: [Number] = [.zero, .greatest, try Number(significand: -Number.maxSignificand, scale: 0),
                                 try Number(significand: -4, scale: 9), try Number(significand: 5, scale: 9),
                                 try Number(significand: 15, scale: 9), try Number(significand: Int128(UInt64.max), scale: 8)]
        for _ in 0..<5000 {
            let digits = Int(random.next(upTo: 39))
            let limit = (0..<digits).reduce(UInt128(1)) { power, _ in power * 10 }
            var significand = Int128(UInt128(random.next()) * UInt128(random.next()) % limit)
            if random.next(upTo: 2) == 0 { significand = -significand }
            samples.append(try Number(significand: significand, scale: Int(random.next(upTo: 39))))
        }
        for n in samples {
            #expect(JSONValue.decimal(n).text == "\"\(n.wire)\"", "\(n.significand) × 10^-\(n.scale)")
        }
    }

    @Test("integers, booleans, null, nesting and key order")
    func structure() {
        for n: Int64 in [0, 7, -7, 10, 99, 100, Int64.max, Int64.min, 1_767_225_600_000] {
            #expect(JSONValue.int(n).text == String(n))
        }
        let value = JSONValue.object([("z", .array([.bool(true), .bool(false), .null, .object([])])), ("a", .array([])),
                                      ("k\"", .string(""))])
        #expect(value.text == #"{"z":[true,false,null,{}],"a":[],"k\"":""}"#)
    }

    @Test("the signed payload without signature pairs, as bytes, equals the string form (generated queries)")
    func payloadBytes() {
        var random = SplitMix64(seed: 13)
        let pairs = ["symbol=BTCUSDT", "signature=ab12", "signature=", "signatures=1", "x", "", "a=1&b=2", "ts=%20+",
                     "Signature=AB", "é=€"]
        var shortcuts = 0
        for _ in 0..<2000 {
            let raw = (0..<Int(random.next(upTo: 6))).map { _ in random.pick(pairs) }.joined(separator: "&")
            var bytes: [UInt8] = []
            Authenticator.appendWithoutSignature(raw, to: &bytes)
            #expect(bytes == Array(Authenticator.withoutSignature(raw).utf8), "\(raw)")
            // Read in place when the signature is the last pair and the only one: the same bytes, or no answer.
            var seen: [UInt8]? = nil
            let checked = Authenticator.signedPrefix(raw) { seen = Array($0); return true }
            if checked != nil {
                shortcuts += 1
                #expect(seen == bytes, "\(raw)")
            } else {
                let pairs = raw.split(separator: "&", omittingEmptySubsequences: false)
                #expect(!(pairs.count > 1 && pairs.last!.hasPrefix("signature=")
                          && pairs.dropLast().allSatisfy { !$0.hasPrefix("signature=") }), "\(raw) is read in place")
            }
        }
        #expect(shortcuts > 100, "\(shortcuts) payloads read in place")
    }

    @Test("a signature matches in either case, and nothing else does")
    func signatureCase() {
        let mac: [UInt8] = (0..<32).map { UInt8($0 * 7 % 256) }
        let hex = mac.map { String(format: "%02x", $0) }.joined()
        #expect(Authenticator.matches(mac, hexSignature: hex))
        #expect(Authenticator.matches(mac, hexSignature: hex.uppercased()))
        #expect(!Authenticator.matches(mac, hexSignature: String(hex.dropLast())))
        #expect(!Authenticator.matches(mac, hexSignature: String(hex.dropLast()) + "g"))
        #expect(!Authenticator.matches(mac, hexSignature: hex + "0"))
    }

    @Test("headers are found by name in any case")
    func headerLookup() {
        let request = TransportRequest(method: .get, path: "/", headers: [("x-mbx-apikey", "k1"), ("X-MBX-APIKEY", "k2"),
                                                                          ("X-MBX-TIME-UNIT", "MICROSECOND")])
        #expect(Authenticator.header("X-MBX-APIKEY", of: request) == "k1")
        #expect(Authenticator.header("x-mbx-time-unit", of: request) == "MICROSECOND")
        #expect(Authenticator.header("X-MBX-APIKE", of: request) == nil)
        #expect(Authenticator.header("X-MBX_APIKEY", of: request) == nil)   // `_` is not `-` in another case
    }

    /// A signed GET of the cross account with `key`.
    static func accountRequest(_ key: Scenario.APIKey, now: Int64) -> TransportRequest {
        let query = "timestamp=\(now)"
        return TransportRequest(method: .get, path: "/sapi/v1/margin/account",
                                query: query + "&signature=" + Harness.sign(query, secret: key.secret ?? ""),
                                headers: [("X-MBX-APIKEY", key.apiKey)])
    }

    @Test("a request checked before /sim/reset replaced the keys is checked again with the new keys")
    func keysReplacedInFlight() async throws {
        let own = Scenario.APIKey(apiKey: "own-key", secret: "own-secret")
        let demo = Scenario.APIKey(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret)
        let h = Harness(scenario: Scenario(name: "custom", apiKeys: [own]))
        let endpoint = try #require(Router.route(.get, "/sapi/v1/margin/account"))
        let before = h.simulator.keyring.edition
        let ownRequest = PreparedRequest(PipelineTests.accountRequest(own, now: h.now), for: endpoint, keys: before)
        let demoRequest = PreparedRequest(PipelineTests.accountRequest(demo, now: h.now), for: endpoint, keys: before)
        #expect(await h.simulator.answer(ownRequest).status == 200)
        #expect(await h.simulator.answer(demoRequest).status == 401)
        #expect(await h.control("/sim/reset", "scenario=whale").status == 200)
        // Both were checked with the custom scenario's keys; the whale's keys are in force now.
        let refused = await h.simulator.answer(ownRequest).reply().response
        #expect(refused.status == 401 && refused.text.contains("-2014"), "\(refused.text)")
        #expect(await h.simulator.answer(demoRequest).status == 200)
    }

    @Test("concurrent requests are each charged their weight once")
    func concurrentWeights() async {
        let h = Harness()
        let requests = 64
        let signed = await h.signed(.get, "/sapi/v1/margin/account", "")
        let statuses = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<requests { group.addTask { await h.simulator.handle(signed).status } }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: requests))
        let last = await h.call(.get, "/sapi/v1/margin/account")
        #expect(last.header("x-sapi-used-ip-weight-1m") == String((requests + 1) * 10))
    }
}
