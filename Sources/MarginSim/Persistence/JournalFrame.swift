import Foundation

/// How a journal record sits in its file: a 12-byte header — payload length (UInt32, little endian),
/// the payload's CRC-32C, the CRC-32C of those 8 bytes — then the payload (a JSON ``JournalRecord``).
///
/// A crash can only damage the journal's tail (records are written in order, each batch durable before
/// the next, into space zero-filled ahead of time): a damaged record — cut short, its header or payload
/// failing its checksum — with no intact record anywhere after it is a torn tail and is dropped, as is
/// a tail of zeros. A damaged record with an intact record after it is corruption, reported with the
/// file and offset.
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
                    // Zeros (space allocated ahead, never written) or a torn header: the tail, unless a record follows.
                    if isZero(raw, from: offset) || !intactRecord(in: raw, after: offset) { return nil }
                    return StateFile.Failure(description: "the journal \(path) is corrupt at offset \(offset) (a record header fails its checksum); restore it from a backup or move the state and its journals away to start afresh")
                }
                if remaining < headerSize + length { return nil }   // torn tail: the record was cut short
                let payload = UnsafeRawBufferPointer(rebasing: raw[(offset + headerSize)..<(offset + headerSize + length)])
                guard CRC32C.checksum(payload) == sum else {
                    if !intactRecord(in: raw, after: offset) { return nil }   // the last record, torn
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

    /// Whether an intact record (header and payload checksums hold) starts anywhere after `offset`:
    /// what tells a damaged record in the middle (corruption) from a torn tail. Runs only on damage.
    private static func intactRecord(in raw: UnsafeRawBufferPointer, after offset: Int) -> Bool {
        var start = offset + 1
        while start + headerSize <= raw.count {
            defer { start += 1 }
            let header = UnsafeRawBufferPointer(rebasing: raw[start..<(start + headerSize)])
            let length = Int(uint32(header, 0))
            guard length <= maximumPayload, start + headerSize + length <= raw.count,
                  uint32(header, 8) == CRC32C.checksum(header[0..<8]) else { continue }
            let payload = UnsafeRawBufferPointer(rebasing: raw[(start + headerSize)..<(start + headerSize + length)])
            if CRC32C.checksum(payload) == uint32(header, 4) { return true }
        }
        return false
    }

    /// Whether every byte from `offset` on is zero (space allocated ahead of the records, never written).
    private static func isZero(_ raw: UnsafeRawBufferPointer, from offset: Int) -> Bool {
        raw[offset...].allSatisfy { $0 == 0 }
    }
}
