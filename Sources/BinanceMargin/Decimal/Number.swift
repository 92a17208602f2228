import Foundation

/// An exact base-10 number: the one number type of mops, from the wire to the ledger to the language.
///
/// A `Number` is `significand × 10^-scale` with a 128-bit signed significand and a scale of
/// 0…38 fractional digits. Addition, subtraction and multiplication are exact (they report
/// overflow instead of rounding silently); division and rounding take an explicit scale and
/// ``RoundingMode``. Parsing is strict — `"1.5abc"`, `"1e-05"`, `" 1"` and `"NaN"` are rejected —
/// and formatting never uses an exponent. There is no conversion from binary floating point, on purpose.
///
/// Equality, ordering and hashing are by value: `Number("1.50") == Number("1.5")`.
public struct Number: Sendable {
    /// The integer that, divided by 10^scale, gives the value.
    public let significand: Int128
    /// How many fractional digits ``significand`` carries (0…38).
    public let scale: Int

    /// The largest scale a number may carry: Int128 holds 38 full decimal digits.
    public static let maxScale = 38

    /// Makes `significand × 10^-scale`; `scale` must lie in 0…38.
    @inlinable
    public init(significand: Int128, scale: Int) {
        precondition(scale >= 0 && scale <= Number.maxScale, "Number scale out of range: \(scale)")
        self.significand = significand
        self.scale = scale
    }

    /// An integer value.
    public init(_ value: Int) { self.init(significand: Int128(value), scale: 0) }

    /// An integer value.
    public init(_ value: Int64) { self.init(significand: Int128(value), scale: 0) }

    public static let zero = Number(significand: 0, scale: 0)
    public static let one = Number(significand: 1, scale: 0)

    public var isZero: Bool { significand == 0 }
    public var isNegative: Bool { significand < 0 }
    public var isPositive: Bool { significand > 0 }
    /// -1, 0 or 1.
    public var signum: Int { significand == 0 ? 0 : (significand < 0 ? -1 : 1) }
}

// MARK: - Powers of ten

@usableFromInline
let powersOfTen: [Int128] = {
    var table: [Int128] = [1]
    for _ in 1...38 { table.append(table[table.count - 1] * 10) }
    return table
}()

@inlinable
func pow10(_ exponent: Int) -> Int128 { powersOfTen[exponent] }

extension Number {
    /// Raises the scale to `newScale` without changing the value; nil if the significand overflows.
    @inlinable
    func rescaled(to newScale: Int) -> Int128? {
        if newScale == scale { return significand }
        let (product, overflow) = significand.multipliedReportingOverflow(by: pow10(newScale - scale))
        return overflow ? nil : product
    }

    /// The same value with trailing fractional zeros removed (the canonical form).
    public var normalized: Number {
        if scale == 0 || significand == 0 { return significand == 0 ? .zero : self }
        var sig = significand, sc = scale
        while sc > 0 && sig % 10 == 0 { sig /= 10; sc -= 1 }
        return Number(significand: sig, scale: sc)
    }
}

// MARK: - Parsing

