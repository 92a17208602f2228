import BinanceMargin
import Foundation

/// The state file's format since issue 11: a checksummed binary snapshot that loads in time proportional
/// to the state (JSONDecoder took ~4 s for 100,000 orders; this takes a fraction of a second, BENCHMARKS.md).
///
/// Layout (integers little endian):
///
///     0   "MOPSSNAP"                magic (8 bytes)
///     8   format version            UInt32 (2; 1 is still read: it has no capital-flow rows)
///     12  body length               UInt64
///     20  CRC-32C of the body       UInt32
///     24  CRC-32C of bytes 0..<24   UInt32
///     28  body:
///           the state without its records, as JSON (length-prefixed: wallets, prices, rates, walks,
///           counters — a few KB, whatever fields the exchange grows),
///           then orders, trades, loans, interest, transfers, liquidations and (format 2) capital-flow
///           rows, each a count and binary rows (``SnapshotRow``: varints, exact numbers, UTF-8 strings).
///
/// A file that starts with `{` is the JSON of earlier versions (and of `GET /sim/state`) and is still
/// read (``StateFile``). Anything else — cut short, a checksum that fails, a newer format, rows that do
/// not parse — is refused naming the file and what to do.
enum SnapshotFormat {
    static let magic: [UInt8] = Array("MOPSSNAP".utf8)
    static let version: UInt32 = 2
    /// The formats this version reads.
    static let readable: ClosedRange<UInt32> = 1...2
    static let headerSize = 28

    /// Whether `bytes` begin with the snapshot's magic.
    static func isSnapshot(_ bytes: [UInt8]) -> Bool { bytes.count >= magic.count && Array(bytes[0..<magic.count]) == magic }

    /// The file's bytes for `state`.
    static func encode(_ state: PersistedState) throws(StateFile.Failure) -> [UInt8] {
        var core = state
        core.exchange.orders = OrderIndex()
        core.exchange.trades = RecordLog()
        core.exchange.loanRecords = RecordLog()
        core.exchange.interestRecords = RecordLog()
        core.exchange.transferRecords = RecordLog()
        core.exchange.liquidationRecords = RecordLog()
        core.exchange.capitalFlows = nil
        let json: Data
        do { json = try JSONEncoder().encode(core) } catch { throw StateFile.Failure(description: "cannot encode the state: \(error)") }
        let exchange = state.exchange
        var body = SnapshotWriter(capacity: json.count + 96 * exchange.orders.count + 64 * exchange.trades.count + 4096)
        body.count(json.count)
        body.append(Array(json))
        writeRows(exchange.orders, to: &body)
        writeRows(exchange.trades, to: &body)
        writeRows(exchange.loanRecords, to: &body)
        writeRows(exchange.interestRecords, to: &body)
        writeRows(exchange.transferRecords, to: &body)
        writeRows(exchange.liquidationRecords, to: &body)
        writeRows(exchange.flows, to: &body)
        var header = SnapshotWriter(capacity: headerSize + body.bytes.count)
        header.append(magic)
        header.uint32(version)
        header.uint64(UInt64(body.bytes.count))
        header.uint32(CRC32C.checksum(body.bytes))
        header.uint32(CRC32C.checksum(header.bytes))
        header.append(body.bytes)
        return header.bytes
    }

    private static func writeRows<Rows: Collection>(_ rows: Rows, to writer: inout SnapshotWriter) where Rows.Element: SnapshotRow {
        writer.count(rows.count)
        for row in rows { row.write(to: &writer) }
    }

    /// The state in `bytes` (which begin with the magic), read from the file at `path`.
    static func decode(_ bytes: [UInt8], path: String) throws(StateFile.Failure) -> PersistedState {
        let bodyLength = try checkHeader(bytes, path: path)
        var reader = SnapshotReader(bytes, from: headerSize, to: headerSize + bodyLength)
        do {
            return try readBody(&reader, path: path, version: version(bytes))
        } catch {
            throw StateFile.Failure(description: "the simulator state file \(path) is malformed at offset \(error.offset) (\(error.what)) although its checksum holds; restore it from a backup or move it and its journals away to start afresh")
        }
    }

