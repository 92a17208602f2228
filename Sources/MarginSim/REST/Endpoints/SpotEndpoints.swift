import BinanceMargin

/// The spot wallet as Binance's `GET /api/v3/account` reports it.
enum SpotEndpoints {
    /// The user id the simulated account reports (`uid`).
    static let uid: Int64 = 354_937_868

    /// `GET /api/v3/account`: commissions, permissions and the spot wallet's balances.
    ///
    /// Balances list every catalogue asset (and any other asset the wallet holds) in name order, zero
    /// balances included unless `omitZeroBalances=true`. Commission rates are the exchange's fees;
    /// the integer commissions are those rates in basis points, as Binance reports them.
    static func account(_ exchange: Exchange, _ p: RequestParameters) throws(ExchangeError) -> JSONValue {
        let omitZero = try p.bool("omitZeroBalances", default: false)
        let assets = Set(Catalog.assetOrder).union(exchange.spot.assets).sorted()
        let balances: [JSONValue] = assets.compactMap { asset in
            let b = exchange.spot[asset]
            if omitZero && b.free.isZero && b.locked.isZero { return nil }
            return .object([("asset", .string(asset)), ("free", .decimal(b.free)), ("locked", .decimal(b.locked))])
        }
        return .object([
            ("makerCommission", .int(basisPoints(exchange.makerFee))),
            ("takerCommission", .int(basisPoints(exchange.takerFee))),
            ("buyerCommission", .int(0)),
            ("sellerCommission", .int(0)),
            ("commissionRates", .object([
                ("maker", .decimal(exchange.makerFee)), ("taker", .decimal(exchange.takerFee)),
                ("buyer", .decimal(.zero)), ("seller", .decimal(.zero)),
            ])),
            ("canTrade", .bool(true)),
            ("canWithdraw", .bool(true)),
            ("canDeposit", .bool(true)),
            ("brokered", .bool(false)),
            ("requireSelfTradePrevention", .bool(false)),
            ("preventSor", .bool(false)),
            ("updateTime", .int(exchange.now)),
            ("accountType", .string("SPOT")),
            ("balances", .array(balances)),
            ("permissions", .array([.string("SPOT")])),
            ("uid", .int(uid)),
        ])
    }

    /// A fee rate in basis points (`0.001` → 10), rounded down; 0 if it does not fit.
    private static func basisPoints(_ rate: Number) -> Int64 {
        (try? rate * Number(10_000))?.rounded(scale: 0, .down).exactInt64 ?? 0
    }
}
