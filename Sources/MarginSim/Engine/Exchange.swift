import BinanceMargin

/// The whole simulated exchange as one value: accounts, market, loans, orders and records.
///
/// `Exchange` is plain data with mutating operations; the ``MarginSimulator`` actor owns one,
/// runs each request on a copy and keeps the copy only when the request succeeds, so a rejected
/// request never leaves half a change behind. The same value, encoded as JSON, is the persistent state.
struct Exchange: Codable, Sendable {
    /// The scenario this state started from.
    var scenarioName: String
    /// The cross account's leverage when set with `max-leverage` (nil: Binance's default, 3).
    var crossLeverageSetting: Int?
    /// The last instant the engine has processed (interest, walks, fills, liquidations all caught up).
    var now: Int64
    var spot = Wallet()
    var cross = Wallet()
    var isolated: [String: Wallet] = [:]
    /// Last prices by symbol.
    var prices: PriceBoard
    /// Random walks by symbol.
    var walks: [String: RandomWalk] = [:]
    /// The seeded generator behind the walks.
    var random: SplitMix64
    /// Daily interest rate by asset (the rate in force now).
    var dailyRates: [String: Number]
    /// Earlier rates, by asset, oldest first: each entry is the rate that applied until `until`.
    var pastRates: [String: [PastRate]] = [:]
    /// What the exchange can still lend, by asset.
    var pool: [String: Number]
    var makerFee: Number
    var takerFee: Number
    /// The next top-of-hour at which PERIODIC interest is charged.
    var nextInterestHour: Int64
    /// Every order, by id order (open and finished), with its lookups.
    var orders = OrderIndex()
    var trades = RecordLog<ExchangeTrade>()
    var loanRecords = RecordLog<LoanRecord>()
    var interestRecords = RecordLog<InterestRecord>()
    var transferRecords = RecordLog<TransferRecord>()
    var liquidationRecords = RecordLog<LiquidationRecord>()
    var nextTransactionId: Int64 = 100_000_001
    var nextOrderId: Int64 = 1_000_001
    var nextTradeId: Int64 = 5_000_001
    /// Every symbol's order book (nil in a state written before books existed: built on first use).
    var books: Books?
    /// Every order list (nil in a state written before lists existed).
    var orderLists: OrderLists?
    /// Every movement of funds in the margin accounts (nil in a state written before they were kept).
    var capitalFlows: RecordLog<CapitalFlowRecord>?

    /// A fresh exchange in the scenario's starting state at `time`.
    init(scenario: Scenario, time: Int64, seed: UInt64) {
        scenarioName = scenario.name
        now = time
        var prices: [String: Number] = [:]
        for symbol in Catalog.symbolOrder { prices[symbol] = Scenario.default.prices[symbol] ?? 1 }
        for (symbol, price) in scenario.prices { prices[symbol] = price }
        self.prices = PriceBoard(prices)
        random = SplitMix64(seed: seed)
        dailyRates = scenario.dailyInterestRates
        pool = scenario.lendingPool
        makerFee = scenario.makerFee
        takerFee = scenario.takerFee
        nextInterestHour = Exchange.hourAfter(time)
        for (asset, amount) in scenario.spot { spot[asset].free = amount }
        for (asset, amount) in scenario.crossMargin { cross[asset].free = amount }
        for (symbol, amounts) in scenario.isolatedMargin {
            var wallet = Wallet()
            for (asset, amount) in amounts { wallet[asset].free = amount }
            isolated[symbol] = wallet
        }
        for (asset, amount) in scenario.crossMarginDebt { cross[asset].borrowed = amount }
        for (symbol, amounts) in scenario.isolatedMarginDebt {
            for (asset, amount) in amounts { isolated[symbol, default: Wallet()][asset].borrowed = amount }
        }
        books = Books(shape: scenario.book, seed: seed)
        for symbol in Catalog.symbolOrder { refill(symbol) }
        liquidateWhereDue()   // a starting debt past its bar is liquidated at once, as Binance would have
    }

    /// The first top-of-hour strictly after `time`.
    static func hourAfter(_ time: Int64) -> Int64 { (time / 3_600_000 + 1).saturatingMultiplied(by: 3_600_000) }

    /// A new transaction id (borrow, repay, transfer, interest).
    mutating func newTransactionId() -> Int64 {
        defer { nextTransactionId += 1 }
        return nextTransactionId
    }
}

extension Number {
    /// Rounded to the ledger's 8 decimals with `mode`.
    func amount(_ mode: RoundingMode = .halfEven) -> Number { rounded(scale: Catalog.amountScale, mode) }

    /// Binance's classic 8-decimal string, e.g. `"0.00100000"`.
    var wire: String { formatted(places: Catalog.amountScale) }
}
