/// Decides which statements may be written to the history file: never one that carries the
/// secret of the credentials in use, nor one that looks like it carries a key or a secret.
///
/// Refused: lines in which `revealsSecret` finds the loaded credentials' secret material (the
/// API secret, the API key, the private key's PEM lines — matched exactly, also inside other
/// text), lines that start with a space (the shell convention for "don't remember this"), lines
/// that mention a secret, key, password, token or PEM block, and lines with a long opaque word
/// (32+ letters, digits or `+/=_-` mixing letters and digits, like a Binance API key or a base64
/// signature).
public struct HistoryFilter: Sendable {
    private static let tellTales = [
        "secret", "apikey", "api_key", "api-key", "password", "passwd", "private", "token",
        "binance_api", "-----begin", "signature",
    ]

    /// Whether a line contains the secret of the credentials in use (injected; holds no copy of it).
    private let revealsSecret: @Sendable (String) -> Bool

    /// A filter that also refuses every line in which `revealsSecret` finds the loaded secret,
    /// e.g. `{ credentials.isRevealed(by: $0) }`.
    public init(revealsSecret: @escaping @Sendable (String) -> Bool = { _ in false }) {
        self.revealsSecret = revealsSecret
    }

    /// Whether `entry` may be kept.
    public func allows(_ entry: String) -> Bool {
        if revealsSecret(entry) { return false }
        if entry.first == " " || entry.first == "\t" { return false }
        let lower = entry.lowercased()
        if Self.tellTales.contains(where: { lower.contains($0) }) { return false }
        var run = 0, digits = 0, letters = 0
        for scalar in entry.unicodeScalars {
            let letter = scalar.isASCII && scalar.properties.isAlphabetic
            let digit = ("0"..."9").contains(scalar)
            if letter || digit || "+/=_-".unicodeScalars.contains(scalar) {
                run += 1
                if letter { letters += 1 }
                if digit { digits += 1 }
                if run >= 32 && letters > 0 && digits > 0 { return false }
            } else {
                run = 0; digits = 0; letters = 0
            }
        }
        return true
    }
}
