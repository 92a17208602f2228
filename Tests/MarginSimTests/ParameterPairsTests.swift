import BinanceMargin
import Testing
@testable import MarginSim

/// The parameter list behaves as a table — scanned while small, indexed past ``ParameterPairs/scanLimit`` — on
/// generated sequences of inserts, sets and merges held to a `Dictionary` doing the same.
@Suite("Request parameter pairs")
struct ParameterPairsTests {
    @Test("inserts, sets and merges of up to 60 names give what a dictionary gives, below and past the scan limit")
    func behavesAsATable() {
        var random = SplitMix64(seed: 0x9A_125)
        var indexed = 0
        for _ in 0..<400 {
            var pairs = ParameterPairs(), model: [String: String] = [:]
            let names = Int(random.next(upTo: 60)) + 1
            for _ in 0..<Int(random.next(upTo: 80)) {
                let name = "p\(random.next(upTo: UInt64(names)))", value = "\(random.next(upTo: 1000))"
                switch random.next(upTo: 3) {
                case 0:
                    let fresh = model[name] == nil
                    #expect(pairs.insert(name, value) == fresh)
                    if fresh { model[name] = value }
                case 1:
                    pairs.set(name, value); model[name] = value
                default:
                    let other = ["q\(random.next(upTo: 5))": value, name: value + "!"]
                    pairs.merge(ParameterPairs(other)); model.merge(other) { _, new in new }
                }
                #expect(pairs[name] == model[name])
            }
            #expect(pairs.table == model && pairs.count == model.count)
            #expect(pairs == ParameterPairs(model), "equal to the same table in another order")
            for probe in 0..<names { #expect(pairs["p\(probe)"] == model["p\(probe)"]) }
            if model.count > ParameterPairs.scanLimit { indexed += 1 }
        }
        #expect(indexed > 50, "lists past the scan limit are exercised (\(indexed))")
    }
}
