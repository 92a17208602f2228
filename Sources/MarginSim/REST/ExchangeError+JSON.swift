import BinanceMargin

extension ExchangeError {
    /// Binance's error body: `{"code":…,"msg":…}`.
    var json: JSONValue {
        .object([("code", .int(code)), ("msg", .string(message))])
    }
}
