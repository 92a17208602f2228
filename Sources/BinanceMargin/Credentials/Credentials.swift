import Foundation

/// An API key and the key that signs requests: an HMAC secret, or an Ed25519 / RSA private key.
///
/// The secret never leaves this value: `description`, `debugDescription`, `dump` and string
/// interpolation show only the key type and a masked API key (`vmPU…Eh8A`).
public struct Credentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The API key, sent in `X-MBX-APIKEY` (not a secret, but logs still mask it).
    public let apiKey: String
    let signer: RequestSigner

    /// HMAC-SHA256 credentials from an API key and its secret.
    public static func hmac(apiKey: String, secret: String) throws -> Credentials {
        try checkKey(apiKey)
        guard !secret.isEmpty else {
            throw BinanceError.invalidInput("apiSecret", "the API secret is empty", hint: "set BINANCE_API_SECRET to the secret shown when the key was created")
        }
        return Credentials(apiKey: apiKey, signer: .hmac(secret: secret))
    }

    /// Ed25519 or RSA credentials from an API key and a PKCS#8 PEM private key (type detected).
    public static func privateKey(apiKey: String, pem: String, source: String = "the private key") throws -> Credentials {
        try checkKey(apiKey)
        return Credentials(apiKey: apiKey, signer: try .privateKey(pem: pem, source: source))
    }

    /// Ed25519 or RSA credentials from an API key and a PEM file, refused when group or others may read it.
    public static func privateKey(apiKey: String, file: URL) throws -> Credentials {
        let pem = try CredentialsFile.readPrivate(file, what: "private key file")
        return try privateKey(apiKey: apiKey, pem: pem, source: file.path)
    }

    /// Which kind of key signs.
    public var keyType: KeyType { signer.keyType }

    /// The API key with all but its first and last four characters hidden.
    public var maskedAPIKey: String { Credentials.mask(apiKey) }

    /// The `signature` value for `payload` (query string followed by body), ready for the wire.
    public func signature(for payload: String) throws -> String {
        do {
            return try signer.sign(payload)
        } catch {
            throw BinanceError(category: .auth, message: "signing failed with the \(keyType.rawValue) key")
        }
    }

    /// `Credentials(apiKey: vmPU…Eh8A, HMAC-SHA256, secret: <redacted>)`.
    public var description: String { "Credentials(apiKey: \(maskedAPIKey), \(keyType.rawValue), secret: <redacted>)" }
    /// The same redacted text as ``description``.
    public var debugDescription: String { description }
    /// A mirror with the masked key and no secret, so `dump` shows nothing secret.
    public var customMirror: Mirror {
        Mirror(self, children: ["apiKey": maskedAPIKey, "keyType": keyType.rawValue, "secret": "<redacted>"], displayStyle: .struct)
    }

    static func mask(_ key: String) -> String {
        guard key.count > 8 else { return String(repeating: "*", count: key.count) }
        return key.prefix(4) + "…" + key.suffix(4)
    }

    static func checkKey(_ apiKey: String) throws {
        guard !apiKey.isEmpty else {
            throw BinanceError.invalidInput("apiKey", "the API key is empty", hint: "set BINANCE_API_KEY to the key shown on Binance's API management page")
        }
        guard apiKey.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw BinanceError.invalidInput("apiKey", "the API key contains spaces or non-ASCII characters",
                hint: "copy the key again without quotes, spaces or line breaks")
        }
    }
}
