import Foundation

/// How a journal record sits in its file: a 12-byte header — payload length (UInt32, little endian),
/// the payload's CRC-32C, the CRC-32C of those 8 bytes — then the payload (a JSON ``JournalRecord``).
///
/// A crash can only cut the journal's tail (records are appended and fsynced in order): a record cut
/// short, a tail of zeros, or a last record whose payload checksum fails is a torn tail and is dropped.
/// A bad record with good records after it is corruption, reported with the file and offset.
enum JournalFrame {
    static let headerSize = 12
    /// The largest payload a record may have (a reset carries a fresh state of a few KB).
    static let maximumPayload = 16 << 20

    /// The framed bytes of `payload`.
    static func frame(_ payload: [UInt8]) -> [UInt8] {
        var header = [UInt8]()
        header.reserveCapacity(headerSize + payload.count)
        append(UInt32(payload.count), to: &header)
        append(CRC32C.checksum(payload), to: &header)
        append(CRC32C.checksum(header), to: &header)
        return header + payload
    }

    private static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    private static func uint32(_ bytes: UnsafeRawBufferPointer, _ at: Int) -> UInt32 {
        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self))
    }

    /// The records of a journal's bytes and how many bytes they span (a torn tail after them is not counted).
    struct Contents {
        var payloads: [Data]
        var validLength: Int
    }

    /// Splits `data` into payloads; throws naming `path` and the offset of a corrupt record that is not the tail.
    static func read(_ data: Data, path: String) throws(StateFile.Failure) -> Contents {
        var payloads: [Data] = []
        var offset = 0
        let corruption: StateFile.Failure? = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> StateFile.Failure? in
            while offset < raw.count {
                let remaining = raw.count - offset
                if remaining < headerSize { return nil }   // torn tail: a header cut short
                let header = UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + headerSize)])
                let length = Int(uint32(header, 0)), sum = uint32(header, 4)
                guard uint32(header, 8) == CRC32C.checksum(header[0..<8]), length <= maximumPayload else {
                    if isZero(raw, from: offset) { return nil }   // torn tail: the file grew, the bytes never came
                    return StateFile.Failure(description: "the journal \(path) is corrupt at offset \(offset) (a record header fails its checksum); restore it from a backup or move the state and its journals away to start afresh")
                }
                if remaining < headerSize + length { return nil }   // torn tail: the record was cut short
                let payload = UnsafeRawBufferPointer(rebasing: raw[(offset + headerSize)..<(offset + headerSize + length)])
                guard CRC32C.checksum(payload) == sum else {
                    if offset + headerSize + length == raw.count { return nil }   // the last record, torn
                    return StateFile.Failure(description: "the journal \(path) is corrupt at offset \(offset) (a record fails its checksum, and records follow it); restore it from a backup or move the state and its journals away to start afresh")
                }
                payloads.append(Data(payload))
                offset += headerSize + length
            }
            return nil
        }
        if let corruption { throw corruption }
        return Contents(payloads: payloads, validLength: offset)
    }

    /// Whether every byte from `offset` on is zero (a file extended by a crash but never written).
    private static func isZero(_ raw: UnsafeRawBufferPointer, from offset: Int) -> Bool {
        raw[offset...].allSatisfy { $0 == 0 }
    }
}
