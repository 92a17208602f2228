/// How an endpoint is protected, as Binance labels it.
enum Security: Sendable {
    /// Public.
    case none
    /// API key header only (MARKET_DATA, USER_STREAM).
    case apiKey
    /// API key, and the signature checked only when the request carries one (`POST /sapi/v1/userListenToken`:
    /// ccxt sends it unsigned, python-binance signed).
    case apiKeyOptionallySigned
    /// API key, timestamp and signature (TRADE, MARGIN, USER_DATA).
    case signed
}
