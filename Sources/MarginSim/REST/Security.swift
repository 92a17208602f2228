/// How an endpoint is protected, as Binance labels it.
enum Security: Sendable {
    /// Public.
    case none
    /// API key header only (MARKET_DATA, USER_STREAM).
    case apiKey
    /// API key, timestamp and signature (TRADE, MARGIN, USER_DATA).
    case signed
}
