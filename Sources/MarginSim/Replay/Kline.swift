import BinanceMargin

/// One candle of a price series: when it opened and closed, and its open, high, low and close prices.
///
/// Times are Unix epoch milliseconds (Binance's microsecond files are converted when read); prices are
/// exact decimals as written in the file. ``KlineFile`` guarantees `low ≤ open, close ≤ high` and `low > 0`.
public struct Kline: Sendable, Hashable {
    /// When the candle opened, ms.
    public var openTime: Int64
    /// When it closed, ms: the last millisecond inside it (Binance writes `openTime + interval - 1`).
    public var closeTime: Int64
    /// The first traded price.
    public var open: Number
    /// The highest traded price.
    public var high: Number
    /// The lowest traded price.
    public var low: Number
    /// The last traded price.
    public var close: Number
    /// The base-asset volume traded.
    public var volume: Number

    /// Makes a candle from its fields (unchecked: ``KlineFile`` is where files are checked).
    public init(openTime: Int64, closeTime: Int64, open: Number, high: Number, low: Number, close: Number, volume: Number) {
        self.openTime = openTime
        self.closeTime = closeTime
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
    }
}
