import Testing
@testable import BinanceMargin

/// Number arithmetic against a wide reference on seeded random operands near the edges of the
/// range: every operation gives the exact result (or the correctly rounded one) or throws a typed
/// overflow — never a wrong value, never a trap.
@Suite struct NumberPropertyTests {
    /// Edge-biased operands from a seeded SplitMix64: the same on every run.
    struct Generator {
        var random: SplitMix64
        init(state: UInt64) { random = SplitMix64(seed: state) }
        mutating func next() -> UInt64 { random.next() }
        mutating func below(_ n: Int) -> Int { Int(random.next(upTo: UInt64(n))) }

        /// A significand of a random kind: the largest, a power of ten, all nines, small, or random digits.
        mutating func significand() -> Int128 {
            let sig: Int128
            switch below(6) {
            case 0: sig = Number.maxSignificand
            case 1: sig = pow10(below(38))
            case 2: sig = Number.maxSignificand / pow10(below(38))
            case 3: sig = Int128(below(1000))
            default:
                let wide = (Int128(next()) << 64 | Int128(next() >> 1)) % pow10(1 + below(38))
                sig = wide < 0 ? -wide : wide
            }
            return below(2) == 0 ? -sig : sig
        }

        mutating func number() -> Number {
            (try? Number(significand: significand(), scale: below(39))) ?? .zero
        }
    }

    static let iterations = 4_000

    @Test func additionAndSubtractionAreExactOrOverflow() {
        var g = Generator(state: 0xA11CE)
        for _ in 0..<Self.iterations {
            let a = g.number(), b = g.number()
            let (ra, rb) = (ReferenceDecimal(a), ReferenceDecimal(b))
            let t = max(a.scale, b.scale)
            for (op, expected) in [("+", ReferenceDecimal(integer: ra.aligned(to: t) + rb.aligned(to: t), scale: t)),
                                   ("-", ReferenceDecimal(integer: ra.aligned(to: t) - rb.aligned(to: t), scale: t))] {
                do {
                    let result = op == "+" ? try a + b : try a - b
                    #expect(ReferenceDecimal(result) == expected, "\(a) \(op) \(b) = \(result)")
                } catch {
                    #expect(!expected.fitsNumber, "\(a) \(op) \(b) threw \(error) but fits")
                }
            }
        }
    }

    @Test func multiplicationIsExactBeyondOnlyThe38thPlace() {
        var g = Generator(state: 0xB0B)
        for _ in 0..<Self.iterations {
            let a = g.number(), b = g.number()
            let expected = Self.roundedTo38Places(ReferenceDecimal(integer: ReferenceDecimal(a).integer * ReferenceDecimal(b).integer,
                                                                   scale: a.scale + b.scale))
            do {
                let result = try a * b
                #expect(ReferenceDecimal(result) == expected, "\(a) * \(b) = \(result)")
            } catch {
                #expect(!expected.fitsNumber, "\(a) * \(b) threw \(error) but fits")
            }
        }
    }

    @Test(arguments: [RoundingMode.down, .halfEven, .ceiling])
    func divisionAtAScaleIsCorrectlyRounded(mode: RoundingMode) {
        var g = Generator(state: 0xD1F + UInt64(mode.rawValue.count))
        for _ in 0..<Self.iterations {
            let a = g.number(), b = g.number()
            guard !b.isZero else {
                #expect(throws: NumberError.divisionByZero(dividend: a)) { try a.divided(by: b, scale: 18, rounding: mode) }
                continue
            }
            // q = a / b at 18 places: |Q| × D against N, with N = |A|·10^(sb+18) and D = |B|·10^sa.
            let n = ReferenceDecimal(a).integer.magnitude * .power(of: b.scale + 18)
            let d = ReferenceDecimal(b).integer.magnitude * .power(of: a.scale)
            do {
                let q = try a.divided(by: b, scale: 18, rounding: mode)
                let big = ReferenceDecimal(q).aligned(to: 18).magnitude
                let remainder = n - big * d   // may be negative when rounded up
                let negative = a.isNegative != b.isNegative
                #expect(q.isZero || q.isNegative == negative, "\(a) / \(b) = \(q): sign")
                switch mode {
                case .down: #expect(!remainder.negative && remainder < d, "\(a) / \(b) = \(q) (down)")
                case .halfEven: #expect(ReferenceInteger(2) * remainder.magnitude <= d, "\(a) / \(b) = \(q) (halfEven)")
                default: #expect(remainder.magnitude < d, "\(a) / \(b) = \(q) (\(mode))")
                }
            } catch {
                // Overflow only when the truncated quotient needs 39 digits or more.
                #expect(ReferenceInteger.power(of: 38) * d <= n, "\(a) / \(b) threw \(error)")
            }
        }
    }

