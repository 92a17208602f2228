import Testing
@testable import BinanceMargin

/// Number at the edges of its range: the largest and smallest significands, scale 38, mixed
/// scales, division rounding at the edge and parsing 39+ digits. Every failure is a typed error.
@Suite struct NumberEdgeTests {
    static let nines = String(repeating: "9", count: 38)
    static let greatest = Number.greatest
    static let least = -Number.greatest

    @Test func theSignificandIsSymmetricSoNegationAndMagnitudeAreTotal() throws {
        #expect(Self.least.significand == -Number.maxSignificand)
        #expect(-Self.least == Self.greatest)
        #expect(Self.least.magnitude == Self.greatest)
        #expect(Number(Self.nines) == Self.greatest)
        #expect(Number("-" + Self.nines) == Self.least)
        // Int128.min and anything past 38 digits cannot be made at all.
        #expect(throws: NumberError.self) { try Number(significand: .min, scale: 0) }
        #expect(throws: NumberError.self) { try Number(significand: Number.maxSignificand + 1, scale: 0) }
        #expect(throws: NumberError.self) { try Number(significand: 1, scale: 39) }
        #expect(throws: NumberError.self) { try Number(significand: 1, scale: -1) }
        #expect(try Number(significand: -Number.maxSignificand, scale: 38) == Number("-0." + Self.nines))
    }

    @Test func parsingRejects39DigitsAnd39PlacesButDropsTrailingZeros() throws {
        #expect(Number(Self.nines + "9") == nil)
        #expect(Number("1" + String(repeating: "0", count: 38)) == nil)             // 10^38
        #expect(Number("0." + String(repeating: "0", count: 38) + "1") == nil)     // 39 places
        #expect(try Number("0." + String(repeating: "0", count: 37) + "1") == Number(significand: 1, scale: 38))
        #expect(Number("1." + String(repeating: "0", count: 60)) == .one)          // zeros only: dropped
        #expect(Number(String(repeating: "0", count: 60) + "7") == Number(7))      // leading zeros cost nothing
        #expect(Number("170141183460469231731687303715884105727" as String) == nil)          // Int128.max: 39 digits
    }

    @Test func overflowAtTheEdgesIsATypedErrorNamingTheOperation() {
        let big = Self.greatest
        #expect(throws: NumberError.overflow(operation: "\(big) + 1")) { try big + 1 }
        #expect(throws: NumberError.overflow(operation: "\(Self.least) - 1")) { try Self.least - 1 }
        #expect(throws: NumberError.overflow(operation: "\(big) * 10")) { try big * 10 }
        #expect(throws: NumberError.divisionByZero(dividend: big)) { try big / .zero }
        #expect(throws: NumberError.self) { try big / Number("0.1") }
        var x = big
        #expect(throws: NumberError.self) { try x += .one }
        #expect(x == big)   // a failed compound assignment leaves the value
        #expect(NumberError.overflow(operation: "a * b").description == "arithmetic overflow: a * b does not fit in 38 digits")
    }

