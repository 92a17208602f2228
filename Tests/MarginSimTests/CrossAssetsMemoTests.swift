import BinanceMargin
import Testing
@testable import MarginSim

/// The simulator's remembered `userAssets` bytes (``CrossAssetsMemo``) held to a fresh write of the whole cross
/// account (``AccountEndpoints/crossAccountValue(_:_:)``): one memo follows an exchange through generated balance
/// changes — deposits, borrows, repays, interest, a balance rewritten at another scale with the same value, a
/// balance whose netAsset overflows — and price moves that change only the totals.
@Suite struct CrossAssetsMemoTests {
    @Test func everyAnswerIsTheFreshlyWrittenOne() throws {
        var random = SplitMix64(seed: 0x14_C0A55)
        var x = Exchange(scenario: .default, time: 1_700_000_000_000, seed: 7)
        var memo = CrossAssetsMemo()
        let p = RequestParameters([:])
        var kinds = [Int](repeating: 0, count: 7), sameRows = 0, failures = 0
        var lastRows = try? CrossAssetsMemo.write(x)
        for step in 0..<2_000 {
            let asset = random.pick(Catalog.assetOrder)
            let amount = try Number(Int64(1 + random.next(upTo: 5000))) * Number(significand: 1, scale: Int(random.next(upTo: 9)))
            let kind = Int(random.next(upTo: 7))
            switch kind {
            case 0, 1: try x.setPrice("BTCUSDT", Number(Int64(20_000 + random.next(upTo: 60_000))))   // totals only
            case 2: _ = try? x.deposit(.cross, asset: asset, amount: amount)
            case 3: _ = try? x.borrow(.cross, asset, amount)
            case 4: _ = try? x.repay(.cross, asset, amount)
            case 5:   // the same value at another scale: equal rows, the same bytes
                var b = x[.cross, asset]
                if b.free.scale < Number.maxScale, let wider = try? Number(significand: b.free.significand * 10, scale: b.free.scale + 1) { b.free = wider }
                x[.cross, asset] = b
            default:   // interest charged, or now and then a balance whose netAsset does not fit
                if random.next(upTo: 8) == 0 {
                    x[.cross, asset].free = .greatest
                    x[.cross, asset].locked = 1
                } else if random.next(upTo: 8) == 0 {
                    x[.cross, asset] = Balance()
                } else {
                    x[.cross, asset].interest = try x[.cross, asset].interest + Number(significand: Int128(random.next(upTo: 1000)), scale: 8)
                }
            }
            kinds[kind] += 1
            let rows = try? CrossAssetsMemo.write(x)
            if rows != nil && rows == lastRows { sameRows += 1 }
            lastRows = rows
            let remembered = Result { () throws(ExchangeError) in try AccountEndpoints.crossAccount(x, p, memo: &memo).bytes }
            let fresh = Result { () throws(ExchangeError) in try AccountEndpoints.crossAccountValue(x, p).bytes }
            switch (remembered, fresh) {
            case (.success(let a), .success(let b)):
                #expect(a == b, "step \(step): \(String(decoding: a, as: UTF8.self)) against \(String(decoding: b, as: UTF8.self))")
            case (.failure(let a), .failure(let b)):
                #expect(a == b, "step \(step)")
                failures += 1
                x[.cross, asset] = Balance()   // back to answers that can be written
            default:
                Issue.record("step \(step): \(remembered) against \(fresh)")
            }
        }
        #expect(sameRows > 600 && failures > 5 && kinds.allSatisfy { $0 > 200 }, "\(sameRows) \(failures) \(kinds)")
    }
}
