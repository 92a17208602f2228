import BinanceMargin
import Testing
@testable import MarginSim

/// The simulator's header-name match over UTF-8 buffers (``Authenticator/sameHeaderName(_:_:)``) held to the
/// byte-pair rule it replaced: equal bytes, or the same ASCII letter in another case. Generated names, fixed seed.
@Suite struct HeaderNameMatchTests {
    static func reference(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && zip(a.utf8, b.utf8).allSatisfy { a, b in
            a == b || (a | 0x20 == b | 0x20 && (a | 0x20) >= UInt8(ascii: "a") && (a | 0x20) <= UInt8(ascii: "z"))
        }
    }

    @Test func theBufferMatchAgreesWithTheByteRule() {
        var random = SplitMix64(seed: 0x14_4EAD)
        let pieces = ["X", "x", "-", "M", "m", "B", "b", "@", "`", "[", "{", "1", "é", "É", "K", "k", "Y", "y"]
        var same = 0, different = 0
        for _ in 0..<5_000 {
            let a = (0..<Int(random.next(upTo: 14))).map { _ in random.pick(pieces) }.joined()
            var b = a
            switch random.next(upTo: 3) {
            case 0:   // each letter's case flipped at random (and `@`/`` ` ``, `[`/`{`, é/É: not letters of ASCII)
                b = String(a.map { c in random.next(upTo: 2) == 0 ? c : (c.isUppercase ? Character(c.lowercased()) : Character(c.uppercased())) })
            case 1: b = (0..<Int(random.next(upTo: 14))).map { _ in random.pick(pieces) }.joined()
            default: break
            }
            let expected = Self.reference(a, b)
            #expect(Authenticator.sameHeaderName(a, b) == expected, "\(a.debugDescription) \(b.debugDescription)")
            if expected { same += 1 } else { different += 1 }
        }
        #expect(same > 1_000 && different > 1_000, "\(same) \(different)")
    }
}
