import BinanceMargin
import Foundation
@testable import MarginSim
import Testing

/// `Exchange.movePrice` with no order open (the usual replayed path point, issue 14) just sets the price and
/// restocks the book (`setPrice`): held to the path walk it shortcuts (`walkPrice`) on generated moves.
@Suite("Price move shortcut")
struct PriceMoveShortcutTests {
    /// A generated target for `symbol`: near its price (at various scales), the same price, one, or far off.
    static func target(_ random: inout SplitMix64, from price: Number) -> Number {
        switch random.next(upTo: 8) {
        case 0: return price
        case 1: return .one
        case 2: return (try? Number(significand: Int128(1 + random.next(upTo: 10_000_000)), scale: Int(random.next(upTo: 9)))) ?? .one
        default:
            let step = (try? Number(significand: Int128(random.next(upTo: 2_000_001)) - 1_000_000, scale: Int(random.next(upTo: 6)))) ?? .zero
            guard let moved = price.adding(step), moved.isPositive else { return price }
            return moved
        }
    }

    /// The books as JSON (sorted keys), with `symbol`'s synthetic levels built: what a read would see.
    static func books(_ exchange: Exchange, built symbol: String) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode([try encoder.encode(exchange.books), try encoder.encode(exchange.book(symbol))])
    }

    @Test("with nothing open, a price move sets the price and the book exactly as walking the path does (generated)")
    func shortcutEqualsWalk() throws {
        var moved = 0, unchanged = 0
        for seed in UInt64(1)...3 {
            var random = SplitMix64(seed: 0x14_9A7E + seed)
            var fast = Exchange(scenario: .default, time: ReplayEngineTests.march, seed: seed)
            var walked = fast
            walked.ensureBooks()
            for step in 0..<300 {
                let symbol = random.pick(Catalog.symbolOrder)
                let target = Self.target(&random, from: walked.price(symbol))
                if walked.price(symbol) == target { unchanged += 1 } else { moved += 1 }
                #expect(fast.orders.openPositions.isEmpty)
                fast.movePrice(symbol, to: target)
                walked.walkPrice(symbol, to: target)
                let prices = (fast.prices.table.mapValues(\.description), walked.prices.table.mapValues(\.description))
                #expect(prices.0 == prices.1, "seed \(seed), step \(step): \(symbol) → \(target)")
                #expect(try Self.books(fast, built: symbol) == Self.books(walked, built: symbol), "seed \(seed), step \(step)")
            }
        }
        // Both kinds of moves were compared: to a new price, and to the price it already had.
        #expect(moved > 600 && unchanged > 60, "\(moved) moved, \(unchanged) unchanged")
    }
}
