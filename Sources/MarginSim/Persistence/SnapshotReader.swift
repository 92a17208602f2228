import BinanceMargin

/// Reads what ``SnapshotWriter`` wrote, never past its end: any value that does not fit the bytes, or
/// is not one the engine could hold (a scale above 38, an unknown enum name), throws
/// ``Malformed`` with the offset, so a damaged or hostile file is refused rather than trapping.
struct SnapshotReader {
    /// Why the bytes at `offset` are not a snapshot's.
    struct Malformed: Error, Sendable {
        var offset: Int
        var what: String
    }

    private let bytes: [UInt8]
    private(set) var offset: Int
    let end: Int

    init(_ bytes: [UInt8], from start: Int, to end: Int) {
        self.bytes = bytes
        self.offset = start
        self.end = min(end, bytes.count)
    }

    var isAtEnd: Bool { offset >= end }

    func failure(_ what: String) -> Malformed { Malformed(offset: offset, what: what) }

    mutating func byte() throws(Malformed) -> UInt8 {
        guard offset < end else { throw failure("the data ends inside a value") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func bool() throws(Malformed) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw Malformed(offset: offset - 1, what: "a flag that is neither 0 nor 1")
        }
    }

    mutating func uint32() throws(Malformed) -> UInt32 {
        UInt32(truncatingIfNeeded: try fixed(4))
    }

    mutating func uint64() throws(Malformed) -> UInt64 { try fixed(8) }

    /// An unsigned little-endian integer of `size` (≤ 8) bytes.
    private mutating func fixed(_ size: Int) throws(Malformed) -> UInt64 {
        guard end - offset >= size else { throw failure("the data ends inside a value") }
        var value: UInt64 = 0
        for index in 0..<size { value |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
        offset += size
        return value
    }

    mutating func varint() throws(Malformed) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64, shift < 63 || next <= 1 else { throw failure("a varint longer than 64 bits") }
            value |= UInt64(next & 0x7F) << shift
            if next < 0x80 { return value }
            shift += 7
        }
    }

    mutating func int() throws(Malformed) -> Int64 {
        let raw = try varint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// A count of items of at least `minimumSize` bytes each: never more than the bytes left could hold.
    mutating func count(minimumSize: Int = 1) throws(Malformed) -> Int {
        let value = try varint()
        guard value <= UInt64(end - offset) / UInt64(max(minimumSize, 1)) else {
            throw failure("a count of \(value), more than the \(end - offset) bytes left can hold")
        }
        return Int(value)
    }

    mutating func string() throws(Malformed) -> String {
        try text(length: try count())
    }

    mutating func optionalString() throws(Malformed) -> String? {
        guard let length = try optionalLength() else { return nil }
        return try text(length: length)
    }

    /// A length stored + 1, or 0 for none (the bytes it counts are checked by whoever reads them).
    mutating func optionalLength() throws(Malformed) -> Int? {
        let stored = try varint()
        guard stored > 0 else { return nil }
        guard stored - 1 <= UInt64(end - offset) else { throw failure("a length of \(stored - 1), more than the \(end - offset) bytes left") }
        return Int(stored - 1)
    }

    private mutating func text(length: Int) throws(Malformed) -> String {
        guard end - offset >= length else { throw failure("a string longer than the data left") }
        // The body's checksum has held: bytes that are not UTF-8 (only in a crafted file) become U+FFFD.
        let value = String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)
        offset += length
        return value
    }

    mutating func number() throws(Malformed) -> Number {
        let at = offset
        let tag = try byte()
        let significand: Int128
        if tag & 0x80 == 0 {
            significand = Int128(try int())
        } else {
            let low = try uint64(), high = try uint64()
            significand = Int128(bitPattern: UInt128(high) << 64 | UInt128(low))
        }
        do { return try Number(significand: significand, scale: Int(tag & 0x7F)) } catch {
            throw Malformed(offset: at, what: "a number out of range (\(error))")
        }
    }

    mutating func account() throws(Malformed) -> AccountRef {
        switch try byte() {
        case 0: return .spot
        case 1: return .cross
        case 2: return .isolated(try string())
        default: throw Malformed(offset: offset - 1, what: "an account kind that is not 0, 1 or 2")
        }
    }

    /// An enum by its raw name; an unknown name is malformed.
    mutating func name<Choice: RawRepresentable>(_ type: Choice.Type) throws(Malformed) -> Choice where Choice.RawValue == String {
        let at = offset
        let raw = try string()
        guard let value = Choice(rawValue: raw) else { throw Malformed(offset: at, what: "\"\(raw)\", not a \(Choice.self)") }
        return value
    }

    /// The next `length` bytes.
    mutating func bytes(_ length: Int) throws(Malformed) -> ArraySlice<UInt8> {
        guard length >= 0, end - offset >= length else { throw failure("a block longer than the data left") }
        defer { offset += length }
        return bytes[offset..<(offset + length)]
    }
}
