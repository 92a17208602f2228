import Foundation
import Testing
@testable import BinanceMargin

/// Decimals are checked against Binance's range for decimal parameters before anything is sent.
@Suite("Decimal parameters within Binance's range")
struct WireDecimalRangeTests {
    /// Binance's own pattern, as its -1100 answers state it (and the sandbox applies it).
    static let pattern = try! NSRegularExpression(pattern: #"^([0-9]{1,20})(\.[0-9]{1,20})?$"#)

    static func matches(_ text: String) -> Bool {
        pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// `1…24` digits before the point, `0…24` after (some of them trailing zeros), around the 20-digit edges.
    static func decimalText(_ random: inout SplitMix64) -> String {
        func digits(_ count: Int, leading: Bool) -> String {
            String((0..<count).map { i in
                Character(String(i == 0 && leading && count > 1 ? 1 + random.next(upTo: 9) : random.next(upTo: 10)))
            })
        }
        let whole = digits(1 + Int(random.next(upTo: 24)), leading: true)
        let places = Int(random.next(upTo: 25))
        guard places > 0 else { return whole }
        let zeros = random.next(upTo: 3) == 0 ? min(places, 1 + Int(random.next(upTo: 4))) : 0
        return whole + "." + digits(places - zeros, leading: false) + String(repeating: "0", count: zeros)
    }

    @Test("generated decimals: accepted exactly when Binance's pattern matches the text sent")
    func agreesWithBinancesPattern() {
        var random = SplitMix64(seed: 0x1100)
        var accepted = 0, refused = 0
        for _ in 0..<5_000 {
            let text = Self.decimalText(&random)
            guard let value = Number(text), value.isPositive else { continue }   // beyond 38 digits: not a Number at all
            let sent = value.description
            let passes = (try? InputValidation.wireDecimal(value, field: "amount")) != nil
            #expect(passes == Self.matches(sent), "\(sent)")
            if passes { accepted += 1 } else { refused += 1 }
        }
        #expect(accepted > 1_000 && refused > 500, "\(accepted) accepted, \(refused) refused")
    }

    @Test("a borrow of more than 20 digits is refused before sending, naming the field and the fix")
    func borrowRefusedLocally() throws {
        let value = try #require(Number("100000000000000000000000000000"))
        #expect(throws: BinanceError.self) { try InputValidation.amount(value) }
        do {
            try InputValidation.amount(value)
        } catch let error as BinanceError {
            #expect(error.message == "amount 100000000000000000000000000000 has more digits than Binance takes: at most 20 before the point and 20 after")
        }
    }
}
