import BinanceMargin

/// One candle of a price series: when it opened and closed, and its open, high, low and close prices.
///
/// Times are Unix epoch milliseconds (Binance's microsecond files are converted when read); prices are
/// exact decimals as written in the file. ``KlineFile`` guarantees `low ≤ open, close ≤ high` and `low > 0`.
///
/// A year of minutes is half a million candles, so the five decimals are stored packed — a 64-bit significand
/// and a scale each (72 bytes a candle instead of 176) — and unpacked when read; a decimal that needs more than
/// 64 bits keeps the candle's decimals whole in a shared box instead. Either way each reads back exactly as given.
public struct Kline: Sendable, Hashable {
    /// When the candle opened, ms.
    public var openTime: Int64
    /// When it closed, ms: the last millisecond inside it (Binance writes `openTime + interval - 1`).
    public var closeTime: Int64
    /// The packed significands of open, high, low, close and volume.
    private var significands: (Int64, Int64, Int64, Int64, Int64) = (0, 0, 0, 0, 0)
    /// Their scales.
    private var scales: (UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0)
    /// The five decimals whole, when one of them does not pack (nil otherwise).
    private var wide: WideDecimals?

    /// The first traded price.
    public var open: Number { get { self[0] } set { self[0] = newValue } }
    /// The highest traded price.
    public var high: Number { get { self[1] } set { self[1] = newValue } }
    /// The lowest traded price.
    public var low: Number { get { self[2] } set { self[2] = newValue } }
    /// The last traded price.
    public var close: Number { get { self[3] } set { self[3] = newValue } }
    /// The base-asset volume traded.
    public var volume: Number { get { self[4] } set { self[4] = newValue } }

    /// Makes a candle from its fields (unchecked: ``KlineFile`` is where files are checked).
    public init(openTime: Int64, closeTime: Int64, open: Number, high: Number, low: Number, close: Number, volume: Number) {
        self.openTime = openTime
        self.closeTime = closeTime
        self.store([open, high, low, close, volume])
    }

    /// Equal times and equal values (as `Number` compares them: `1.50 == 1.5`).
    public static func == (a: Kline, b: Kline) -> Bool {
        a.openTime == b.openTime && a.closeTime == b.closeTime && (0..<5).allSatisfy { a[$0] == b[$0] }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(openTime)
        hasher.combine(closeTime)
        for index in 0..<5 { hasher.combine(self[index]) }
    }

    /// Decimal `index` (0 open, 1 high, 2 low, 3 close, 4 volume).
    private subscript(index: Int) -> Number {
        get {
            if let wide { return wide.numbers[index] }
            let (significand, scale) = Kline.field(index, significands, scales)
            return (try? Number(significand: Int128(significand), scale: Int(scale))) ?? .zero   // packed from a valid Number
        }
        set {
            if wide == nil, let significand = Int64(exactly: newValue.significand) {
                Kline.setField(index, significand, UInt8(newValue.scale), &significands, &scales)
            } else {
                var all = (0..<5).map { self[$0] }
                all[index] = newValue
                wide = WideDecimals(numbers: all)
            }
        }
    }

    /// Packs `numbers` (open, high, low, close, volume), or boxes them when one needs more than 64 bits.
    private mutating func store(_ numbers: [Number]) {
        for (index, number) in numbers.enumerated() {
            guard let significand = Int64(exactly: number.significand) else {
                wide = WideDecimals(numbers: numbers)
                return
            }
            Kline.setField(index, significand, UInt8(number.scale), &significands, &scales)
        }
    }

    @inline(__always)
    private static func setField(_ index: Int, _ significand: Int64, _ scale: UInt8,
                                 _ s: inout (Int64, Int64, Int64, Int64, Int64), _ k: inout (UInt8, UInt8, UInt8, UInt8, UInt8)) {
        switch index {
        case 0: (s.0, k.0) = (significand, scale)
        case 1: (s.1, k.1) = (significand, scale)
        case 2: (s.2, k.2) = (significand, scale)
        case 3: (s.3, k.3) = (significand, scale)
        default: (s.4, k.4) = (significand, scale)
        }
    }

    @inline(__always)
    private static func field(_ index: Int, _ s: (Int64, Int64, Int64, Int64, Int64), _ k: (UInt8, UInt8, UInt8, UInt8, UInt8)) -> (Int64, UInt8) {
        switch index {
        case 0: return (s.0, k.0)
        case 1: return (s.1, k.1)
        case 2: return (s.2, k.2)
        case 3: return (s.3, k.3)
        default: return (s.4, k.4)
        }
    }
}

/// A candle's five decimals whole, shared by its copies (only for decimals beyond 64-bit significands).
private final class WideDecimals: Sendable {
    let numbers: [Number]
    init(numbers: [Number]) { self.numbers = numbers }
}
