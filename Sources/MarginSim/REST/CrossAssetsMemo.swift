import BinanceMargin

/// The cross account's `userAssets` array as last written, with the cross wallet it was written from.
///
/// Between two reads of the cross account only its totals usually change (they follow the price); the per-asset
/// rows — free, locked, borrowed, interest, and netAsset from them — change only when a balance does. The memo keeps
/// the array's bytes and hands them back while the cross wallet equals the one they were written from: equal by
/// value (a dictionary whose storage was not touched since is equal at once), and the writer's output for a decimal
/// depends only on its value (8 places, rounded half-even), so equal wallets give the same bytes.
/// `CrossAssetsMemoTests` holds every answer to a fresh write.
///
/// It also keeps the cross valuation's fixed part between reads (``CrossValuationMemo``): during a replay only the
/// replayed prices move, so the totals behind the answer cost a few products, not every asset's rate search.
struct CrossAssetsMemo: Sendable {
    private var wallet: Wallet?
    private var bytes: [UInt8] = []
    private var valuation = CrossValuationMemo()

    /// `exchange.riskSnapshot(.cross)`, its totals through the valuation memo.
    mutating func riskSnapshot(_ exchange: Exchange) throws(ExchangeError) -> RiskSnapshot {
        valuation.update(exchange)
        let (assets, liabilities) = try valuation.totals(exchange)
        return try RiskSnapshot(totalAssetUSDT: assets, totalLiabilityUSDT: liabilities, btcPrice: try exchange.rate("BTC", in: "USDT"))
    }

    /// The `userAssets` array (`[` … `]`) for `exchange`'s cross balances, written anew only when the wallet changed.
    mutating func userAssets(_ exchange: Exchange) throws(ExchangeError) -> [UInt8] {
        if let wallet, wallet == exchange.cross { return bytes }
        let written = try CrossAssetsMemo.write(exchange)
        wallet = exchange.cross
        bytes = written
        return written
    }

    /// The `userAssets` array written afresh (the reference the memo's bytes are held to).
    static func write(_ exchange: Exchange) throws(ExchangeError) -> [UInt8] {
        var w = JSONWriter(capacity: 16 + 160 * Catalog.assetOrder.count)
        w.raw("[")
        for (i, name) in Catalog.assetOrder.enumerated() {
            let b = exchange[.cross, name]
            let netAsset = try checked { try b.net }
            w.raw(i == 0 ? #"{"asset":"# : #",{"asset":"#); w.write(string: name)
            w.raw(#","borrowed":"#); w.write(decimal: b.borrowed)
            w.raw(#","free":"#); w.write(decimal: b.free)
            w.raw(#","interest":"#); w.write(decimal: b.interest)
            w.raw(#","locked":"#); w.write(decimal: b.locked)
            w.raw(#","netAsset":"#); w.write(decimal: netAsset)
            w.raw("}")
        }
        w.raw("]")
        return w.bytes
    }
}
