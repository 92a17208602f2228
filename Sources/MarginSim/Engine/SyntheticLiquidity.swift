import BinanceMargin

/// Builds a book's synthetic levels from a ``BookShape``: deterministic for a seed, a symbol, a price
/// and a generation (no wall time, no shared generator).
struct SyntheticLiquidity {
    var shape: BookShape
    var seed: UInt64

    /// Asks (highest first) and bids (lowest first) around `anchor`: the best ask at the anchor rounded up to
    /// the tick, the best bid `spreadTicks` below it, `levels` a side `levelTicks` apart, within the PRICE_FILTER.
    func levels(_ info: ListedSymbol, anchor: Number, generation: Int64) -> (asks: [PriceLevel], bids: [PriceLevel]) {
        var random = SplitMix64(seed: seed ^ SyntheticLiquidity.fnv1a(info.symbol) ^ (UInt64(bitPattern: generation) &* 0x9E37_79B9_7F4A_7C15))
        guard let bestAsk = try? anchor.ceil(toStep: info.tickSize), let gap = try? info.tickSize * Number(shape.levelTicks),
              let spread = try? info.tickSize * Number(shape.spreadTicks),
              let top = try? (shape.topLevelNotionals * info.minNotional).divided(by: Number.max(anchor, info.tickSize)).amount(),
              let growth = try? shape.growthPercent / 100, let jitter = try? shape.jitterPercent / 100
        else { return ([], []) }
        var asks: [PriceLevel] = [], bids: [PriceLevel] = []
        asks.reserveCapacity(shape.levels)
        bids.reserveCapacity(shape.levels)
        for level in 0..<shape.levels {
            guard let grown = try? top * (Number.one + Number(level) * growth) else { break }
            let askSize = size(grown, jitter, info, &random), bidSize = size(grown, jitter, info, &random)
            if let p = try? bestAsk + gap * Number(level), p <= info.maxPrice, let q = askSize { asks.append(PriceLevel(price: p, quantity: q)) }
            if let p = try? bestAsk - spread - gap * Number(level), p >= info.minPrice, let q = bidSize { bids.append(PriceLevel(price: p, quantity: q)) }
        }
        return (asks.reversed(), bids.reversed())
    }

    /// A level's size: `grown` varied by up to ±`jitter` (a fraction), on the LOT_SIZE step and at least its minimum.
    private func size(_ grown: Number, _ jitter: Number, _ info: ListedSymbol, _ random: inout SplitMix64) -> Number? {
        let unit = random.unitStep()
        guard let varied = try? (grown * (Number.one + unit * jitter)).amount(),
              let stepped = try? varied.floor(toStep: info.stepSize) else { return nil }
        return Number.max(stepped, info.minQty).normalized
    }

    /// FNV-1a of a symbol name (a stable per-symbol seed).
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash
    }
}
