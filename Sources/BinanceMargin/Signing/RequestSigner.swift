import Crypto
import _CryptoExtras
import Foundation

/// The kind of key that signs requests.
public enum KeyType: String, Sendable, Hashable, CaseIterable {
    /// HMAC-SHA256 with the API secret; signature is 64 lower-case hex digits.
    case hmacSHA256 = "HMAC-SHA256"
    /// Ed25519 private key (PKCS#8 PEM); signature is base64, percent-encoded on the wire.
    case ed25519 = "Ed25519"
    /// RSA private key (PKCS#8 PEM), RSASSA-PKCS1-v1_5 with SHA-256; base64, percent-encoded.
    case rsa = "RSA"
}

/// Signs the exact bytes of a request (query string followed by body, no separator).
///
/// Holds key material, so it is internal and never printed: ``Credentials`` wraps it and redacts it.
struct RequestSigner: Sendable {
    enum Key: Sendable {
        /// The API secret as an HMAC key, and HMAC-SHA256 keyed with it once (its pads already hashed),
        /// copied for each request.
        case hmac(SymmetricKey, KeyedSHA256)
        /// An Ed25519 private key.
        case ed25519(Curve25519.Signing.PrivateKey)
        /// An RSA private key.
        case rsa(_RSA.Signing.PrivateKey)
    }

    let key: Key

    var keyType: KeyType {
        switch key {
        case .hmac: return .hmacSHA256
        case .ed25519: return .ed25519
        case .rsa: return .rsa
        }
    }

    static func hmac(secret: String) -> RequestSigner {
        let key = SymmetricKey(data: Data(secret.utf8))
        return RequestSigner(key: .hmac(key, KeyedSHA256(key: secret.utf8)))
    }

    /// Loads a PKCS#8 PEM private key, Ed25519 or RSA (detected).
    static func privateKey(pem: String, source: String) throws -> RequestSigner {
        if pem.contains("ENCRYPTED PRIVATE KEY") {
            throw BinanceError.invalidInput(source, "the private key in \(source) is encrypted",
                hint: "export it unencrypted as PKCS#8: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem (and chmod 600 it)")
        }
        guard pem.contains("-----BEGIN PRIVATE KEY-----") else {
            throw BinanceError.invalidInput(source, "\(source) does not hold a PKCS#8 PEM private key (\"-----BEGIN PRIVATE KEY-----\")",
                hint: "convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem")
        }
        if let key = try? Curve25519.Signing.PrivateKey(pemRepresentation: pem) {
            return RequestSigner(key: .ed25519(key))
        }
        if let key = try? _RSA.Signing.PrivateKey(pemRepresentation: pem) {
            return RequestSigner(key: .rsa(key))
        }
        throw BinanceError.invalidInput(source, "\(source) holds a private key that is neither Ed25519 nor RSA, or is damaged",
            hint: "Binance accepts HMAC secrets, Ed25519 and RSA keys; generate one with: openssl genpkey -algorithm ed25519 -out key.pem")
    }

    /// The value of `signature=` for `payload`, ready for the wire (hex, or percent-encoded base64).
    func sign(_ payload: String) throws -> String {
        switch key {
        case .hmac(_, let keyed):
            var payload = payload
            return payload.withUTF8 { keyed.withCode(of: UnsafeRawBufferPointer($0), Signatures.hex(bytes:)) }
        case .ed25519(let key):
            let data = Data(payload.utf8)
            let signature = try key.signature(for: data)
            return PercentEncoding.encode(Data(signature).base64EncodedString())
        case .rsa(let key):
            let signature = try key.signature(for: Data(payload.utf8), padding: .insecurePKCS1v1_5)
            return PercentEncoding.encode(signature.rawRepresentation.base64EncodedString())
        }
    }
}

/// Signature helpers that hold no key: Binance's HMAC digest and verification of Ed25519/RSA
/// signatures with a public key (what a Binance-compatible server does).
public enum Signatures {
    /// `hex(HMAC-SHA256(secret, payload))`, lower case — the `signature` Binance expects.
    public static func hmacSHA256Hex(_ payload: String, secret: String) -> String {
        hex(HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: SymmetricKey(data: Data(secret.utf8))))
    }

    /// Whether `signature` (base64, not percent-encoded) is a valid Ed25519 signature of `payload`
    /// by the PEM public key `publicKeyPEM`.
    public static func verifyEd25519(payload: String, base64Signature signature: String, publicKeyPEM: String) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(pemRepresentation: publicKeyPEM),
              let bytes = Data(base64Encoded: signature) else { return false }
        return key.isValidSignature(bytes, for: Data(payload.utf8))
    }

    /// Whether `signature` (base64, not percent-encoded) is a valid RSASSA-PKCS1-v1_5/SHA-256
    /// signature of `payload` by the PEM public key `publicKeyPEM`.
    public static func verifyRSA(payload: String, base64Signature signature: String, publicKeyPEM: String) -> Bool {
        guard let key = try? _RSA.Signing.PublicKey(pemRepresentation: publicKeyPEM),
              let bytes = Data(base64Encoded: signature) else { return false }
        return key.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: bytes), for: Data(payload.utf8),
                                    padding: .insecurePKCS1v1_5)
    }

    /// Lower-case hex of `bytes`, from their memory (a digest's bytes, without iterating it through its protocols).
    static func hex(bytes: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2, initializingUTF8With: { out in
            let digits: StaticString = "0123456789abcdef"
            let table = digits.utf8Start
            for (i, byte) in bytes.enumerated() {
                out[2 * i] = table[Int(byte >> 4)]
                out[2 * i + 1] = table[Int(byte & 0x0F)]
            }
            return bytes.count * 2
        })
    }

    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