    @Test func theDivisionOperatorKeepsFewerPlacesRatherThanOverflow() {
        var g = Generator(state: 0x5EED)
        for _ in 0..<Self.iterations {
            let a = g.number(), b = g.number()
            guard !b.isZero else { continue }
            let atEighteen = try? a.divided(by: b, scale: 18, rounding: .halfEven)
            let whole = try? a.divided(by: b, scale: 0, rounding: .down)
            do {
                let q = try a / b
                if let atEighteen { #expect(q == atEighteen, "\(a) / \(b)") }
                if let whole { #expect(((try? q - whole) ?? .greatest).magnitude <= .one, "\(a) / \(b) = \(q), whole \(whole)") }
            } catch {
                #expect(whole == nil, "\(a) / \(b) threw \(error) though its integer part fits")
            }
        }
    }

    @Test func negationMagnitudeRoundingAndParsingAreTotal() throws {
        var g = Generator(state: 0x70_7A1)
        for _ in 0..<Self.iterations {
            let x = g.number()
            #expect(-(-x) == x)
            #expect(x.magnitude >= .zero && (x.magnitude == x || x.magnitude == -x))
            #expect(Number(x.description) == x, "round trip of \(x.plain)")
            let places = g.below(40)
            let r = x.rounded(scale: places, .halfEven)
            let t = max(x.scale, r.scale)
            let error = ReferenceDecimal(x).aligned(to: t) - ReferenceDecimal(r).aligned(to: t)
            // |x − r| ≤ ½·10^-places
            let bound = places >= t ? ReferenceInteger(0) : ReferenceInteger.power(of: t - min(places, 38))
            #expect(ReferenceInteger(2) * error.magnitude <= bound, "\(x) rounded to \(places): \(r)")
        }
    }

    @Test func stepsAreMultiplesWithinOneStep() {
        var g = Generator(state: 0x57E9)
        for _ in 0..<Self.iterations {
            let x = g.number(), step = g.number().magnitude
            guard step.isPositive else { continue }
            for mode in [RoundingMode.floor, .ceiling] {
                guard let r = try? x.toStep(step, mode) else {
                    // Only a multiple that needs more than 38 digits may fail: it has the step's places
                    // and at most one more integer digit than the larger of x and the step.
                    func integerDigits(_ n: Number) -> Int { String(n.integerPart.significand.magnitude).count }
                    let needed = max(integerDigits(x), integerDigits(step)) + 1 + step.normalized.scale
                    #expect(needed > 38, "\(x) to \(step) (\(mode)) threw")
                    continue
                }
                #expect(r.isMultiple(ofStep: step), "\(x) to \(step) (\(mode)) = \(r)")
                let t = max(x.scale, r.scale, step.scale)
                let gap = ReferenceDecimal(x).aligned(to: t) - ReferenceDecimal(r).aligned(to: t)
                let s = ReferenceDecimal(step).aligned(to: t)
                if mode == .floor { #expect(!gap.negative && gap < s, "\(x) floor \(step) = \(r)") }
                else { #expect(!(-gap).negative && (-gap) < s, "\(x) ceil \(step) = \(r)") }
            }
        }
    }

    /// Half-even at 38 places when the exact value has more.
    static func roundedTo38Places(_ value: ReferenceDecimal) -> ReferenceDecimal {
        guard value.scale > Number.maxScale else { return value }
        let cut = value.scale - Number.maxScale
        var digits = value.integer.magnitude.description
        if digits.count <= cut { digits = String(repeating: "0", count: cut - digits.count + 1) + digits }
        let kept = ReferenceInteger(String(digits.dropLast(cut)))
        let dropped = ReferenceInteger(String(digits.suffix(cut)))
        let half = ReferenceInteger.power(of: cut)
        let twice = ReferenceInteger(2) * dropped
        let odd = (Int(String(kept.description.last!))! % 2) == 1
        let up = twice > half || (twice == half && odd)
        let magnitude = up ? kept + ReferenceInteger(1) : kept
        return ReferenceDecimal(integer: value.integer.negative ? -magnitude : magnitude, scale: Number.maxScale)
    }
}
