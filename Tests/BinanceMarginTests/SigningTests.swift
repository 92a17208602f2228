import Crypto
import _CryptoExtras
import Foundation
import Testing
@testable import BinanceMargin

@Suite struct SigningTests {
    @Test(arguments: [
        // Binance's official vectors (rest-api.md "HMAC Keys"): ASCII, non-ASCII symbol, and mixed query + body.
        ("symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559",
         "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"),
        ("symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559",
         "e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3"),
        ("symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC" + "quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559",
         "0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77"),
        // The two sapi vectors computed for the reference.
        ("symbol=BTCUSDT&isIsolated=FALSE&side=BUY&type=MARKET&quoteOrderQty=100&sideEffectType=MARGIN_BUY&recvWindow=5000&timestamp=1700000000000",
         "2d4751d88468ccd84e1839cb6658be7285c1a5579af2203d93baa1f384578f10"),
        ("asset=USDT&isIsolated=FALSE&amount=100&type=BORROW&timestamp=1700000000000",
         "c351d086737fc36b8ae736db7a77dd37876c83af8ab25097978540a278509009"),
    ])
    func hmacVectors(payload: String, expected: String) throws {
        #expect(Signatures.hmacSHA256Hex(payload, secret: TestKeys.secret) == expected)
        #expect(try TestKeys.credentials.signature(for: payload) == expected)
    }

    @Test func nonASCIISymbolIsPercentEncodedAsInTheVector() {
        #expect(PercentEncoding.encode("１２３４５６") == "%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96")
        #expect(PercentEncoding.encode("a+b/c=d e~_.-") == "a%2Bb%2Fc%3Dd%20e~_.-")
        #expect(PercentEncoding.decode("a%2Bb%2Fc%3D") == "a+b/c=")
    }

    @Test func clientSignsTheExactBytesItSends_sapiBorrowVector() async throws {
        let transport = FakeTransport(json: #"{"tranId":100000001}"#)
        let client = try makeClient(transport, recvWindow: nil)
        let id = try await client.borrow(asset: "USDT", amount: 100)
        #expect(id == 100000001)
        let request = try #require(transport.sent.first { $0.method == .post })   // after the watermark read
        #expect(request.path == "/sapi/v1/margin/borrow-repay")
        #expect(request.query == "asset=USDT&isIsolated=FALSE&amount=100&type=BORROW&timestamp=1700000000000&signature=c351d086737fc36b8ae736db7a77dd37876c83af8ab25097978540a278509009")
        #expect(request.body == "")
        #expect(request.header("X-MBX-APIKEY") == TestKeys.apiKey)
    }

    @Test func ed25519SignThenVerifyFromPEM() throws {
        let key = Curve25519.Signing.PrivateKey()
        let credentials = try Credentials.privateKey(apiKey: "k1234567890", pem: key.pemRepresentation)
        #expect(credentials.keyType == .ed25519)
        let payload = "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=1&timestamp=1700000000000"
        let wire = try credentials.signature(for: payload)
        #expect(!wire.contains("+") && !wire.contains("/") && !wire.contains("="))
        let base64 = try #require(PercentEncoding.decode(wire))
        #expect(Signatures.verifyEd25519(payload: payload, base64Signature: base64, publicKeyPEM: key.publicKey.pemRepresentation))
        #expect(!Signatures.verifyEd25519(payload: payload + "x", base64Signature: base64, publicKeyPEM: key.publicKey.pemRepresentation))
    }

    @Test func rsaSignThenVerifyFromPKCS8PEM() throws {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let credentials = try Credentials.privateKey(apiKey: "k1234567890", pem: key.pkcs8PEMRepresentation)
        #expect(credentials.keyType == .rsa)
        let payload = "asset=USDT&isIsolated=FALSE&amount=100&type=BORROW&timestamp=1700000000000"
        let wire = try credentials.signature(for: payload)
        let base64 = try #require(PercentEncoding.decode(wire))
        #expect(Data(base64Encoded: base64)?.count == 256)
        #expect(Signatures.verifyRSA(payload: payload, base64Signature: base64, publicKeyPEM: key.publicKey.pemRepresentation))
        // RSASSA-PKCS1-v1_5 over SHA-256, as Binance requires: the signature verifies against the SHA-256 digest.
        let signature = _RSA.Signing.RSASignature(rawRepresentation: try #require(Data(base64Encoded: base64)))
        #expect(key.publicKey.isValidSignature(signature, for: SHA256.hash(data: Data(payload.utf8)), padding: .insecurePKCS1v1_5))
        #expect(!Signatures.verifyRSA(payload: payload + "&x=1", base64Signature: base64, publicKeyPEM: key.publicKey.pemRepresentation))
    }

    @Test func rejectsNonPKCS8AndGarbageKeys() throws {
        let rsa = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        #expect(throws: BinanceError.self) { try Credentials.privateKey(apiKey: "k1234567890", pem: rsa.pemRepresentation) }
        let garbage = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
        let error = #expect(throws: BinanceError.self) { try Credentials.privateKey(apiKey: "k1234567890", pem: garbage) }
        #expect(error?.category == .invalidInput)
        #expect(error?.description.contains("AAAA") == false)
    }

    @Test func privateKeyFileIsLoadedOnlyWhenPrivate() throws {
        let key = Curve25519.Signing.PrivateKey()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mops-key-\(UUID().uuidString).pem")
        defer { try? FileManager.default.removeItem(at: url) }
        try key.pemRepresentation.write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: url.path)
        let refused = #expect(throws: BinanceError.self) {
            try CredentialsSource.environment(["BINANCE_API_KEY": "k1234567890", "BINANCE_PRIVATE_KEY_FILE": url.path])
        }
        #expect(refused?.hint?.contains("chmod 600") == true)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
        let credentials = try #require(try CredentialsSource.environment(["BINANCE_API_KEY": "k1234567890", "BINANCE_PRIVATE_KEY_FILE": url.path]))
        #expect(credentials.keyType == .ed25519)
    }
}
