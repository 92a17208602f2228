import BinanceMargin
import Foundation
import MarginSim
import MarginSimServer
import Testing

/// Web pages cannot drive the sandbox (cross-origin posts, DNS rebinding), strangers cannot drive
/// one bound beyond loopback without its token, and mops's own client still can. Every request goes
/// to 127.0.0.1, even to a server bound to 0.0.0.0.
@Suite("Sandbox access: web pages, DNS rebinding, control token")
struct SandboxAccessTests {
    /// A request written byte for byte with exactly `headers` (no Host unless listed).
    static func raw(_ method: String, _ target: String, _ headers: [(String, String)], body: String = "") -> String {
        var lines = ["\(method) \(target) HTTP/1.1"] + headers.map { "\($0.0): \($0.1)" }
        if method != "GET" {
            lines += ["Content-Type: application/x-www-form-urlencoded", "Content-Length: \(body.utf8.count)"]
        }
        return lines.joined(separator: "\r\n") + "\r\n\r\n" + body
    }

    /// A simulator whose time stands still (so `/sim/state` changes only when something changes it),
    /// served on 127.0.0.1 or `host`.
    static func withSandbox<T: Sendable>(host: String = "127.0.0.1", controlToken: String? = nil,
                                         _ body: @Sendable (SandboxServer, Int) async throws -> T) async throws -> T {
        let simulator = MarginSimulator(clock: ManualClock())
        let server = SandboxServer(simulator: simulator, host: host, port: 0, logger: quietLogger, controlToken: controlToken)
        return try await withRunningSandbox(server) { url in try await body(server, url.port!) }
    }

    /// `GET /sim/state` from a well-behaved local client.
    static func state(_ port: Int, _ extra: [(String, String)] = []) async throws -> Data {
        let response = try #require(try await RawHTTPConnection.send(port: port, raw("GET", "/sim/state", [("Host", "127.0.0.1:\(port)")] + extra)))
        #expect(response.status == 200, "\(response.text)")
        return response.body
    }

    /// Checks a refusal: 403, JSON `-1002`, a message containing `mentioning`.
    static func expectRefused(_ response: RawHTTPResponse?, mentioning: String, _ context: String) throws {
        let response = try #require(response, "\(context): no response")
        #expect(response.status == 403, "\(context): \(response.status) \(response.text)")
        #expect(response.headers["content-type"] == "application/json;charset=UTF-8")
        #expect(response.text.hasPrefix(#"{"code":-1002,"msg":""#), "\(context): \(response.text)")
        let json = try #require(try response.json() as? [String: Any], "\(context)")
        #expect(json["code"] as? Int == -1002, "\(context)")
        #expect((json["msg"] as? String)?.contains(mentioning) == true, "\(context): \(json["msg"] ?? "")")
    }

    /// The state-changing control requests a page would try.
    static let controls: [(String, String, String)] = [
        ("POST", "/sim/reset", "scenario=empty"),
        ("POST", "/sim/deposit", "asset=USDT&amount=1000000"),
        ("POST", "/sim/price", "symbol=BTCUSDT&price=1"),
        ("POST", "/sim/fault", "kind=drop&count=5"),
        ("GET", "/sim/reset?scenario=whale", ""),
    ]

    @Test("a request from a web page (Origin, Sec-Fetch-Site) to /sim/* gets 403 and changes nothing; without them it works")
    func crossOriginControlRefused() async throws {
        try await Self.withSandbox { _, port in
            let before = try await Self.state(port)
            var random = SplitMix64(seed: 0x0_51C0)
            for iteration in 0..<60 {
                let (method, target, body) = random.pick(Self.controls)
                var headers = [(random.randomCase("host"), random.pick(["127.0.0.1:\(port)", "localhost:\(port)", "[::1]:\(port)"]))]
                let mentioning: String
                if Bool.random(using: &random) {
                    let origin = random.pick(["https://evil.example", "null", "http://127.0.0.1:\(port)", "http://localhost:\(port)",
                                              "http://[::1]:\(port)", "https://evil.example:443", "file://"])
                    headers.append((random.randomCase("origin"), origin))
                    mentioning = "Origin"
                } else {
                    let site = random.pick(["cross-site", "same-site", "same-origin"])
                    headers.append((random.randomCase("sec-fetch-site"), random.randomCase(site)))
                    mentioning = "Sec-Fetch-Site"
                }
                headers.shuffle(using: &random)
                let response = try await RawHTTPConnection.send(port: port, Self.raw(method, target, headers, body: body))
                try Self.expectRefused(response, mentioning: mentioning, "#\(iteration) \(method) \(target) \(headers)")
            }
            #expect(try await Self.state(port) == before, "a refused control request changed the state")
            // A refused request's unread body does not confuse the next request on the same connection.
            let kept = try await RawHTTPConnection.exchange(port: port, [
                Self.raw("POST", "/sim/deposit", [("Host", "127.0.0.1"), ("Origin", "null")], body: "asset=USDT&amount=5"),
                Self.raw("GET", "/sim/state", [("Host", "127.0.0.1")]),
            ])
            #expect(kept.map { $0?.status } == [403, 200])
            #expect(kept.last??.body == before)
            // The same requests without a browser's headers go through (so the refusals above were the guard's).
            let typed = try await RawHTTPConnection.send(port: port, Self.raw("POST", "/sim/deposit", [
                ("Host", "127.0.0.1:\(port)"), ("Sec-Fetch-Site", "none"),
            ], body: "asset=USDT&amount=1000000"))
            #expect(typed?.status == 200, "\(typed?.text ?? "")")
            #expect(try await Self.state(port) != before)
        }
    }

