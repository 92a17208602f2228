import BinanceMargin

/// The synthetic liquidity every symbol's book shows around the last price: how many levels, the
/// spread, the spacing and the sizes. A scenario sets it under `"book"`; every field is optional.
///
/// With the defaults a book looks like a liquid pair's: the best ask at the last price, the best bid
/// one tick below it, 20 levels a side one tick apart, the best level worth 20 000 × the symbol's
/// minimum notional (100 000 USDT on the USDT pairs, 2 BTC on the BTC pairs) and each level 50 % of
/// that larger than the one before it, every size varied by up to ±20 % by a seeded generator.
public struct BookShape: Sendable, Codable, Hashable {
    /// Price levels on each side.
    public var levels: Int
    /// Ticks between the best bid and the best ask (at least 1).
    public var spreadTicks: Int
    /// Ticks between two neighbouring levels of one side (at least 1).
    public var levelTicks: Int
    /// The quote value of the best level, as a multiple of the symbol's minimum notional.
    public var topLevelNotionals: Number
    /// How much larger each level is than the best one, per level away from it, in percent.
    public var growthPercent: Number
    /// The largest random change of a level's size, in percent (0 for exact sizes).
    public var jitterPercent: Number

    /// Makes a shape; every argument defaults to ``BookShape/liquid``'s value.
    public init(levels: Int? = nil, spreadTicks: Int? = nil, levelTicks: Int? = nil, topLevelNotionals: Number? = nil,
                growthPercent: Number? = nil, jitterPercent: Number? = nil) {
        self.levels = levels ?? 20
        self.spreadTicks = spreadTicks ?? 1
        self.levelTicks = levelTicks ?? 1
        self.topLevelNotionals = topLevelNotionals ?? 20_000
        self.growthPercent = growthPercent ?? 50
        self.jitterPercent = jitterPercent ?? 20
    }

    /// The default shape (see the type's summary).
    public static let liquid = BookShape()

    private enum CodingKeys: String, CodingKey {
        case levels, spreadTicks, levelTicks, topLevelNotionals, growthPercent, jitterPercent
    }

    /// Decodes a shape; absent fields take ``BookShape/liquid``'s values.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(levels: try c.decodeIfPresent(Int.self, forKey: .levels),
                  spreadTicks: try c.decodeIfPresent(Int.self, forKey: .spreadTicks),
                  levelTicks: try c.decodeIfPresent(Int.self, forKey: .levelTicks),
                  topLevelNotionals: try c.decodeIfPresent(Number.self, forKey: .topLevelNotionals),
                  growthPercent: try c.decodeIfPresent(Number.self, forKey: .growthPercent),
                  jitterPercent: try c.decodeIfPresent(Number.self, forKey: .jitterPercent))
    }

    /// Names the first field out of its range, with the range.
    func validate() throws(ScenarioError) {
        guard (0...5000).contains(levels) else { throw ScenarioError("book.levels: \(levels) is not within 0…5000") }
        guard (1...1000).contains(spreadTicks) else { throw ScenarioError("book.spreadTicks: \(spreadTicks) is not within 1…1000") }
        guard (1...1000).contains(levelTicks) else { throw ScenarioError("book.levelTicks: \(levelTicks) is not within 1…1000") }
        guard topLevelNotionals.isPositive, topLevelNotionals <= 1_000_000_000 else {
            throw ScenarioError("book.topLevelNotionals: \(topLevelNotionals) is not within (0, 1000000000]")
        }
        guard !growthPercent.isNegative, growthPercent <= 10_000 else {
            throw ScenarioError("book.growthPercent: \(growthPercent) is not within 0…10000")
        }
        guard !jitterPercent.isNegative, jitterPercent < 100 else {
            throw ScenarioError("book.jitterPercent: \(jitterPercent) is not within 0…99")
        }
    }
}
