import BinanceMargin
import Crypto
import Foundation

/// How an endpoint is protected, as Binance labels it.
enum Security: Sendable {
    /// Public.
    case none
    /// API key header only (MARKET_DATA, USER_STREAM).
    case apiKey
    /// API key, timestamp and signature (TRADE, MARGIN, USER_DATA).
    case signed
}

/// Checks API keys, signatures and the timestamp window exactly the way Binance does.
///
/// HMAC keys: HMAC-SHA256 over the raw query string followed by the raw body (no separator), with
/// the `signature` pair removed, compared case-insensitively; when that fails, the same over the
/// percent-decoded pairs is accepted too, because python-binance signs decoded values.
/// Ed25519 keys: the base64 signature is verified over the same raw payload.
struct Authenticator: Sendable {
    enum Key: Sendable {
        case hmac(SymmetricKey)
        case ed25519(Curve25519.Signing.PublicKey)
    }

    private let keys: [String: Key]

    /// Builds the key table. An Ed25519 public key that cannot be read is left out
    /// (``Scenario/validate()`` reports it, naming the key).
    init(keys: [Scenario.APIKey]) {
        var table: [String: Key] = [:]
        for entry in keys {
            if let secret = entry.secret {
                table[entry.apiKey] = .hmac(SymmetricKey(data: Data(secret.utf8)))
            } else if let text = entry.ed25519PublicKey, let key = Authenticator.ed25519PublicKey(text) {
                table[entry.apiKey] = .ed25519(key)
            }
        }
        self.keys = table
    }

    /// Reads a raw 32-byte key (base64) or a PEM `PUBLIC KEY` (SPKI, 44 bytes DER).
    static func ed25519PublicKey(_ text: String) -> Curve25519.Signing.PublicKey? {
        let body = text.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        guard let der = Data(base64Encoded: body.trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
        let spkiPrefix: [UInt8] = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]
        if der.count == 44, Array(der.prefix(12)) == spkiPrefix {
            return try? Curve25519.Signing.PublicKey(rawRepresentation: der.suffix(32))
        }
        if der.count == 32 { return try? Curve25519.Signing.PublicKey(rawRepresentation: der) }
        return nil
    }

    /// Checks the `X-MBX-APIKEY` header: -2014 when missing or malformed, -2015 when unknown.
    func key(for request: TransportRequest) throws(ExchangeError) -> Key {
        guard let apiKey = request.header("X-MBX-APIKEY"), !apiKey.isEmpty else { throw .badAPIKeyFormat }
        if let key = keys[apiKey] { return key }
        let wellFormed = apiKey.utf8.count == 64 && apiKey.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
        }
        throw wellFormed ? .rejectedAPIKey : .badAPIKeyFormat
    }

    /// Full check of a signed request at server time `now` (ms).
    func verifySigned(_ request: TransportRequest, _ parameters: Parameters, now: Int64) throws(ExchangeError) {
        let key = try key(for: request)
        guard var timestamp = try parameters.long("timestamp") else { throw .mandatory("timestamp") }
        if timestamp >= 10_000_000_000_000_000 { throw .illegalChars("timestamp", range: Parameters.longRange) }
        if timestamp >= 10_000_000_000_000 || request.header("X-MBX-TIME-UNIT")?.uppercased() == "MICROSECOND" {
            timestamp /= 1000   // microseconds
        }
        var window = Number(5000)
        if let text = parameters.string("recvWindow") {
            guard Parameters.isPlainDecimal(text), let value = Number(text), value.normalized.scale <= 3 else {
                throw .illegalChars("recvWindow", range: "^[0-9]{1,20}(\\.[0-9]{1,3})?$")
            }
            guard value <= 60000 else { throw .tooGreat("recvWindow", "60000") }
            window = value
        }
        guard let signature = parameters.string("signature") else { throw .mandatory("signature") }
        guard Authenticator.verify(key, signature: signature, query: request.query, body: request.body) else {
            throw .invalidSignature
        }
        // Binance: accept when timestamp < serverTime + 1 s and serverTime − timestamp ≤ recvWindow.
        // Saturating: neither time is trusted to sit far from the ends of Int64.
        guard timestamp < now.saturatingAdding(1000) else { throw .timestampAhead }
        guard Number(now.saturatingSubtracting(timestamp)) <= window else { throw .timestampOutsideWindow }
    }

    /// Verifies `signature` against the raw payload (and, for HMAC, the decoded fallback).
    static func verify(_ key: Key, signature: String, query: String, body: String) -> Bool {
        let payload = withoutSignature(query) + withoutSignature(body)
        switch key {
        case .hmac(let secret):
            let expected = hex(HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: secret))
            if constantTimeEqual(expected, signature.lowercased()) { return true }
            let decoded = decodedPairs(withoutSignature(query)) + decodedPairs(withoutSignature(body))
            guard decoded != payload else { return false }
            let fallback = hex(HMAC<SHA256>.authenticationCode(for: Data(decoded.utf8), using: secret))
            return constantTimeEqual(fallback, signature.lowercased())
        case .ed25519(let publicKey):
            // A `+` the client forgot to percent-encode arrives as a space: put it back.
            guard let bytes = Data(base64Encoded: signature.replacingOccurrences(of: " ", with: "+")) else { return false }
            return publicKey.isValidSignature(bytes, for: Data(payload.utf8))
        }
    }

    /// The raw string with every `signature=` pair removed, other pairs kept byte for byte.
    static func withoutSignature(_ raw: String) -> String {
        guard raw.contains("signature=") else { return raw }
        return raw.split(separator: "&", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("signature=") }
            .joined(separator: "&")
    }

    /// `k=v&…` with keys and values percent-decoded (`+` as space): what python-binance signs.
    static func decodedPairs(_ raw: String) -> String {
        raw.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Parameters.decode(parts[0])
            return parts.count > 1 ? name + "=" + Parameters.decode(parts[1]) : name
        }.joined(separator: "&")
    }

    static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0x0f)]) }
        return String(decoding: out, as: UTF8.self)
    }

    private static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
