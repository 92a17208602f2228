import BinanceMargin

/// The cross account's totals in USDT at a replay's path points, with the work that only a balance or an unwatched
/// price can change done once: ``Exchange/totals(_:in:)`` of `.cross` in `"USDT"`, the same significand and scale.
///
/// A path point moves only the replayed symbols' prices (``PriceBoard/watch(_:)``). So the memo keeps, for the
/// wallet it was built from, the sum of the terms whose rate is fixed (USDT itself, or an unwatched `…USDT` price),
/// and re-reads only the watched prices — one look-up and two products per replayed asset instead of every asset's
/// rate search. It is rebuilt when an unwatched price was written (``PriceBoard/otherWrites``) or the wallet is not
/// the one it was built from, digit for digit: the wallet's entries are compared in its own order, significands and
/// scales (a balance rewritten at another scale is another wallet; a wallet iterated in another order is rebuilt).
/// Where it cannot vouch for the result — a rate found another way, a negative or unfitting term, a sum whose scale
/// is not its finest term's (``ValuationSum``) — the exchange's own ``Exchange/totals(_:in:)`` answers.
/// `CrossValuationMemoTests` holds it to that reference over generated walks of an exchange.
struct CrossValuationMemo: Sendable {
    /// A replayed asset: its `…USDT` price's symbol and its amounts.
    private struct Moving: Sendable {
        let symbol: String
        let total: Number
        let liability: Number
    }

    /// The wallet it was built from, in the wallet's order (nil: not built).
    private var entries: [(asset: String, balance: Balance)]? = nil
    private var otherWrites: UInt64 = 0
    /// The fixed terms' sum; nil: this wallet is valued by the exchange every time.
    private var fixed: ValuationSum? = nil
    private var moving: [Moving] = []
    /// Whether the wallet owes anything (borrowed or interest).
    private(set) var hasDebt = false

    /// Brings the memo up to `exchange`'s cross wallet and unwatched prices.
    mutating func update(_ exchange: Exchange) {
        let wallet = exchange.cross.balances
        if otherWrites == exchange.prices.otherWrites, let entries, CrossValuationMemo.same(wallet, entries) { return }
        hasDebt = wallet.values.contains { $0.borrowed.isPositive || $0.interest.isPositive }
        // Nothing watched (no replay): every price write counts, so a memo would be rebuilt at every read — keep none.
        guard !exchange.prices.watched.isEmpty else { (entries, fixed) = (nil, nil); return }
        entries = wallet.map { ($0.key, $0.value) }
        otherWrites = exchange.prices.otherWrites
        fixed = CrossValuationMemo.split(wallet, exchange.prices, into: &moving)
    }

    /// Whether `wallet` iterates as `entries`, key for key and digit for digit.
    private static func same(_ wallet: [String: Balance], _ entries: [(asset: String, balance: Balance)]) -> Bool {
        guard wallet.count == entries.count else { return false }
        var index = 0
        for (asset, balance) in wallet {
            let entry = entries[index]
            guard asset == entry.asset, identical(balance.free, entry.balance.free), identical(balance.locked, entry.balance.locked),
                  identical(balance.borrowed, entry.balance.borrowed), identical(balance.interest, entry.balance.interest) else { return false }
            index += 1
        }
        return true
    }

    private static func identical(_ a: Number, _ b: Number) -> Bool { a.significand == b.significand && a.scale == b.scale }

    /// The totals (``update(_:)`` first), as ``Exchange/totals(_:in:)`` of `.cross` in `"USDT"` gives them.
    func totals(_ exchange: Exchange) throws(ExchangeError) -> (assets: Number, liabilities: Number) {
        if let totals = shortcut(exchange.prices) { return totals }
        return try exchange.totals(.cross, in: "USDT")
    }

    /// The totals from the memo at `prices`, or nil where the exchange must value the wallet itself.
    func shortcut(_ prices: PriceBoard) -> (assets: Number, liabilities: Number)? {
        guard let fixed else { return nil }
        return CrossValuationMemo.add(moving, to: fixed, prices)
    }

    /// Sums the fixed terms and lists the replayed assets; nil when some rate is found another way or a term fails.
    private static func split(_ wallet: [String: Balance], _ prices: PriceBoard, into moving: inout [Moving]) -> ValuationSum? {
        moving.removeAll(keepingCapacity: true)
        var sum = ValuationSum()
        for (asset, balance) in wallet {
            guard let total = balance.free.adding(balance.locked), let liability = balance.borrowed.adding(balance.interest) else { return nil }
            let rate: Number
            if asset == "USDT" {
                rate = .one
            } else {
                let symbol = asset + "USDT"
                guard let price = prices[symbol] else { return nil }
                if prices.watched.contains(symbol) {
                    moving.append(Moving(symbol: symbol, total: total, liability: liability))
                    continue
                }
                rate = price
            }
            guard sum.add(total: total, liability: liability, rate: rate) else { return nil }
        }
        return sum
    }

    /// The fixed sum plus the replayed assets at their prices now; nil where the exchange must decide.
    private static func add(_ moving: [Moving], to fixed: ValuationSum, _ prices: PriceBoard) -> (assets: Number, liabilities: Number)? {
        var sum = fixed
        for entry in moving {
            guard let rate = prices[entry.symbol], sum.add(total: entry.total, liability: entry.liability, rate: rate) else { return nil }
        }
        return sum.totals
    }
}
