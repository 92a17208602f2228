import Foundation
import Testing
@testable import BinanceMargin

/// The client's fast paths for a replayed minute (issue 14) held to the slower, general code they shortcut:
/// the 64-bit decimal parser to the 128-bit one, the literal key matchers of the account reader to their key
/// lists, the powers of ten to repeated multiplication, the digest's hex and the unescaped percent-encoding
/// to their byte-by-byte forms. Generated inputs, fixed seeds.
@Suite struct HotPathEquivalenceTests {
    /// Text that looks like a decimal, often is one, and sometimes is damaged or too long for the short path.
    static func decimalText(_ random: inout SplitMix64) -> String {
        var text = ""
        switch random.next(upTo: 6) {
        case 0: text += "-"
        case 1: text += "+"
        default: break
        }
        let digits = Array("0123456789".utf8)
        let integer = Int(random.next(upTo: 5) == 0 ? random.next(upTo: 42) : random.next(upTo: 12))
        text += String(decoding: (0..<integer).map { _ in random.pick(digits) }, as: UTF8.self)
        if random.next(upTo: 3) > 0 {
            text += "."
            let fraction = Int(random.next(upTo: 5) == 0 ? random.next(upTo: 42) : random.next(upTo: 10))
            // Trailing zeros often: the written scale must survive.
            text += String(decoding: (0..<fraction).map { _ in random.next(upTo: 3) == 0 ? UInt8(ascii: "0") : random.pick(digits) }, as: UTF8.self)
        }
        if random.next(upTo: 10) == 0 {   // damage: a stray byte anywhere
            var bytes = Array(text.utf8)
            bytes.insert(random.pick(Array(".-+e x0".utf8)), at: Int(random.next(upTo: UInt64(bytes.count + 1))))
            text = String(decoding: bytes, as: UTF8.self)
        }
        return text
    }

    @Test func theShortDecimalParserAgreesWithTheGeneralOne() {
        var random = SplitMix64(seed: 0x14_DEC1)
        var short = 0, general = 0, rejected = 0
        for _ in 0..<20_000 {
            let shown = Self.decimalText(&random)
            var text = shown
            text.withUTF8 { bytes in
                let reference = Number(generalUTF8: bytes)
                let fast = Number(utf8: bytes)
                #expect(fast?.significand == reference?.significand && fast?.scale == reference?.scale,
                        "\(shown.debugDescription): \(String(describing: fast)) against \(String(describing: reference))")
                if Number.shortPlain(bytes) != nil { short += 1 } else if reference != nil { general += 1 } else { rejected += 1 }
            }
        }
        // All three ways were taken: the short path, the general one for long numbers, and rejections.
        #expect(short > 5_000 && general > 500 && rejected > 500, "\(short) \(general) \(rejected)")
    }

    @Test func powersOfTenAreTheProductsOfTens() {
        var power: Int128 = 1
        for exponent in 0...38 {
            #expect(pow10(exponent) == power, "10^\(exponent)")
            if exponent <= 19 { #expect(Int128(pow10UInt64(exponent)) == power, "10^\(exponent) in 64 bits") }
            if exponent < 38 { power *= 10 }
        }
    }

    @Test func theAccountKeyMatchersFindExactlyTheirKeys() {
        var random = SplitMix64(seed: 0x14_4E75)
        let lists: [([[UInt8]], (UnsafeBufferPointer<UInt8>) -> Int?)] = [
            (CrossMarginAccount.keys, CrossMarginAccount.fieldIndex), (MarginAsset.keys, MarginAsset.fieldIndex),
        ]
        for (keys, index) in lists {
            for (position, key) in keys.enumerated() {
                #expect(key.withUnsafeBufferPointer(index) == position, "\(String(decoding: key, as: UTF8.self))")
            }
            // Near misses: one byte changed, dropped or added, the case of a letter flipped.
            var nearMisses = 0
            for _ in 0..<3_000 {
                var key = random.pick(keys)
                switch random.next(upTo: 4) {
                case 0: key[Int(random.next(upTo: UInt64(key.count)))] = UInt8(32 + random.next(upTo: 95))
                case 1: key.remove(at: Int(random.next(upTo: UInt64(key.count))))
                case 2: key.insert(UInt8(32 + random.next(upTo: 95)), at: Int(random.next(upTo: UInt64(key.count + 1))))
                default: key[Int(random.next(upTo: UInt64(key.count)))] ^= 0x20
                }
                let expected = keys.firstIndex(of: key)
                if expected == nil { nearMisses += 1 }
                #expect(key.withUnsafeBufferPointer(index) == expected, "\(String(decoding: key, as: UTF8.self))")
            }
            #expect(nearMisses > 2_500)
        }
    }

    @Test func theKeyedHMACIsSwiftCryptosHMAC() {
        var random = SplitMix64(seed: 0x14_4AC)
        let alphabet = Array("abcXYZ019=&%+ é".unicodeScalars)
        func text(upTo length: UInt64) -> String {
            String(String.UnicodeScalarView((0..<Int(random.next(upTo: length))).map { _ in random.pick(alphabet) }))
        }
        var longKeys = 0
        for _ in 0..<1_000 {
            let secret = text(upTo: 140), payload = text(upTo: 300)
            var bytes = payload
            let fast = bytes.withUTF8 { KeyedSHA256(key: secret.utf8).withCode(of: UnsafeRawBufferPointer($0), Signatures.hex(bytes:)) }
            #expect(fast == Signatures.hmacSHA256Hex(payload, secret: secret), "\(secret.debugDescription) \(payload.debugDescription)")
            if secret.utf8.count > 64 { longKeys += 1 }
        }
        #expect(longKeys > 200)   // keys longer than a block (hashed first) and shorter ones (padded)
        // One keyed value signs message after message: each starts from the prepared states, untouched by the last.
        let keyed = KeyedSHA256(key: "mopsDemoSecret".utf8)
        for _ in 0..<50 {
            var payload = text(upTo: 200)
            let copy = payload
            let fast = payload.withUTF8 { keyed.withCode(of: UnsafeRawBufferPointer($0), Signatures.hex(bytes:)) }
            #expect(fast == Signatures.hmacSHA256Hex(copy, secret: "mopsDemoSecret"))
        }
    }

    @Test func theDigestHexIsTheBytesHex() {
        var random = SplitMix64(seed: 0x14_4E8)
        for _ in 0..<500 {
            let bytes = (0..<Int(random.next(upTo: 70))).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let fast = bytes.withUnsafeBytes { Signatures.hex(bytes: $0) }
            #expect(fast == Signatures.hex(bytes))
            #expect(fast == bytes.map { String(format: "%02x", $0) }.joined())
        }
    }

    @Test func percentEncodingWithoutEscapesIsTheTextItselfAndOtherwiseEveryByteEscaped() {
        var random = SplitMix64(seed: 0x14_E5C)
        let alphabet = Array("azAZ09-._~".utf8) + Array(" +/=&%?#é１".utf8)
        var unchanged = 0
        for _ in 0..<3_000 {
            let text = String(decoding: (0..<Int(random.next(upTo: 20))).map { _ in random.pick(alphabet) }, as: UTF8.self)
            var expected = ""
            for byte in text.utf8 {
                expected += PercentEncoding.isUnreserved(byte) ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte)
            }
            #expect(PercentEncoding.encode(text) == expected, "\(text.debugDescription)")
            if expected == text { unchanged += 1 }
        }
        #expect(unchanged > 100)
    }
}