    @Test func mixedScalesThatFitAfterAlignmentAreExact() throws {
        // 10^37 + 1.0: aligning to scale 1 needs 39 digits, the sum does not.
        #expect(try Number("10000000000000000000000000000000000000") + Number("1.0") == Number("10000000000000000000000000000000000001"))
        // 5e36 + 5e36 at scale 1 carries into a 39th digit, then the trailing zero goes.
        let half = try Number(significand: 5 * pow10(37), scale: 1)
        #expect(try half + half == Number("10000000000000000000000000000000000000"))
        // Cancellation across scales: 1.2e37 − 4999999999999999999999999999999999999.9.
        #expect(try Number("12000000000000000000000000000000000000") - Number("4999999999999999999999999999999999999.9")
                == Number("7000000000000000000000000000000000000.1"))
        // The smallest step at scale 38 against the largest integer: overflow, not a rounded sum.
        #expect(throws: NumberError.self) { try Self.greatest + Number(significand: 1, scale: 38) }
    }

    @Test func multiplicationRoundsOnlyBeyond38Places() throws {
        let tiny = try Number(significand: 1, scale: 38)
        #expect(try tiny * tiny == .zero)                                   // 10^-76 rounds to 0 at 38 places
        #expect(try tiny * Number("0.5") == .zero)                         // half, even → 0
        #expect(try tiny * Number("1.5") == Number(significand: 2, scale: 38))
        // A product over 2^128 that still fits once trailing zeros go.
        let power = (0..<54).reduce(Int128(1)) { p, _ in p * 5 }   // 5^54 has 38 digits
        let fiveToThe54 = try Number(significand: power, scale: 38)
        // 5^54 × 10^-38 × 8 × 10^-1 = 5^51 × 10^-36 (the raw product, 4.4e38, is past 2^128).
        #expect(try fiveToThe54 * Number("0.8") == Number(significand: power / 125, scale: 36))
        #expect(throws: NumberError.self) { try Number("10000000000000000000") * Number("10000000000000000000") }
    }

    @Test func divisionAtTheEdge() throws {
        #expect(try Number(1) / Number(3) == Number("0.333333333333333333"))
        #expect(try Self.greatest / Self.greatest == .one)
        #expect(try Self.least / Self.greatest == -.one)
        #expect(try Self.greatest / 2 == Number("50000000000000000000000000000000000000"))   // no room for .5: half-even
        // 2·10^22 / 100 needs 21 integer digits: the operator keeps 38 significant digits (17 places).
        #expect(try Number("20000000000000000000000") / 100 == Number("200000000000000000000"))
        #expect(throws: NumberError.self) { try Self.greatest / Number("0.5") }   // 39 integer digits
        // Explicit scale: a quotient past 38 digits throws; a tiny one rounds by mode.
        #expect(throws: NumberError.self) { try Self.greatest.divided(by: Number("0.1"), scale: 0, rounding: .down) }
        let tiny = try Number(significand: 1, scale: 38)
        #expect(try tiny.divided(by: Self.greatest, scale: 0, rounding: .up) == .one)
        #expect(try tiny.divided(by: Self.greatest, scale: 0, rounding: .halfEven) == .zero)
        #expect(try Number(-1).divided(by: Number(3), scale: 0, rounding: .floor) == Number(-1))
        #expect(try Number(5).divided(by: Number(10), scale: 0, rounding: .halfEven) == .zero)
        #expect(try Number(15).divided(by: Number(10), scale: 0, rounding: .halfEven) == Number(2))
        #expect(try Number(-15).divided(by: Number(10), scale: 0, rounding: .halfUp) == Number(-2))
    }

    @Test func roundingAndStepsNeverTrap() throws {
        #expect(Self.greatest.rounded(scale: 0) == Self.greatest)
        #expect(Number("-0." + Self.nines)?.rounded(scale: 37, .up) == -1)
        #expect(Number("0.5").rounded(scale: -3) == 0)            // clamped to 0 places
        #expect(Number("0.5").rounded(scale: 99) == Number("0.5"))
        #expect(throws: NumberError.self) { try Self.greatest.ceil(toStep: 2) }
        #expect(try Self.greatest.floor(toStep: 2) == Self.greatest - 1)
        let tinyStep = try Number(significand: 1, scale: 38)
        #expect(try Number("10000000000000000000000000000000000000").floor(toStep: tinyStep) == Number("10000000000000000000000000000000000000"))
        #expect(try Number("0.3").ceil(toStep: Number("12345678901234567890")) == Number("12345678901234567890"))
        #expect(Self.greatest.formatted(places: 8) == Self.nines)   // cannot pad: the plain digits
        #expect(Self.greatest.exactInt == nil && Self.greatest.exactInt64 == nil)
    }
}