    /// Checks the magic, version, length and both checksums; returns the body's length.
    private static func checkHeader(_ bytes: [UInt8], path: String) throws(StateFile.Failure) -> Int {
        let fix = "restore it from a backup or move it and its journals away to start afresh"
        guard bytes.count >= headerSize else {
            throw StateFile.Failure(description: "the simulator state file \(path) is cut short (\(bytes.count) bytes, less than a snapshot's \(headerSize)-byte header); \(fix)")
        }
        let version = UInt32(truncatingIfNeeded: littleEndian(bytes, at: 8, size: 4))
        let length = littleEndian(bytes, at: 12, size: 8)
        let bodySum = UInt32(truncatingIfNeeded: littleEndian(bytes, at: 20, size: 4))
        let headerSum = UInt32(truncatingIfNeeded: littleEndian(bytes, at: 24, size: 4))
        guard headerSum == CRC32C.checksum(bytes[0..<24]) else {
            throw StateFile.Failure(description: "the simulator state file \(path) is corrupt (its header fails its checksum); \(fix)")
        }
        guard SnapshotFormat.readable.contains(version) else {
            throw StateFile.Failure(description: "the simulator state file \(path) is in snapshot format \(version), which this version of mops cannot read (it reads format \(SnapshotFormat.version)); run the mops that wrote it, or move it and its journals away to start afresh")
        }
        guard length == UInt64(bytes.count - headerSize) else {
            throw StateFile.Failure(description: "the simulator state file \(path) is \(bytes.count) bytes but its header says \(UInt64(headerSize) &+ length) (cut short or extended); \(fix)")
        }
        guard bodySum == CRC32C.checksum(bytes[headerSize...]) else {
            throw StateFile.Failure(description: "the simulator state file \(path) is corrupt (its contents fail their checksum); \(fix)")
        }
        return Int(length)
    }

    /// The format version in a checked header.
    private static func version(_ bytes: [UInt8]) -> UInt32 { UInt32(truncatingIfNeeded: littleEndian(bytes, at: 8, size: 4)) }

    /// The unsigned little-endian integer of `size` bytes at `offset` (within the header, already checked to be there).
    private static func littleEndian(_ bytes: [UInt8], at offset: Int, size: Int) -> UInt64 {
        (0..<size).reduce(0) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
    }

    private static func readBody(_ reader: inout SnapshotReader, path: String, version: UInt32) throws(SnapshotReader.Malformed) -> PersistedState {
        let coreAt = reader.offset
        let json = try reader.bytes(try reader.count())
        var state: PersistedState
        do { state = try JSONDecoder().decode(PersistedState.self, from: Data(json)) } catch {
            throw SnapshotReader.Malformed(offset: coreAt, what: "the state's JSON part does not decode: \(error)")
        }
        state.exchange.orders = OrderIndex(try readRows(&reader))
        state.exchange.trades = RecordLog(try readRows(&reader))
        state.exchange.loanRecords = RecordLog(try readRows(&reader))
        state.exchange.interestRecords = RecordLog(try readRows(&reader))
        state.exchange.transferRecords = RecordLog(try readRows(&reader))
        state.exchange.liquidationRecords = RecordLog(try readRows(&reader))
        if version >= 2 {
            let flows: [CapitalFlowRecord] = try readRows(&reader)
            state.exchange.capitalFlows = flows.isEmpty ? nil : RecordLog(flows)
        }
        guard reader.isAtEnd else { throw reader.failure("bytes after the last record") }
        return state
    }

    private static func readRows<Row: SnapshotRow>(_ reader: inout SnapshotReader) throws(SnapshotReader.Malformed) -> [Row] {
        let count = try reader.count(minimumSize: 4)
        var rows: [Row] = []
        rows.reserveCapacity(count)
        for _ in 0..<count { rows.append(try Row(reading: &reader)) }
        return rows
    }
}