    @Test("a Host that is not a loopback name (DNS rebinding) gets 403 on every path, and changes nothing")
    func dnsRebindingRefused() async throws {
        try await Self.withSandbox { _, port in
            let before = try await Self.state(port)
            var random = SplitMix64(seed: 0xD_0D0)
            let names = ["evil.example", "localhost.evil.example", "127.0.0.1.evil.example", "evil.localhost", "localhostx",
                         "localhost..", "128.0.0.1", "126.255.255.255", "10.0.0.1", "0.0.0.0", "127.1", "2130706433",
                         "0x7f.0.0.1", "127.0.0.01", "127.0.0.256", "[::2]", "[::]", "[::ffff:10.0.0.1]", "[fe80::1]",
                         "::1", "[::1", "evil.example:80:80", ""]
            let paths: [(String, String, String)] = Self.controls + [("GET", "/api/v3/ping", ""), ("GET", "/api/v3/time", ""),
                                                                      ("GET", "/sim/state", "")]
            for iteration in 0..<80 {
                var host = random.randomCase(random.pick(names))
                if !host.isEmpty, host.last != "]" || Bool.random(using: &random) {
                    host += random.pick(["", ":\(port)", ":80", ":\(Int.random(in: 1...65535, using: &random))"])
                }
                let (method, target, body) = random.pick(paths)
                let response = try await RawHTTPConnection.send(port: port, Self.raw(method, target, [(random.randomCase("host"), host)], body: body))
                try Self.expectRefused(response, mentioning: "not a loopback name", "#\(iteration) Host: \(host) \(method) \(target)")
            }
            // A second Host header cannot smuggle a foreign name past a loopback first one.
            let smuggled = try await RawHTTPConnection.send(port: port, Self.raw("POST", "/sim/reset", [
                ("Host", "127.0.0.1:\(port)"), ("Host", "evil.example"),
            ]))
            #expect(smuggled?.status != 200)
            #expect(try await Self.state(port) == before)
        }
    }

    @Test("loopback Hosts in every form are accepted: 127/8, localhost in any case, a trailing dot, [::1] spellings, any port")
    func loopbackHostsAccepted() async throws {
        try await Self.withSandbox { _, port in
            var random = SplitMix64(seed: 0x100_BAC)
            for iteration in 0..<60 {
                var name: String
                switch Int.random(in: 0..<4, using: &random) {
                case 0: name = "127.\(Int.random(in: 0...255, using: &random)).\(Int.random(in: 0...255, using: &random)).\(Int.random(in: 0...255, using: &random))"
                case 1: name = random.randomCase("localhost")
                case 2: name = random.pick(["[::1]", "[0:0:0:0:0:0:0:1]", "[0000::0001]", "[::ffff:127.0.0.1]", "[::FFFF:127.9.8.7]"])
                default: name = "127.0.0.1"
                }
                if name.last != "]", Int.random(in: 0..<4, using: &random) == 0 { name += "." }
                let host = name + random.pick(["", ":\(port)", ":\(Int.random(in: 1...65535, using: &random))"])
                let headers = [(random.randomCase("host"), host)]
                let read = try await RawHTTPConnection.send(port: port, Self.raw("GET", "/sim/state", headers))
                #expect(read?.status == 200, "#\(iteration) Host: \(host): \(read?.text ?? "no response")")
                let write = try await RawHTTPConnection.send(port: port, Self.raw("POST", "/sim/price", headers, body: "symbol=BTCUSDT&price=6\(iteration)000"))
                #expect(write?.status == 200, "#\(iteration) Host: \(host): \(write?.text ?? "no response")")
            }
        }
    }

