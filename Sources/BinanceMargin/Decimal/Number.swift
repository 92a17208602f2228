import Foundation

/// An exact base-10 number: the one number type of mops, from the wire to the ledger to the language.
///
/// A `Number` is `significand × 10^-scale` with at most 38 significant digits (the significand
/// stays within ±(10^38 − 1), so negation and ``magnitude`` are total) and a scale of 0…38
/// fractional digits. Addition, subtraction and multiplication are exact; division rounds to an
/// explicit scale and ``RoundingMode``. Every operator throws a typed ``NumberError`` when the
/// result does not fit (or on a zero divisor) — nothing traps, and each call site decides what an
/// overflow means there. Parsing is strict — `"1.5abc"`, `"1e-05"`, `" 1"` and `"NaN"` are
/// rejected — and formatting never uses an exponent. There is no conversion from binary floating
/// point, on purpose.
///
/// Equality, ordering and hashing are by value: `Number("1.50") == Number("1.5")`.
public struct Number: Sendable {
    /// The integer that, divided by 10^scale, gives the value; always within ±``maxSignificand``.
    public let significand: Int128
    /// How many fractional digits ``significand`` carries (0…38).
    public let scale: Int

    /// The largest scale a number may carry.
    public static let maxScale = 38

    /// The largest significand: 10^38 − 1, the largest 38-digit integer (and its negation the smallest).
    public static let maxSignificand: Int128 = 99_999_999_999_999_999_999_999_999_999_999_999_999

    /// Makes `significand × 10^-scale`; throws when `scale` is outside 0…38 or the significand
    /// needs more than 38 digits.
    public init(significand: Int128, scale: Int) throws(NumberError) {
        guard scale >= 0, scale <= Number.maxScale, significand.magnitude <= Number.maxSignificand.magnitude else {
            throw .overflow(operation: "\(significand) × 10^-\(scale)")
        }
        self.init(unchecked: significand, scale: scale)
    }

    /// For values already known to keep the invariants.
    init(unchecked significand: Int128, scale: Int) {
        self.significand = significand
        self.scale = scale
    }

    /// An integer value (always fits: 64-bit integers have at most 19 digits).
    public init(_ value: Int) { self.init(unchecked: Int128(value), scale: 0) }

    /// An integer value.
    public init(_ value: Int64) { self.init(unchecked: Int128(value), scale: 0) }

    public static let zero = Number(unchecked: 0, scale: 0)
    public static let one = Number(unchecked: 1, scale: 0)
    /// The largest number, 10^38 − 1 (its negation is the smallest).
    public static let greatest = Number(unchecked: maxSignificand, scale: 0)

    public var isZero: Bool { significand == 0 }
    public var isNegative: Bool { significand < 0 }
    public var isPositive: Bool { significand > 0 }
    /// -1, 0 or 1.
    public var signum: Int { significand == 0 ? 0 : (significand < 0 ? -1 : 1) }
}

// MARK: - Powers of ten

/// 10^exponent for 0…38 (traps outside, as an out-of-range table index would).
///
/// Computed from ``pow10UInt64(_:)``'s constants rather than read from a lazily built global table:
/// a global's lazy initialisation check (`swift_once`) is a call on every read on Linux, and this is
/// read by nearly every `Number` operation.
@inline(__always)
func pow10(_ exponent: Int) -> Int128 {
    if exponent <= 19 { return Int128(pow10UInt64(exponent)) }
    precondition(exponent <= 38, "10^\(exponent) is outside 10^0…10^38")
    return Int128(pow10UInt64(19)) * Int128(pow10UInt64(exponent - 19))
}

