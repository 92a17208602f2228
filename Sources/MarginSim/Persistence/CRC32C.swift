/// CRC-32C (Castagnoli), the checksum of every journal record and snapshot: detects a torn or corrupted record.
///
/// Computed eight bytes at a time ("slicing-by-8": eight 256-entry tables, one lookup per byte but no
/// dependency between the eight lookups), several times faster than a byte at a time — the snapshot's
/// checksum covers every byte of a large state at start-up.
enum CRC32C {
    /// Eight tables of 256 entries, one after another: entry `k * 256 + b` is the CRC of byte `b` followed by
    /// `k` zero bytes (the first table is the classic one).
    private static let table: [UInt32] = {
        var first = (0..<256).map { index -> UInt32 in
            var crc = UInt32(index)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
            return crc
        }
        var all = first
        for _ in 1..<8 {
            first = first.map { $0 >> 8 ^ all[Int($0 & 0xFF)] }
            all += first
        }
        return all
    }()

    /// The checksum of `bytes`.
    static func checksum<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        if let sum = bytes.withContiguousStorageIfAvailable({ checksum(buffer: $0) }) { return sum }
        return Array(bytes).withUnsafeBufferPointer { checksum(buffer: $0) }
    }

    /// The checksum computed a byte at a time: the definition the fast path is tested against.
    static func referenceChecksum<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    private static func checksum(buffer b: UnsafeBufferPointer<UInt8>) -> UInt32 {
        table.withUnsafeBufferPointer { t in
            var crc: UInt32 = 0xFFFF_FFFF
            var i = 0
            while i + 8 <= b.count {
                let low = crc ^ (UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24)
                crc = t[7 * 256 + Int(low & 0xFF)] ^ t[6 * 256 + Int(low >> 8 & 0xFF)]
                    ^ t[5 * 256 + Int(low >> 16 & 0xFF)] ^ t[4 * 256 + Int(low >> 24)]
                    ^ t[3 * 256 + Int(b[i + 4])] ^ t[2 * 256 + Int(b[i + 5])] ^ t[256 + Int(b[i + 6])] ^ t[Int(b[i + 7])]
                i += 8
            }
            while i < b.count {
                crc = t[Int((crc ^ UInt32(b[i])) & 0xFF)] ^ (crc >> 8)
                i += 1
            }
            return crc ^ 0xFFFF_FFFF
        }
    }
}