    @Test("only a loopback bind address needs no token; any other gets a fresh random one")
    func tokenOnlyOffLoopback() {
        let handler: SandboxServer.Handler = { _ in SandboxReply(response: TransportResponse(status: 200)) }
        for host in ["127.0.0.1", "127.0.0.2", "localhost", "LOCALHOST", "::1", "[::1]"] {
            #expect(SandboxServer(host: host, handler: handler).controlToken == nil, "\(host)")
        }
        var tokens = Set<String>()
        for host in ["0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.org", "localhost.example"] {
            let token = SandboxServer(host: host, handler: handler).controlToken
            #expect(token?.count == 64, "\(host)")
            tokens.insert(token ?? "")
        }
        #expect(tokens.count == 6, "tokens must not repeat")
        #expect(SandboxServer(host: "127.0.0.1", controlToken: "given-token-0123456789", handler: handler).controlToken == "given-token-0123456789")
    }

    @Test("bound to 0.0.0.0: no token or a wrong one → 403; the right one, in any header case, from any Host → 200")
    func tokenRequiredOffLoopback() async throws {
        try await Self.withSandbox(host: "0.0.0.0") { server, port in
            let token = try #require(server.controlToken)
            var random = SplitMix64(seed: 0x70_CE11)
            let paths: [(String, String, String)] = [("GET", "/api/v3/ping", ""), ("GET", "/sim/state", ""),
                                                     ("POST", "/sim/price", "symbol=BTCUSDT&price=61000")]
            for iteration in 0..<60 {
                let (method, target, body) = random.pick(paths)
                var headers = [("Host", random.pick(["127.0.0.1:\(port)", "192.0.2.7:\(port)", "sandbox.lan", "evil.example"]))]
                let name = random.randomCase("x-mops-control-token")
                let presented: String?
                switch Int.random(in: 0..<5, using: &random) {
                case 0: presented = nil
                case 1: presented = String(token.dropLast()) + (token.last == "0" ? "1" : "0")
                case 2: presented = String(token.prefix(Int.random(in: 0..<64, using: &random)))
                case 3: presented = token + "0"
                default: presented = token
                }
                if let presented { headers.append((name, presented)) }
                let response = try await RawHTTPConnection.send(port: port, Self.raw(method, target, headers, body: body))
                if presented == token {
                    #expect(response?.status == 200, "#\(iteration): \(response?.text ?? "no response")")
                } else {
                    try Self.expectRefused(response, mentioning: "X-Mops-Control-Token", "#\(iteration) \(presented ?? "no token")")
                }
            }
            // The token does not make a web page's control request acceptable.
            let page = try await RawHTTPConnection.send(port: port, Self.raw("POST", "/sim/reset", [
                ("Host", "127.0.0.1:\(port)"), ("X-Mops-Control-Token", token), ("Origin", "https://evil.example"),
            ]))
            try Self.expectRefused(page, mentioning: "Origin", "token + Origin")
        }
    }

    @Test("mops's client: plain HTTPTransport drives a loopback sandbox's /sim/*; with the token added, one bound to 0.0.0.0")
    func mopsClientStillWorks() async throws {
        let credentials = try Credentials.hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret)
        try await Self.withSandbox { _, port in
            let url = URL(string: "http://127.0.0.1:\(port)")!
            let client = try MarginClient(configuration: .init(transport: try HTTPTransport(baseURL: url), credentials: credentials))
            try await client.simSetPrice(symbol: "BTCUSDT", price: "55000")
            #expect(try await client.price("BTCUSDT") == "55000")
        }
        try await Self.withSandbox(host: "0.0.0.0") { server, port in
            let url = URL(string: "http://127.0.0.1:\(port)")!
            let token = try #require(server.controlToken)
            let plain = try MarginClient(configuration: .init(transport: try HTTPTransport(baseURL: url), credentials: credentials))
            await #expect(throws: (any Error).self) { try await plain.simSetPrice(symbol: "BTCUSDT", price: "1") }
            let transport = HeaderAddingTransport(base: try HTTPTransport(baseURL: url),
                                                  fields: [(name: SandboxAccessPolicy.tokenHeader, value: token)])
            #expect(transport.baseURL == url)
            let client = try MarginClient(configuration: .init(transport: transport, credentials: credentials))
            try await client.simSetPrice(symbol: "BTCUSDT", price: "56000")
            #expect(try await client.price("BTCUSDT") == "56000")
            _ = try await client.crossAccount()
        }
    }
}
