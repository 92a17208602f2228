import BinanceMargin

/// What a rehearsal recorded over simulated time: the account sampled as prices moved, and every event
/// that changed it — the input of the terminal summary (``RehearsalSummary``) and the chart (``RehearsalChart``).
public struct RehearsalLog: Sendable, Hashable {
    /// The symbol whose price was replayed (`BTCUSDT`).
    public var symbol: String
    /// The asset equity and debt are valued in (`USDT`).
    public var valuationAsset: String
    /// The margin level below which Binance calls for margin (1.5 for cross margin by default).
    public var marginCallLevel: Number
    /// The margin level at which the account is liquidated (1.1 for cross margin by default).
    public var liquidationLevel: Number
    /// The account, sampled in time order.
    public var samples: [RehearsalSample]
    /// What happened, in time order.
    public var events: [RehearsalEvent]
    /// The interest charged over the rehearsal, in ``valuationAsset``.
    public var interestPaid: Number
    /// How many orders were placed and how many fills they got.
    public var orders: Int, fills: Int

    /// Makes a log from its fields.
    public init(symbol: String, valuationAsset: String, marginCallLevel: Number, liquidationLevel: Number,
                samples: [RehearsalSample] = [], events: [RehearsalEvent] = [], interestPaid: Number = 0, orders: Int = 0, fills: Int = 0) {
        self.symbol = symbol
        self.valuationAsset = valuationAsset
        self.marginCallLevel = marginCallLevel
        self.liquidationLevel = liquidationLevel
        self.samples = samples
        self.events = events
        self.interestPaid = interestPaid
        self.orders = orders
        self.fills = fills
    }

    /// The sample with the lowest margin level (the first of equals), or nil when no sample had debt.
    public var lowestMarginLevel: RehearsalSample? {
        // One pass, no copy: a year of minutes is half a million samples.
        var lowest: (index: Int, level: Number)? = nil
        for index in samples.indices {
            guard let level = samples[index].marginLevel else { continue }
            if let current = lowest, !(level < current.level) { continue }
            lowest = (index, level)
        }
        return lowest.map { samples[$0.index] }
    }
}

/// The account at one moment of a rehearsal.
public struct RehearsalSample: Sendable, Hashable {
    /// Unix epoch milliseconds (simulated time).
    public var time: Int64
    /// The replayed symbol's price.
    public var price: Number
    /// Total assets over total debt; nil while there is no debt (Binance shows 999 then).
    public var marginLevel: Number?
    /// Debt (borrowed plus interest), valued in the log's asset.
    public var debt: Number
    /// Net assets (assets less debt), valued in the log's asset.
    public var equity: Number

    /// Makes a sample from its fields.
    public init(time: Int64, price: Number, marginLevel: Number?, debt: Number, equity: Number) {
        self.time = time
        self.price = price
        self.marginLevel = marginLevel
        self.debt = debt
        self.equity = equity
    }
}

/// Something that changed the account during a rehearsal, marked on the chart.
public struct RehearsalEvent: Sendable, Hashable {
    /// What kind of change.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case borrow, repay, fill, liquidation
    }
    /// Unix epoch milliseconds (simulated time).
    public var time: Int64
    /// What kind of change.
    public var kind: Kind
    /// What happened, in words (`borrowed 100 USDT`, `sold 0.5 BTC at 38,000`).
    public var text: String

    /// Makes an event from its fields.
    public init(time: Int64, kind: Kind, text: String) {
        self.time = time
        self.kind = kind
        self.text = text
    }
}