/// 10^exponent for 0…19, the powers of ten a `UInt64` holds (a constant table the compiler lays out).
@inline(__always)
func pow10UInt64(_ exponent: Int) -> UInt64 {
    switch exponent {
    case 0: return 1
    case 1: return 10
    case 2: return 100
    case 3: return 1_000
    case 4: return 10_000
    case 5: return 100_000
    case 6: return 1_000_000
    case 7: return 10_000_000
    case 8: return 100_000_000
    case 9: return 1_000_000_000
    case 10: return 10_000_000_000
    case 11: return 100_000_000_000
    case 12: return 1_000_000_000_000
    case 13: return 10_000_000_000_000
    case 14: return 100_000_000_000_000
    case 15: return 1_000_000_000_000_000
    case 16: return 10_000_000_000_000_000
    case 17: return 100_000_000_000_000_000
    case 18: return 1_000_000_000_000_000_000
    case 19: return 10_000_000_000_000_000_000
    default: preconditionFailure("10^\(exponent) is outside 10^0…10^19")
    }
}

extension Number {
    /// The significand at the larger scale `newScale`; nil when it would need more than 38 digits.
    func rescaled(to newScale: Int) -> Int128? {
        if newScale == scale { return significand }
        guard newScale > scale, newScale <= Number.maxScale else { return nil }
        let (product, overflow) = significand.multipliedReportingOverflow(by: pow10(newScale - scale))
        return overflow || product.magnitude > Number.maxSignificand.magnitude ? nil : product
    }

    /// The same value with trailing fractional zeros removed (the canonical form).
    public var normalized: Number {
        if scale == 0 || significand == 0 { return significand == 0 ? .zero : self }
        if let small = Int64(exactly: significand) {   // the usual size: 64-bit steps, the same digits
            var sig = small, sc = scale
            while sc > 0 && sig % 10 == 0 { sig /= 10; sc -= 1 }
            return Number(unchecked: Int128(sig), scale: sc)
        }
        var sig = significand, sc = scale
        while sc > 0 && sig % 10 == 0 { sig /= 10; sc -= 1 }
        return Number(unchecked: sig, scale: sc)
    }

    /// The number with sign `negative`, magnitude `magnitude` and `scale` (which may exceed 38):
    /// rounded with `mode` to 38 places when the scale is larger, then trailing fractional zeros
    /// dropped only while the digits do not fit. Nil when even that needs more than 38 digits.
    static func fitting(negative: Bool, _ magnitude: WideMagnitude, scale: Int,
                        rounding mode: RoundingMode = .halfEven) -> Number? {
        var m = magnitude, sc = scale
        if sc > maxScale {
            m = m.divided(by: UInt128(pow10(sc - maxScale)), rounding: mode, negative: negative)
            sc = maxScale
        }
        while !m.fitsSignificand && sc > 0 {
            let (q, r) = m.quotientAndRemainder(dividingBy: 10)
            guard r == 0 else { return nil }
            m = q
            sc -= 1
        }
        guard m.fitsSignificand else { return nil }
        let sig = Int128(m.low)
        return Number(unchecked: negative ? -sig : sig, scale: sc)
    }
}

// MARK: - Parsing

extension Number: LosslessStringConvertible {
    /// Parses a plain decimal strictly: an optional sign, digits, and an optional `.` followed by
    /// digits. Exponents, spaces, grouping, `NaN` and trailing garbage are rejected (nil).
    /// Trailing fractional zeros beyond 38 digits are dropped; any other loss of digits (a 39th
    /// significant digit, a 39th decimal place) is rejected.
    public init?(_ text: String) {
        var text = text
        guard let value = text.withUTF8({ Number(utf8: $0) }) else { return nil }
        self = value
    }

