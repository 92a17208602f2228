import BinanceMargin

/// A signed integer of any size, in base 10^9 limbs: the reference the Number property tests
/// compare against. Slow and simple on purpose (schoolbook arithmetic, no shortcuts shared with Number).
struct ReferenceInteger: Comparable, CustomStringConvertible {
    static let base: UInt64 = 1_000_000_000
    var negative: Bool
    /// Little-endian limbs, no trailing zero limbs (zero is []).
    var limbs: [UInt64]

    init(_ text: String) {
        negative = text.hasPrefix("-")
        let digits = Array(text.drop { $0 == "-" || $0 == "+" })
        limbs = []
        var end = digits.count
        while end > 0 {
            let start = Swift.max(0, end - 9)
            limbs.append(UInt64(String(digits[start..<end]))!)
            end = start
        }
        trim()
    }

    init<T: BinaryInteger>(_ value: T) { self.init(String(value)) }

    private init(negative: Bool, limbs: [UInt64]) {
        self.negative = negative
        self.limbs = limbs
        trim()
    }

    private mutating func trim() {
        while limbs.last == 0 { limbs.removeLast() }
        if limbs.isEmpty { negative = false }
    }

    var isZero: Bool { limbs.isEmpty }
    var magnitude: ReferenceInteger { ReferenceInteger(negative: false, limbs: limbs) }

    var description: String {
        guard let top = limbs.last else { return "0" }
        var text = String(top)
        for limb in limbs.dropLast().reversed() {
            let s = String(limb)
            text += String(repeating: "0", count: 9 - s.count) + s
        }
        return (negative ? "-" : "") + text
    }

    /// Decimal digits of the magnitude (1 for zero).
    var digitCount: Int { isZero ? 1 : description.drop { $0 == "-" }.count }

    static func power(of ten: Int) -> ReferenceInteger { ReferenceInteger("1" + String(repeating: "0", count: ten)) }

    private static func compareMagnitudes(_ a: [UInt64], _ b: [UInt64]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for i in stride(from: a.count - 1, through: 0, by: -1) where a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
        return 0
    }

    private static func addMagnitudes(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var out: [UInt64] = [], carry: UInt64 = 0
        for i in 0..<Swift.max(a.count, b.count) {
            let sum = (i < a.count ? a[i] : 0) + (i < b.count ? b[i] : 0) + carry
            out.append(sum % base)
            carry = sum / base
        }
        if carry > 0 { out.append(carry) }
        return out
    }

    /// a − b for |a| ≥ |b|.
    private static func subtractMagnitudes(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var out: [UInt64] = [], borrow: UInt64 = 0
        for i in 0..<a.count {
            let sub = (i < b.count ? b[i] : 0) + borrow
            if a[i] >= sub { out.append(a[i] - sub); borrow = 0 } else { out.append(a[i] + base - sub); borrow = 1 }
        }
        return out
    }

    static func + (a: ReferenceInteger, b: ReferenceInteger) -> ReferenceInteger {
        if a.negative == b.negative { return ReferenceInteger(negative: a.negative, limbs: addMagnitudes(a.limbs, b.limbs)) }
        if compareMagnitudes(a.limbs, b.limbs) >= 0 {
            return ReferenceInteger(negative: a.negative, limbs: subtractMagnitudes(a.limbs, b.limbs))
        }
        return ReferenceInteger(negative: b.negative, limbs: subtractMagnitudes(b.limbs, a.limbs))
    }

    static prefix func - (a: ReferenceInteger) -> ReferenceInteger { ReferenceInteger(negative: !a.negative, limbs: a.limbs) }
    static func - (a: ReferenceInteger, b: ReferenceInteger) -> ReferenceInteger { a + (-b) }

    static func * (a: ReferenceInteger, b: ReferenceInteger) -> ReferenceInteger {
        var out = [UInt64](repeating: 0, count: a.limbs.count + b.limbs.count + 1)
        for (i, x) in a.limbs.enumerated() {
            var carry: UInt64 = 0
            for (j, y) in b.limbs.enumerated() {
                let t = out[i + j] + x * y + carry
                out[i + j] = t % base
                carry = t / base
            }
            var k = i + b.limbs.count
            while carry > 0 { let t = out[k] + carry; out[k] = t % base; carry = t / base; k += 1 }
        }
        return ReferenceInteger(negative: a.negative != b.negative, limbs: out)
    }

    static func < (a: ReferenceInteger, b: ReferenceInteger) -> Bool {
        if a.negative != b.negative { return a.negative }
        let c = compareMagnitudes(a.limbs, b.limbs)
        return a.negative ? c > 0 : c < 0
    }
}

/// An exact decimal `integer × 10^-scale` of any size, for the reference side of the property tests.
struct ReferenceDecimal {
    var integer: ReferenceInteger
    var scale: Int

    init(_ n: Number) {
        integer = ReferenceInteger(n.significand)
        scale = n.scale
    }

    init(integer: ReferenceInteger, scale: Int) {
        self.integer = integer
        self.scale = scale
    }

    /// The integer at a larger scale.
    func aligned(to target: Int) -> ReferenceInteger { integer * .power(of: target - scale) }

    static func == (a: ReferenceDecimal, b: ReferenceDecimal) -> Bool {
        let t = Swift.max(a.scale, b.scale)
        return a.aligned(to: t) == b.aligned(to: t)
    }

    /// Whether the value fits a Number: trailing fractional zeros dropped, at most 38 places and 38 digits.
    var fitsNumber: Bool {
        var text = integer.magnitude.description, sc = scale
        while sc > 0 && text.count > 1 && text.hasSuffix("0") { text.removeLast(); sc -= 1 }
        if integer.isZero { return true }
        return sc <= Number.maxScale && text.count <= 38
    }
}
