import BinanceMargin

/// The listenTokens of the current user-data stream flow (`POST /sapi/v1/userListenToken`, then
/// `userDataStream.subscribe.listenToken` on the WebSocket API): which stream each opens and until when.
///
/// Binance's rules (docs/streams.md): a token lives `validity` ms (default and most: 24 hours); every call
/// makes a new token; there is no keepalive — a client takes a new token and subscribes again on the same
/// connection before the old one ends. Tokens run on the simulator's clock and are not persisted.
struct ListenTokenBook: Sendable {
    /// 24 hours, in ms: the default and the longest validity.
    static let longestValidity: Int64 = 86_400_000

    private var tokens: [String: (stream: ListenKeyBook.Stream, expiresAt: Int64)] = [:]

    /// A new token for `stream`, valid for `validity` ms from `now`; returns it and its expiry.
    mutating func issue(_ stream: ListenKeyBook.Stream, validity: Int64, now: Int64) -> (token: String, expiresAt: Int64) {
        let token = ListenTokenBook.newToken()
        let expiresAt = now.saturatingAdding(validity)
        tokens[token] = (stream, expiresAt)
        return (token, expiresAt)
    }

    /// The stream and expiry of an active token.
    func lookUp(_ token: String) -> (stream: ListenKeyBook.Stream, expiresAt: Int64)? { tokens[token] }

    /// Removes and returns the tokens whose time has passed, in name order.
    mutating func expire(now: Int64) -> [String] {
        guard !tokens.isEmpty else { return [] }   // every request asks: the usual answer costs nothing
        let gone = tokens.filter { $0.value.expiresAt <= now }.keys.sorted()
        for token in gone { tokens[token] = nil }
        return gone
    }

    /// 64 characters of base64's alphabet (a real token contains `+` and `/`, which clients must carry
    /// unchanged), from the system's random source: a token is a bearer secret.
    static func newToken() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var random = SystemRandomNumberGenerator()
        return String((0..<64).map { _ in alphabet[Int(random.next(upperBound: UInt64(alphabet.count)))] })
    }
}
