import BinanceMargin
import Crypto
import Foundation

/// Checks API keys, signatures and the timestamp window exactly the way Binance does.
///
/// HMAC keys: HMAC-SHA256 over the raw query string followed by the raw body (no separator), with
/// the `signature` pair removed, compared case-insensitively; when that fails, the same over the
/// percent-decoded pairs is accepted too, because python-binance signs decoded values.
/// Ed25519 keys: the base64 signature is verified over the same raw payload.
struct Authenticator: Sendable {
    enum Key: Sendable {
        /// HMAC-SHA256 keyed with the secret once (its pads hashed), copied for each check.
        case hmac(KeyedSHA256)
        case ed25519(Curve25519.Signing.PublicKey)
    }

    private let keys: [String: Key]

    /// Builds the key table. An Ed25519 public key that cannot be read is left out
    /// (``Scenario/validate()`` reports it, naming the key).
    init(keys: [Scenario.APIKey]) {
        var table: [String: Key] = [:]
        for entry in keys {
            if let secret = entry.secret {
                table[entry.apiKey] = .hmac(KeyedSHA256(key: secret.utf8))
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
        guard let apiKey = Authenticator.header("X-MBX-APIKEY", of: request), !apiKey.isEmpty else {
            throw .badAPIKeyFormat
        }
        if let key = keys[apiKey] { return key }
        let wellFormed = apiKey.utf8.count == 64 && apiKey.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
        }
        throw wellFormed ? .rejectedAPIKey : .badAPIKeyFormat
    }

    /// When a signed request says it was made, and how late it may arrive: what is left to check
    /// against the server's clock once the key and the signature are verified.
    struct SignedTime: Sendable {
        /// The request's `timestamp`, in milliseconds.
        var timestamp: Int64
        /// Its `recvWindow` (default 5000 ms).
        var window: Number
    }

    /// Full check of a signed request at server time `now` (ms).
    func verifySigned(_ request: TransportRequest, _ parameters: RequestParameters, now: Int64) throws(ExchangeError) {
        try Authenticator.checkTime(verifySignature(request, parameters), now: now)
    }

    /// The checks of a signed request that do not depend on the clock, in Binance's order: the key,
    /// `timestamp`, `recvWindow`, then the signature. Returns what ``checkTime(_:now:)`` still checks.
    func verifySignature(_ request: TransportRequest, _ parameters: RequestParameters) throws(ExchangeError) -> SignedTime {
        let key = try key(for: request)
        guard var timestamp = try parameters.long("timestamp") else { throw .mandatory("timestamp") }
        if timestamp >= 10_000_000_000_000_000 { throw .illegalChars("timestamp", range: RequestParameters.longRange) }
        if timestamp >= 10_000_000_000_000
            || Authenticator.header("X-MBX-TIME-UNIT", of: request)?.uppercased() == "MICROSECOND" {
            timestamp /= 1000   // microseconds
        }
        var window = Number(5000)
        if let text = parameters.string("recvWindow") {
            guard RequestParameters.isPlainDecimal(text), let value = Number(text), value.normalized.scale <= 3 else {
                throw .illegalChars("recvWindow", range: "^[0-9]{1,20}(\\.[0-9]{1,3})?$")
            }
            guard value <= 60000 else { throw .tooGreat("recvWindow", "60000") }
            window = value
        }
        guard let signature = parameters.string("signature") else { throw .mandatory("signature") }
        guard Authenticator.verify(key, signature: signature, query: request.query, body: request.body) else {
            throw .invalidSignature
        }
        return SignedTime(timestamp: timestamp, window: window)
    }

    /// Binance's time rule at server time `now` (ms): accept when timestamp < now + 1 s and
    /// now − timestamp ≤ recvWindow.
    static func checkTime(_ claim: SignedTime, now: Int64) throws(ExchangeError) {
        // Saturating: neither time is trusted to sit far from the ends of Int64.
        guard claim.timestamp < now.saturatingAdding(1000) else { throw .timestampAhead }
        guard Number(now.saturatingSubtracting(claim.timestamp)) <= claim.window else { throw .timestampOutsideWindow }
    }

    /// Verifies `signature` against the raw payload (and, for HMAC, the decoded fallback).
    static func verify(_ key: Key, signature: String, query: String, body: String) -> Bool {
        switch key {
        case .hmac(let keyed):
            // The usual signed request, read in place; anything else (or a mismatch) takes the general path.
            if body.isEmpty, signedPrefix(query, { keyed.withCode(of: $0) { matches($0, hexSignature: signature) } }) == true {
                return true
            }
            var payload: [UInt8] = []
            payload.reserveCapacity(query.utf8.count + body.utf8.count)
            appendWithoutSignature(query, to: &payload)
            appendWithoutSignature(body, to: &payload)
            if payload.withUnsafeBytes({ keyed.withCode(of: $0) { matches($0, hexSignature: signature) } }) { return true }
            let decoded = decodedPairs(withoutSignature(query)) + decodedPairs(withoutSignature(body))
            guard !decoded.utf8.elementsEqual(payload) else { return false }
            var decodedPayload = decoded
            return decodedPayload.withUTF8 { keyed.withCode(of: UnsafeRawBufferPointer($0)) { matches($0, hexSignature: signature) } }
        case .ed25519(let publicKey):
            let payload = withoutSignature(query) + withoutSignature(body)
            // A `+` the client forgot to percent-encode arrives as a space: put it back.
            guard let bytes = Data(base64Encoded: signature.replacingOccurrences(of: " ", with: "+")) else { return false }
            return publicKey.isValidSignature(bytes, for: Data(payload.utf8))
        }
    }

    /// `check` of the query's bytes before `&signature=…` when that is its last pair and no other pair is a signature —
    /// the payload ``appendWithoutSignature(_:to:)`` would build, read in place; nil for any other query.
    static func signedPrefix(_ query: String, _ check: (UnsafeRawBufferPointer) -> Bool) -> Bool? {
        var query = query
        return query.withUTF8 { bytes -> Bool? in
            guard let last = bytes.lastIndex(of: UInt8(ascii: "&")),
                  UnsafeBufferPointer(rebasing: bytes[(last + 1)...]).starts(with: signaturePrefix) else { return nil }
            let prefix = UnsafeBufferPointer(rebasing: bytes[..<last])
            var start = 0
            while start <= prefix.count {   // every earlier pair, the first included: none may be a signature
                var end = start
                while end < prefix.count, prefix[end] != UInt8(ascii: "&") { end += 1 }
                if UnsafeBufferPointer(rebasing: prefix[start..<end]).starts(with: signaturePrefix) { return nil }
                start = end + 1
            }
            return check(UnsafeRawBufferPointer(prefix))
        }
    }

    /// `raw` without its `signature=` pairs (``withoutSignature(_:)``), appended as UTF-8 bytes.
    static func appendWithoutSignature(_ raw: String, to out: inout [UInt8]) {
        var raw = raw
        raw.withUTF8 { bytes in
            var start = 0, first = true
            while start <= bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "&") { end += 1 }
                let pair = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if !pair.starts(with: signaturePrefix) {
                    if !first { out.append(UInt8(ascii: "&")) }
                    out.append(contentsOf: pair)
                    first = false
                }
                start = end + 1
            }
        }
    }

    private static let signaturePrefix = Array("signature=".utf8)

    /// Whether `signature` is the hex of `mac`, letters in any case; compares in constant time.
    static func matches<M: Sequence>(_ mac: M, hexSignature signature: String) -> Bool where M.Element == UInt8 {
        var signature = signature
        return signature.withUTF8 { given in
            var diff: UInt8 = 0, i = 0
            for byte in mac {
                guard i + 1 < given.count else { return false }
                diff |= hexDigits[Int(byte >> 4)] ^ lowerCased(given[i])
                diff |= hexDigits[Int(byte & 0x0f)] ^ lowerCased(given[i + 1])
                i += 2
            }
            return i == given.count && diff == 0
        }
    }

    private static func lowerCased(_ c: UInt8) -> UInt8 { c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") ? c | 0x20 : c }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The value of the header `name` (ASCII letters in any case), the first when repeated.
    static func header(_ name: String, of request: TransportRequest) -> String? {
        for field in request.headers where sameHeaderName(field.name, name) { return field.value }
        return nil
    }

    /// Whether two header names are the same, ASCII letters in any case (compared over their UTF-8 buffers).
    static func sameHeaderName(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                for i in 0..<x.count {
                    let (p, q) = (x[i], y[i])
                    guard p == q || (p | 0x20 == q | 0x20 && (p | 0x20) >= UInt8(ascii: "a") && (p | 0x20) <= UInt8(ascii: "z")) else {
                        return false
                    }
                }
                return true
            }
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
            let name = RequestParameters.decode(parts[0])
            return parts.count > 1 ? name + "=" + RequestParameters.decode(parts[1]) : name
        }.joined(separator: "&")
    }
}
