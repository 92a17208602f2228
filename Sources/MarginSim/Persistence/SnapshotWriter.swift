import BinanceMargin

/// Appends the snapshot format's primitives to a byte buffer: little-endian fixed integers, varints
/// (LEB128; signed ones zigzag-encoded), exact numbers, length-prefixed UTF-8 strings and accounts.
/// ``SnapshotReader`` reads them back.
struct SnapshotWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func uint32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func uint64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// An unsigned LEB128 varint: 7 bits a byte, low bits first.
    mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// A signed integer, zigzag-encoded (small magnitudes of either sign take few bytes).
    mutating func int(_ value: Int64) {
        varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// A count or length.
    mutating func count(_ value: Int) { varint(UInt64(value)) }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            count(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// nil as 0, a string as its length + 1 and its bytes.
    mutating func optionalString(_ value: String?) {
        guard var value else { return varint(0) }
        value.withUTF8 { utf8 in
            count(utf8.count + 1)
            bytes.append(contentsOf: utf8)
        }
    }

    /// A tag byte — the scale (0…38), with 0x80 set when the significand needs all 128 bits — then the
    /// significand: zigzag varint when it fits 64 bits, else 16 bytes little endian.
    mutating func number(_ value: Number) {
        if let narrow = Int64(exactly: value.significand) {
            byte(UInt8(value.scale))
            int(narrow)
        } else {
            byte(UInt8(value.scale) | 0x80)
            let bits = UInt128(bitPattern: value.significand)
            uint64(UInt64(truncatingIfNeeded: bits))
            uint64(UInt64(truncatingIfNeeded: bits >> 64))
        }
    }

    /// 0 spot, 1 cross, 2 isolated followed by its symbol.
    mutating func account(_ value: AccountRef) {
        switch value {
        case .spot: byte(0)
        case .cross: byte(1)
        case .isolated(let symbol):
            byte(2)
            string(symbol)
        }
    }

    /// An enum by its raw name (robust to cases being reordered or added).
    mutating func name<Choice: RawRepresentable>(_ value: Choice) where Choice.RawValue == String {
        string(value.rawValue)
    }

    mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }
}