    /// Parses the UTF-8 bytes of a plain decimal with exactly the rules of ``init(_:)`` (which calls it):
    /// what a byte-level decoder uses to read a number straight from an answer's bytes.
    public init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        if let fast = Number.shortPlain(bytes) { self = fast; return }
        self.init(generalUTF8: bytes)
    }

    /// The common short case of ``init(utf8:)`` in 64-bit arithmetic: `[+-]digits[.digits]` in at most 19
    /// bytes after the sign (19 digits, or 18 and the point). Then nothing can overflow (10^19 < 2^64) and
    /// every written digit is kept, so the value is all the digits as one integer at the scale of the
    /// fractional digits — what the general parser makes of it. Nil for anything else (longer, or not of
    /// that form), which the general parser then decides.
    static func shortPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Number? {
        var at = 0
        let count = bytes.count
        var negative = false
        if at < count, bytes[at] == UInt8(ascii: "-") || bytes[at] == UInt8(ascii: "+") {
            negative = bytes[at] == UInt8(ascii: "-")
            at += 1
        }
        guard count - at <= 19 else { return nil }   // 18 digits and a point at most
        var value: UInt64 = 0
        let integerStart = at
        while at < count, bytes[at] &- UInt8(ascii: "0") < 10 {
            value = value &* 10 &+ UInt64(bytes[at] &- UInt8(ascii: "0"))
            at += 1
        }
        guard at > integerStart else { return nil }
        var scale = 0
        if at < count {
            guard bytes[at] == UInt8(ascii: ".") else { return nil }
            at += 1
            let fractionStart = at
            while at < count, bytes[at] &- UInt8(ascii: "0") < 10 {
                value = value &* 10 &+ UInt64(bytes[at] &- UInt8(ascii: "0"))
                at += 1
            }
            scale = at - fractionStart
            guard scale > 0, at == count else { return nil }
        }
        let significand = Int128(value)   // at most 18 digits: below 10^18
        return Number(unchecked: negative ? -significand : significand, scale: scale)
    }

    /// ``init(utf8:)`` for any length, in 128-bit arithmetic (the reference ``shortPlain(_:)`` is held to).
    init?(generalUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        var utf8 = bytes[...]
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
                // A 39th digit; below the bound no digit can overflow, so the 128-bit division is skipped.
                guard sig <= Number.safeBeforeAppending[1] || sig <= (Number.maxSignificand - digit) / 10 else { return nil }
                sig = sig * 10 + digit
            } else if digit == 0 {
                pendingZeros += 1
            } else {
                let needed = pendingZeros + 1
                guard scale + needed <= Number.maxScale else { return nil }
                guard sig <= Number.safeBeforeAppending[needed] || sig <= (Number.maxSignificand - digit) / pow10(needed) else { return nil }
                sig = sig * pow10(needed) + digit
                scale += needed
                pendingZeros = 0
            }
        }
        if digitsBeforePoint == 0 { return nil }
        if seenPoint && scale == 0 && pendingZeros == 0 { return nil }   // "1." is not a number
        // Keep written trailing zeros where they fit (so "0.00100000" keeps its 8 places).
        if pendingZeros > 0 {
            let keep = Swift.min(pendingZeros, Number.maxScale - scale)
            if keep > 0, sig <= Number.safeBeforeAppending[keep] || sig <= Number.maxSignificand / pow10(keep) {
                sig *= pow10(keep)
                scale += keep
            }
        }
        self.init(unchecked: negative ? -sig : sig, scale: scale)
    }

    /// `(maxSignificand − 9) / 10^k` for k in 0…38: a significand no larger takes k more digits, whatever they are.
    static let safeBeforeAppending: [Int128] = (0...Number.maxScale).map { (Number.maxSignificand - 9) / pow10($0) }
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
        return Number(unchecked: sig, scale: places).plain
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
    /// `lhs + rhs`, exact; throws ``NumberError/overflow(operation:)`` when it needs more than 38 digits.
    public static func + (lhs: Number, rhs: Number) throws(NumberError) -> Number {
        guard let sum = lhs.sum(rhs) else { throw .overflow(lhs, "+", rhs) }
        return sum
    }

    /// `lhs - rhs`, exact; throws ``NumberError/overflow(operation:)`` when it needs more than 38 digits.
    public static func - (lhs: Number, rhs: Number) throws(NumberError) -> Number {
        guard let difference = lhs.sum(rhs.negated) else { throw .overflow(lhs, "-", rhs) }
        return difference
    }

    /// `lhs × rhs`, exact (digits beyond 38 places, below 10^-38, round half-even); throws
    /// ``NumberError/overflow(operation:)`` when it needs more than 38 digits.
    public static func * (lhs: Number, rhs: Number) throws(NumberError) -> Number {
        guard let product = lhs.product(rhs) else { throw .overflow(lhs, "*", rhs) }
        return product
    }

    /// `lhs ÷ rhs` half-even at ``divisionScale`` places — fewer when the quotient's integer part
    /// leaves less room in 38 digits; throws on a zero divisor or an integer part beyond 38 digits.
    public static func / (lhs: Number, rhs: Number) throws(NumberError) -> Number {
        try lhs.divided(by: rhs)
    }

    public static func += (lhs: inout Number, rhs: Number) throws(NumberError) { lhs = try lhs + rhs }
    public static func -= (lhs: inout Number, rhs: Number) throws(NumberError) { lhs = try lhs - rhs }
    public static func *= (lhs: inout Number, rhs: Number) throws(NumberError) { lhs = try lhs * rhs }

    /// The negation; total, since significands are symmetric around zero.
    public static prefix func - (value: Number) -> Number { value.negated }

    /// The negation; total.
    public var negated: Number { Number(unchecked: -significand, scale: scale) }

    /// The absolute value; total.
    public var magnitude: Number { significand < 0 ? negated : self }

    /// `self + other`, or nil when the result does not fit in 38 digits (`try? a + b`).
    public func adding(_ other: Number) -> Number? { sum(other) }

    /// `self - other`, or nil when the result does not fit in 38 digits (`try? a - b`).
    public func subtracting(_ other: Number) -> Number? { sum(other.negated) }

    /// `self × other`, or nil when the result does not fit in 38 digits (`try? a * b`).
    public func multiplying(by other: Number) -> Number? { product(other) }

    /// `self ÷ other` rounded to `scale` fractional digits with `mode`, trailing zeros removed;
    /// nil when `other` is zero or the result does not fit (see ``divided(by:scale:rounding:)``).
    public func dividing(by other: Number, scale resultScale: Int = Number.divisionScale,
                         rounding mode: RoundingMode = .halfEven) -> Number? {
        try? divided(by: other, scale: resultScale, rounding: mode)
    }

    /// The default number of fractional digits a division keeps (then trailing zeros are removed).
    public static let divisionScale = 18

    /// The exact sum, or nil past 38 digits.
    func sum(_ other: Number) -> Number? {
        if scale == other.scale {
            let (sum, overflow) = significand.addingReportingOverflow(other.significand)
            if !overflow && sum.magnitude <= Number.maxSignificand.magnitude { return Number(unchecked: sum, scale: scale) }
        } else if let a = rescaled(to: Swift.max(scale, other.scale)), let b = other.rescaled(to: Swift.max(scale, other.scale)) {
            let (sum, overflow) = a.addingReportingOverflow(b)
            if !overflow && sum.magnitude <= Number.maxSignificand.magnitude {
                return Number(unchecked: sum, scale: Swift.max(scale, other.scale))
            }
        }
        return Number.wideSum(self, other)
    }

    /// The sum of two numbers aligned in 256 bits, trimmed to fit if it can be.
    static func wideSum(_ x: Number, _ y: Number) -> Number? {
        let target = Swift.max(x.scale, y.scale)
        let a = WideMagnitude.product(x.significand.magnitude, UInt128(pow10(target - x.scale)))
        let b = WideMagnitude.product(y.significand.magnitude, UInt128(pow10(target - y.scale)))
        let (negA, negB) = (x.significand < 0, y.significand < 0)
        if negA == negB {
            guard let total = a.adding(b) else { return nil }
            return fitting(negative: negA, total, scale: target)
        }
        return a < b ? fitting(negative: negB, b.subtracting(a), scale: target)
                     : fitting(negative: negA, a.subtracting(b), scale: target)
    }

    /// The exact product (rounded half-even beyond 38 places), or nil past 38 digits.
    func product(_ other: Number) -> Number? {
        let (product, overflow) = significand.multipliedReportingOverflow(by: other.significand)
        let resultScale = scale + other.scale
        if !overflow && resultScale <= Number.maxScale && product.magnitude <= Number.maxSignificand.magnitude {
            return Number(unchecked: product, scale: resultScale)
        }
        let negative = (significand < 0) != (other.significand < 0)
        return Number.fitting(negative: negative, .product(significand.magnitude, other.significand.magnitude), scale: resultScale)
    }
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