extension Number: LosslessStringConvertible {
    /// Parses a plain decimal strictly: an optional sign, digits, and an optional `.` followed by
    /// digits. Exponents, spaces, grouping, `NaN` and trailing garbage are rejected (nil).
    /// Trailing fractional zeros beyond 38 digits are dropped; any other loss of digits is rejected.
    public init?(_ text: String) {
        var utf8 = text.utf8[...]
        guard !utf8.isEmpty else { return nil }
        var negative = false
        if let first = utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            utf8 = utf8.dropFirst()
        }
        var sig: Int128 = 0
        var scale = 0
        var digitsBeforePoint = 0
        var seenPoint = false
        var pendingZeros = 0   // fractional zeros not yet folded in (dropped if they never matter)
        for byte in utf8 {
            if byte == UInt8(ascii: ".") {
                if seenPoint || digitsBeforePoint == 0 { return nil }
                seenPoint = true
                continue
            }
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int128(byte - UInt8(ascii: "0"))
            if !seenPoint {
                digitsBeforePoint += 1
                let (times10, o1) = sig.multipliedReportingOverflow(by: 10)
                let (next, o2) = times10.addingReportingOverflow(digit)
                if o1 || o2 { return nil }
                sig = next
            } else if digit == 0 {
                pendingZeros += 1
            } else {
                let needed = pendingZeros + 1
                guard scale + needed <= Number.maxScale else { return nil }
                let (shifted, o1) = sig.multipliedReportingOverflow(by: pow10(needed))
                let (next, o2) = shifted.addingReportingOverflow(digit)
                if o1 || o2 { return nil }
                sig = next
                scale += needed
                pendingZeros = 0
            }
        }
        if digitsBeforePoint == 0 { return nil }
        if seenPoint && scale == 0 && pendingZeros == 0 { return nil }   // "1." is not a number
        // Keep written trailing zeros where they fit (so "0.00100000" keeps its 8 places).
        if pendingZeros > 0 {
            let keep = Swift.min(pendingZeros, Number.maxScale - scale)
            if keep > 0, case let (shifted, false) = sig.multipliedReportingOverflow(by: pow10(keep)) {
                sig = shifted
                scale += keep
            }
        }
        self.init(significand: negative ? -sig : sig, scale: scale)
    }
}

extension Number: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    public init(integerLiteral value: Int) { self.init(value) }

    /// A literal such as `"0.00012345"`; it must be a valid plain decimal.
    public init(stringLiteral value: String) {
        guard let number = Number(value) else { preconditionFailure("invalid Number literal \"\(value)\"") }
        self = number
    }
}

// MARK: - Formatting

extension Number: CustomStringConvertible, CustomDebugStringConvertible {
    /// The plain form with trailing fractional zeros removed: `0.001`, `100`, `-2.5`. Never an exponent.
    public var description: String { normalized.plain }

    public var debugDescription: String { "Number(\(plain))" }

