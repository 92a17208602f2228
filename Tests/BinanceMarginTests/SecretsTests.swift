import Foundation
import Logging
import Testing
@testable import BinanceMargin

/// The API secret and private keys never appear in descriptions, dumps, errors, events or logs.
@Suite struct SecretsTests {
    @Test func credentialsNeverShowTheSecret() {
        let credentials = TestKeys.credentials
        var dumped = ""
        dump(credentials, to: &dumped)
        let texts = [String(describing: credentials), String(reflecting: credentials), "\(credentials)", dumped,
                     String(describing: Mirror(reflecting: credentials).children.map { "\($0.label ?? ""): \($0.value)" })]
        for text in texts {
            #expect(!text.contains(TestKeys.secret))
            #expect(!text.contains(TestKeys.apiKey))   // the key is masked too
        }
        #expect(String(describing: credentials).contains("vmPU…Eh8A"))
    }

    @Test func configurationDumpDoesNotLeakTheSecret() throws {
        let configuration = MarginClient.Configuration(transport: FakeTransport(json: "{}"), credentials: TestKeys.credentials)
        var dumped = ""
        dump(configuration, to: &dumped)
        #expect(!dumped.contains(TestKeys.secret))
    }

    @Test func logsEventsAndErrorsCarryNoSecretKeyOrSignature() async throws {
        let lines = Locked<[String]>([])
        let events = Locked<[String]>([])
        let logger = Logger(label: "test") { _ in CapturingLogHandler(lines: lines) }
        let transport = FakeTransport { request, _ in
            request.path == "/sapi/v1/margin/order"
                ? response(400, #"{"code":-1022,"msg":"Signature for this request is not valid."}"#)
                : response(200, Samples.crossAccount)
        }
        let client = try makeClient(transport, logger: logger, observer: { event in events.with { $0.append("\(event)") } })
        _ = try await client.crossAccount()
        let error = await #expect(throws: BinanceError.self) { try await client.placeOrder(.market("BTCUSDT", .buy, quantity: 1)) }
        let signatures = transport.sent.compactMap { splitSignature($0.query)?.signature }
        #expect(signatures.count == 2)
        let everything = lines.current + events.current + [String(describing: error), String(reflecting: error)]
        #expect(!lines.current.isEmpty && !events.current.isEmpty)
        for text in everything {
            #expect(!text.contains(TestKeys.secret))
            #expect(!text.contains(TestKeys.apiKey))
            for signature in signatures { #expect(!text.contains(signature)) }
        }
        #expect(lines.current.contains { $0.contains("signature=<redacted>") })
    }

    @Test func configFileIsRefusedWhenOthersCanReadIt() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mops-credentials-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        try "# mops\napi_key = \(TestKeys.apiKey)\napi_secret = \"\(TestKeys.secret)\"\n".write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: url.path)
        let error = #expect(throws: BinanceError.self) { try CredentialsSource.file(url) }
        #expect(error?.hint == "it holds a secret: run chmod 600 \(url.path)")
        #expect(error.map { !String(describing: $0).contains(TestKeys.secret) } == true)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
        let credentials = try CredentialsSource.file(url)
        #expect(credentials.apiKey == TestKeys.apiKey && credentials.keyType == .hmacSHA256)
        #expect(try credentials.signature(for: "a=1") == Signatures.hmacSHA256Hex("a=1", secret: TestKeys.secret))
    }

    @Test func environmentCredentials() throws {
        #expect(try CredentialsSource.environment([:]) == nil)
        let hmac = try #require(try CredentialsSource.environment(["BINANCE_API_KEY": TestKeys.apiKey, "BINANCE_API_SECRET": TestKeys.secret]))
        #expect(hmac.keyType == .hmacSHA256)
        let missing = #expect(throws: BinanceError.self) { try CredentialsSource.environment(["BINANCE_API_KEY": TestKeys.apiKey]) }
        #expect(missing?.field == "BINANCE_API_SECRET")
    }

    @Test func resolvePrefersTheEnvironmentThenTheDefaultFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mops-xdg-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try CredentialsSource.resolve(["XDG_CONFIG_HOME": dir.path]) == nil)
        let file = CredentialsSource.defaultFile(["XDG_CONFIG_HOME": dir.path])
        #expect(file.path == dir.path + "/mops/credentials")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "api_key = fileKey1234\napi_secret = s3cr3t\n".write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        #expect(try CredentialsSource.resolve(["XDG_CONFIG_HOME": dir.path])?.apiKey == "fileKey1234")
        let env = ["XDG_CONFIG_HOME": dir.path, "BINANCE_API_KEY": "envKey12345", "BINANCE_API_SECRET": "x"]
        #expect(try CredentialsSource.resolve(env)?.apiKey == "envKey12345")
    }
}
