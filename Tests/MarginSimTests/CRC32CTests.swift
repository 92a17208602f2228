import BinanceMargin
import Foundation
import Testing
@testable import MarginSim

@Suite("CRC-32C")
struct CRC32CTests {
    @Test("the standard check values (RFC 3720's iSCSI vectors and \"123456789\")")
    func checkValues() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(CRC32C.checksum([UInt8]()) == 0)
    }

    @Test("eight bytes at a time equals a byte at a time: generated lengths, contents and slice offsets")
    func slicingMatchesReference() {
        var random = SplitMix64(seed: 0xC5C3_2C)
        for _ in 0..<400 {
            let bytes = (0..<Int(random.next() % 300)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let start = bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count))
            #expect(CRC32C.checksum(bytes) == CRC32C.referenceChecksum(bytes))
            #expect(CRC32C.checksum(bytes[start...]) == CRC32C.referenceChecksum(bytes[start...]))
            #expect(CRC32C.checksum(Data(bytes[start...])) == CRC32C.referenceChecksum(bytes[start...]))
            #expect(CRC32C.checksum(bytes.lazy.map { $0 }) == CRC32C.referenceChecksum(bytes))   // not contiguous
        }
    }
}