    /// The digits exactly as stored, keeping the stored scale: `Number("1.50").plain == "1.50"`.
    public var plain: String {
        let negative = significand < 0
        let magnitude = significand.magnitude
        var digits = String(magnitude)
        if scale > 0 {
            if digits.count <= scale {
                digits = String(repeating: "0", count: scale - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return negative ? "-" + digits : digits
    }

    /// Exactly `places` fractional digits, rounded with `mode` when there are more:
    /// `Number(1.2).formatted(places: 8) == "1.20000000"`.
    public func formatted(places: Int, rounding mode: RoundingMode = .halfEven) -> String {
        rounded(scale: places, mode).plain(padTo: places)
    }

    func plain(padTo places: Int) -> String {
        guard scale < places, let sig = rescaled(to: places) else { return plain }
        return Number(significand: sig, scale: places).plain
    }
}

// MARK: - Equality, ordering, hashing

extension Number: Comparable, Hashable {
    public static func == (lhs: Number, rhs: Number) -> Bool { compare(lhs, rhs) == 0 }

    public static func < (lhs: Number, rhs: Number) -> Bool { compare(lhs, rhs) < 0 }

    public func hash(into hasher: inout Hasher) {
        let n = normalized
        hasher.combine(n.significand)
        hasher.combine(n.scale)
    }

    /// -1, 0 or 1 as `lhs` is below, equal to or above `rhs`.
    @inlinable
    static func compare(_ lhs: Number, _ rhs: Number) -> Int {
        if lhs.scale == rhs.scale { return lhs.significand == rhs.significand ? 0 : (lhs.significand < rhs.significand ? -1 : 1) }
        let target = Swift.max(lhs.scale, rhs.scale)
        if let a = lhs.rescaled(to: target), let b = rhs.rescaled(to: target) {
            return a == b ? 0 : (a < b ? -1 : 1)
        }
        // Too large to align: compare integer parts, then the aligned fractions (which always fit).
        let (ai, af) = lhs.significand.quotientAndRemainder(dividingBy: pow10(lhs.scale))
        let (bi, bf) = rhs.significand.quotientAndRemainder(dividingBy: pow10(rhs.scale))
        if ai != bi { return ai < bi ? -1 : 1 }
        let fa = af * pow10(target - lhs.scale), fb = bf * pow10(target - rhs.scale)
        return fa == fb ? 0 : (fa < fb ? -1 : 1)
    }
}

// MARK: - Arithmetic

extension Number {
    /// `self + other`, or nil when the result does not fit in 38 digits.
    @inlinable
    public func adding(_ other: Number) -> Number? {
        if scale == other.scale {
            let (sum, overflow) = significand.addingReportingOverflow(other.significand)
            return overflow ? nil : Number(significand: sum, scale: scale)
        }
        let target = Swift.max(scale, other.scale)
        guard let a = rescaled(to: target), let b = other.rescaled(to: target) else { return nil }
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? nil : Number(significand: sum, scale: target)
    }

    /// `self - other`, or nil when the result does not fit in 38 digits.
    @inlinable
    public func subtracting(_ other: Number) -> Number? {
        adding(other.negated)
    }

    /// `self × other`, exact; nil only when even the trimmed result needs more than 38 digits.
    @inlinable
    public func multiplying(by other: Number) -> Number? {
        let (product, overflow) = significand.multipliedReportingOverflow(by: other.significand)
        if !overflow && scale + other.scale <= Number.maxScale {
            return Number(significand: product, scale: scale + other.scale)
        }
        return Number.slowMultiply(self.normalized, other.normalized)
    }

    @usableFromInline
    static func slowMultiply(_ a: Number, _ b: Number) -> Number? {
        let (product, overflow) = a.significand.multipliedReportingOverflow(by: b.significand)
        guard !overflow else { return nil }
        var sig = product, sc = a.scale + b.scale
        // Drop fractional digits beyond 38 places (half-even): they are below 10^-38.
        if sc > Number.maxScale {
            return Number(significand: sig, scale: 0).shifted(bySignificandDigits: sc - Number.maxScale, into: Number.maxScale)
        }
        while sc > 0 && sig % 10 == 0 { sig /= 10; sc -= 1 }
        return Number(significand: sig, scale: sc)
    }

    /// Divides the significand by 10^digits with half-even rounding and labels it with `scale`.
    func shifted(bySignificandDigits digits: Int, into newScale: Int) -> Number {
        let divisor = digits > 38 ? Int128.max : pow10(digits)
        let rounded = Number.divideRounding(significand, divisor, .halfEven)
        return Number(significand: rounded, scale: newScale)
    }

    /// `self ÷ other` rounded to `scale` fractional digits with `mode`, trailing zeros removed;
    /// nil when `other` is zero or the result does not fit.
    public func dividing(by other: Number, scale resultScale: Int = Number.divisionScale,
                         rounding mode: RoundingMode = .halfEven) -> Number? {
        guard !other.isZero else { return nil }
        precondition(resultScale >= 0 && resultScale <= Number.maxScale)
        // value = (a / 10^sa) / (b / 10^sb); we want q = value × 10^r = a × 10^(sb + r - sa) / b.
        let numerator = significand
        var denominator = other.significand
        var shift = other.scale + resultScale - scale
        while shift < 0 {   // move the excess onto the denominator
            let step = Swift.min(-shift, 38)
            let (d, o) = denominator.multipliedReportingOverflow(by: pow10(step))
            if o { return Number(significand: 0, scale: resultScale).normalized }   // quotient rounds to 0
            denominator = d
            shift += step
        }
        // Long division, so the numerator never needs 10^shift headroom at once.
        let negative = (numerator < 0) != (denominator < 0)
        let d = denominator.magnitude
        var (q, r) = numerator.magnitude.quotientAndRemainder(dividingBy: d)
        for _ in 0..<shift {
            let (q10, o1) = q.multipliedReportingOverflow(by: 10)
            let (r10, o2) = r.multipliedReportingOverflow(by: 10)
            if o1 || o2 { return nil }
            let (digit, rest) = r10.quotientAndRemainder(dividingBy: d)
            let (sum, o3) = q10.addingReportingOverflow(digit)
            if o3 { return nil }
            q = sum
            r = rest
        }
        if r != 0 {   // round on the remainder
            let twice = r.multipliedReportingOverflow(by: 2)
            let half: Int = twice.overflow ? 1 : (twice.partialValue == d ? 0 : (twice.partialValue < d ? -1 : 1))
            if mode.roundsAwayFromZero(negative: negative, lastDigitOdd: q % 2 == 1, halfComparison: half) {
                let (next, o) = q.addingReportingOverflow(1)
                if o { return nil }
                q = next
            }
        }
        guard q <= UInt128(Int128.max) else { return nil }
        return Number(significand: negative ? -Int128(q) : Int128(q), scale: resultScale).normalized
    }

    /// The default number of fractional digits a division keeps (then trailing zeros are removed).
    public static let divisionScale = 18

    public var negated: Number { Number(significand: -significand, scale: scale) }

    public var magnitude: Number { significand < 0 ? negated : self }

    /// Traps on overflow; use ``adding(_:)`` where overflow is an input error.
    @inlinable
    public static func + (lhs: Number, rhs: Number) -> Number {
        guard let sum = lhs.adding(rhs) else { preconditionFailure("Number overflow in \(lhs) + \(rhs)") }
        return sum
    }

    /// Traps on overflow; use ``subtracting(_:)`` where overflow is an input error.
    @inlinable
    public static func - (lhs: Number, rhs: Number) -> Number {
        guard let difference = lhs.subtracting(rhs) else { preconditionFailure("Number overflow in \(lhs) - \(rhs)") }
        return difference
    }

    /// Traps on overflow; use ``multiplying(by:)`` where overflow is an input error.
    @inlinable
    public static func * (lhs: Number, rhs: Number) -> Number {
        guard let product = lhs.multiplying(by: rhs) else { preconditionFailure("Number overflow in \(lhs) * \(rhs)") }
        return product
    }

    /// Divides at ``divisionScale`` digits, half-even; traps on a zero divisor — use
    /// ``dividing(by:scale:rounding:)`` where the divisor comes from input.
    public static func / (lhs: Number, rhs: Number) -> Number {
        guard let quotient = lhs.dividing(by: rhs) else { preconditionFailure("Number division \(lhs) / \(rhs) failed") }
        return quotient
    }

    public static prefix func - (value: Number) -> Number { value.negated }

    public static func += (lhs: inout Number, rhs: Number) { lhs = lhs + rhs }
    public static func -= (lhs: inout Number, rhs: Number) { lhs = lhs - rhs }
    public static func *= (lhs: inout Number, rhs: Number) { lhs = lhs * rhs }
}

// MARK: - Rounding

/// How a value that falls between two representable results is resolved.
public enum RoundingMode: String, Sendable, CaseIterable {
    /// Toward zero (truncate).
    case down
    /// Away from zero.
    case up
    /// Toward negative infinity.
    case floor
    /// Toward positive infinity.
    case ceiling
    /// To nearest; ties away from zero.
    case halfUp
    /// To nearest; ties to the even neighbour (banker's rounding).
    case halfEven

    /// Whether a truncated magnitude must be bumped by one unit.
    /// `halfComparison` compares the discarded part with one half: -1 below, 0 equal, 1 above.
    @usableFromInline
    func roundsAwayFromZero(negative: Bool, lastDigitOdd: Bool, halfComparison: Int) -> Bool {
        switch self {
        case .down: return false
        case .up: return true
        case .floor: return negative
        case .ceiling: return !negative
        case .halfUp: return halfComparison >= 0
        case .halfEven: return halfComparison > 0 || (halfComparison == 0 && lastDigitOdd)
        }
    }
}

extension Number {
    /// Integer division of `n` by a positive `d`, rounded with `mode` (used for rescaling).
    static func divideRounding(_ n: Int128, _ d: Int128, _ mode: RoundingMode) -> Int128 {
        let (q, r) = n.quotientAndRemainder(dividingBy: d)
        if r == 0 { return q }
        let negative = n < 0
        let twice = r.magnitude.multipliedReportingOverflow(by: 2)
        let comparison = twice.overflow ? 1 : (twice.partialValue == d.magnitude ? 0 : (twice.partialValue < d.magnitude ? -1 : 1))
        if mode.roundsAwayFromZero(negative: negative, lastDigitOdd: q % 2 != 0, halfComparison: comparison) {
            return negative ? q - 1 : q + 1
        }
        return q
    }

    /// The value rounded to at most `places` fractional digits with `mode` (0…38).
    public func rounded(scale places: Int, _ mode: RoundingMode = .halfEven) -> Number {
        precondition(places >= 0 && places <= Number.maxScale)
        guard scale > places else { return self }
        return Number(significand: Number.divideRounding(significand, pow10(scale - places), mode), scale: places)
    }

    /// The largest multiple of `step` not above `self` (for LOT_SIZE and PRICE_FILTER);
    /// `self` when `step` is zero or negative.
    public func floor(toStep step: Number) -> Number { toStep(step, .floor) }

    /// The smallest multiple of `step` not below `self`; `self` when `step` is zero or negative.
    public func ceil(toStep step: Number) -> Number { toStep(step, .ceiling) }

    /// The nearest multiple of `step` (ties to even); `self` when `step` is zero or negative.
    public func round(toStep step: Number) -> Number { toStep(step, .halfEven) }

    /// Whether `self` is a whole multiple of `step` (always true for a zero step).
    public func isMultiple(ofStep step: Number) -> Bool {
        guard step.isPositive else { return true }
        return toStep(step, .down) == self
    }

    /// Rounds to a multiple of `step` with `mode`, keeping the step's scale.
    public func toStep(_ step: Number, _ mode: RoundingMode) -> Number {
        guard step.isPositive else { return self }
        let target = Swift.max(scale, step.scale)
        guard let a = rescaled(to: target), let s = step.rescaled(to: target) else { return self }
        let units = Number.divideRounding(a, s, mode)
        let (sig, overflow) = units.multipliedReportingOverflow(by: s)
        guard !overflow else { return self }
        let result = Number(significand: sig, scale: target)
        return result
    }

    /// The integer part (toward zero).
    public var integerPart: Number { rounded(scale: 0, .down) }

    /// The exact value as an `Int`, or nil when it has a fraction or does not fit.
    public var exactInt: Int? {
        let n = normalized
        guard n.scale == 0, n.significand >= Int128(Int.min), n.significand <= Int128(Int.max) else { return nil }
        return Int(n.significand)
    }

    /// The exact value as an `Int64`, or nil when it has a fraction or does not fit.
    public var exactInt64: Int64? { exactInt.map(Int64.init) }

    public static func min(_ a: Number, _ b: Number) -> Number { a <= b ? a : b }
    public static func max(_ a: Number, _ b: Number) -> Number { a >= b ? a : b }
}

// MARK: - Codable

extension Number: Codable {
    /// Decodes a JSON string (Binance's usual form: `"0.00100000"`) or a JSON number, exactly.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            guard let value = Number(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a plain decimal: \"\(text)\"")
            }
            self = value
            return
        }
        if let int = try? container.decode(Int64.self) {
            self.init(int)
            return
        }
        // A JSON number with a fraction: swift-foundation decodes Decimal from the literal text exactly.
        let decimal = try container.decode(Decimal.self)
        guard let value = Number("\(decimal)") else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "number out of range: \(decimal)")
        }
        self = value
    }

    /// Encodes as a JSON string in plain form, as Binance does.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
