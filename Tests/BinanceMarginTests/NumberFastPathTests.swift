import Testing
@testable import BinanceMargin

/// The arithmetic shortcuts give exactly what the general paths give: seeded random operands of the sizes prices,
/// balances and levels have (and some larger), through the shortcut and through the general path.
@Suite struct NumberFastPathTests {
    /// A magnitude of 1 to `maxDigits` random digits (0 included).
    static func magnitude(_ random: inout SplitMix64, maxDigits: Int) -> UInt128 {
        let digits = 1 + Int(random.next(upTo: UInt64(maxDigits)))
        let wide = UInt128(random.next()) << 64 | UInt128(random.next())
        return wide % UInt128(pow10(digits))
    }

    @Test func oneDivisionGivesTheDigitByDigitQuotientAndRemainder() {
        var random = SplitMix64(seed: 0xD1_7D1)
        var shortcuts = 0
        for _ in 0..<20_000 {
            let n = Self.magnitude(&random, maxDigits: 38)
            var d = Self.magnitude(&random, maxDigits: 38)
            if d == 0 { d = 1 + UInt128(random.next(upTo: 9)) }
            let shift = Int(random.next(upTo: 45)) - 4   // −4 … 40: both sides of each shortcut's bound
            let fast = Number.longDivision(n, d, shift: shift)
            let slow = Number.longDivisionByDigits(n, d, shift: shift)
            #expect(fast?.0 == slow?.0 && fast?.1 == slow?.1, "\(n) × 10^\(shift) ÷ \(d)")
            if shift >= 0, shift <= 38, !n.multipliedReportingOverflow(by: UInt128(pow10(shift))).overflow { shortcuts += 1 }
        }
        #expect(shortcuts > 2_000, "the inputs exercise the shortcut (\(shortcuts) times)")
    }
}
