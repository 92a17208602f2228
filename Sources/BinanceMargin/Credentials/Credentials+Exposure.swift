import Crypto
import _CryptoExtras
import Foundation

extension Credentials {
    /// Whether `text` contains this credential's secret material: the API key, the HMAC secret, or
    /// the private key (a line of its PEM text, or its raw bytes in base64 or hex).
    ///
    /// The REPL asks this before it keeps a line in its history file. The secret is read from the
    /// key only for the comparison and is never returned or stored.
    public func isRevealed(by text: String) -> Bool {
        secretFragments.contains { text.contains($0) }
    }

    /// Every form of the secret a person might paste.
    private var secretFragments: [String] {
        var fragments = [apiKey]
        switch signer.key {
        case .hmac(let key, _):
            fragments.append(key.withUnsafeBytes { String(decoding: $0, as: UTF8.self) })
        case .ed25519(let key):
            fragments += Credentials.bodyLines(of: key.pemRepresentation)
            fragments += [key.rawRepresentation.base64EncodedString(), Signatures.hex(key.rawRepresentation)]
        case .rsa(let key):
            fragments += Credentials.bodyLines(of: key.pemRepresentation) + Credentials.bodyLines(of: key.pkcs8PEMRepresentation)
        }
        return fragments.filter { !$0.isEmpty }
    }

    /// The base64 lines of a PEM document (a short last line is too common a text to refuse) and the whole body on one line.
    private static func bodyLines(of pem: String) -> [String] {
        let lines = pem.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.hasPrefix("-----") }
        return lines.filter { $0.count >= 16 } + [lines.joined()]
    }
}
