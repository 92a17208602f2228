import BinanceMargin
import Foundation
@testable import MarginSim
import Testing

/// The state file's binary snapshot: it round-trips every field of generated states, refuses a damaged
/// file naming it and the fix, and the JSON of earlier versions still loads (and is rewritten).
@Suite("The snapshot format")
struct SnapshotFormatTests {
    /// The state as `GET /sim/state` would show it (sorted keys): equal bytes mean equal states, scales included.
    static func json(_ state: PersistedState) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(state)
    }

    static func randomState(seed: UInt64, size: Int) -> PersistedState {
        var records = RandomRecords(seed: seed)
        let exchange = records.exchange(size: size)
        return PersistedState(exchange: exchange, clockOffset: Int64(bitPattern: records.random.next()) >> 20,
                              journalGeneration: Int(records.random.next(upTo: 1_000)))
    }

    @Test("generated states round-trip exactly through the snapshot format")
    func roundTrip() throws {
        for seed in UInt64(1)...40 {
            let state = Self.randomState(seed: seed, size: Int(seed % 7) * 9)
            let bytes = try SnapshotFormat.encode(state)
            #expect(SnapshotFormat.isSnapshot(bytes))
            let decoded = try SnapshotFormat.decode(bytes, path: "/x/state")
            #expect(try Self.json(decoded) == Self.json(state), "seed \(seed)")
            #expect(decoded.journalGeneration == state.journalGeneration)
            #expect(decoded.exchange.orders.count == state.exchange.orders.count)
        }
    }

    /// The Codable keys of `value` (every optional set, so none is left out).
    static func keys(_ value: some Encodable) throws -> Set<String> {
        let object = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(value)) as? [String: Any]
        return Set(object?.keys ?? [:].keys)
    }

    @Test("every stored property of every record has a place in its snapshot row")
    func rowsCoverEveryField() throws {
        var records = RandomRecords(seed: 7)
        var order = records.order()
        order.borrowAsset = "BTC"; order.lockedAsset = "USDT"; order.cancelClientOrderId = "x"
        #expect(try Self.keys(order) == Set(ExchangeOrder.snapshotFields))
        #expect(try Self.keys(records.trade(of: [order])) == Set(ExchangeTrade.snapshotFields))
        #expect(try Self.keys(records.loan()) == Set(LoanRecord.snapshotFields))
        #expect(try Self.keys(records.interest()) == Set(MarginSim.InterestRecord.snapshotFields))
        #expect(try Self.keys(records.transfer()) == Set(TransferRecord.snapshotFields))
        #expect(try Self.keys(records.liquidation()) == Set(LiquidationRecord.snapshotFields))
        let flow = CapitalFlowRecord(id: 1, tranId: 2, time: 3, account: .isolated("BTCUSDT"), asset: "BTC", type: "BORROW", amount: 1)
        #expect(try Self.keys(flow) == Set(CapitalFlowRecord.snapshotFields))
    }

    @Test("capital-flow rows round-trip, and a format-1 snapshot (no capital-flow rows) still loads")
    func capitalFlowsAndFormatOne() throws {
        var state = Self.randomState(seed: 3, size: 9)
        _ = try? state.exchange.borrow(.cross, "USDT", 100)
        _ = try? state.exchange.transfer(.mainToMargin, asset: "USDT", amount: 5, fromSymbol: nil, toSymbol: nil, insufficient: .transferInsufficient)
        #expect(state.exchange.flows.count >= 2)
        let decoded = try SnapshotFormat.decode(try SnapshotFormat.encode(state), path: "/x/state")
        #expect(try Self.json(decoded) == Self.json(state) && decoded.exchange.flows.count == state.exchange.flows.count)
        // Format 1: the same body without the capital-flow section (a count of 0, one byte), under version 1.
        state.exchange.capitalFlows = nil
        let bytes = try SnapshotFormat.encode(state)
        let body = Array(bytes[SnapshotFormat.headerSize..<(bytes.count - 1)])
        var file = Array(bytes[0..<8])
        var header = SnapshotWriter()
        header.uint32(1)
        header.uint64(UInt64(body.count))
        header.uint32(CRC32C.checksum(body))
        file += header.bytes
        file += withUnsafeBytes(of: CRC32C.checksum(file).littleEndian) { Array($0) }
        #expect(try Self.json(SnapshotFormat.decode(file + body, path: "/x/state")) == Self.json(state))
    }

    /// Writes `bytes` as a state file in a fresh directory and opens a simulator on it.
    static func open(_ bytes: [UInt8]) throws -> (URL, Result<MarginSimulator, any Error>) {
        let directory = try JournalTests.directory("snapshot")
        let file = directory.appendingPathComponent("state.snap")
        try Data(bytes).write(to: file)
        return (file, Result { try MarginSimulator(stateFile: file, clock: ManualClock()) })
    }

    /// The description of the error opening `bytes` gives (nil if it opened).
    static func refusal(_ bytes: [UInt8]) throws -> (path: String, message: String?) {
        let (file, result) = try open(bytes)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        guard case .failure(let error) = result else { return (file.path, nil) }
        return (file.path, "\(error)")
    }

    @Test("a snapshot cut short, with a byte changed, or from a newer format is refused, naming the file and the fix")
    func damagedSnapshotsAreRefused() throws {
        var random = SplitMix64(seed: 11)
        let bytes = try SnapshotFormat.encode(Self.randomState(seed: 3, size: 20))
        for _ in 0..<12 {
            let cut = Int(random.next(upTo: UInt64(bytes.count - 8))) + 8
            let (path, message) = try Self.refusal(Array(bytes.prefix(cut)))
            #expect(message?.contains(path) == true && message?.contains("move it and its journals away") == true,
                    "cut at \(cut): \(message ?? "opened")")
        }
        for _ in 0..<12 {
            var damaged = bytes
            let at = Int(random.next(upTo: UInt64(bytes.count - 8))) + 8
            damaged[at] ^= UInt8(1 + random.next(upTo: 255))
            let (path, message) = try Self.refusal(damaged)
            #expect(message?.contains(path) == true && message?.contains("corrupt") == true, "byte \(at) changed: \(message ?? "opened")")
        }
        var newer = bytes
        newer[8] = UInt8(SnapshotFormat.version + 1)
        let headerSum = CRC32C.checksum(newer[0..<24])
        withUnsafeBytes(of: headerSum.littleEndian) { for i in 0..<4 { newer[24 + i] = $0[i] } }
        let (_, message) = try Self.refusal(newer)
        #expect(message?.contains("snapshot format \(SnapshotFormat.version + 1)") == true && message?.contains("run the mops that wrote it") == true,
                "\(message ?? "opened")")
    }

    @Test("bytes that are neither a snapshot nor JSON are refused, naming the file")
    func garbageIsRefused() throws {
        let (path, message) = try Self.refusal(Array("MOPS? not a state".utf8))
        #expect(message?.contains(path) == true && message?.contains("neither a snapshot") == true, "\(message ?? "opened")")
    }

    @Test("rows that do not parse are refused even when the checksum holds, never trapping")
    func malformedRowsAreRefused() throws {
        var random = SplitMix64(seed: 5)
        let bytes = try SnapshotFormat.encode(Self.randomState(seed: 9, size: 12))
        var refused = 0
        for _ in 0..<200 {
            var body = Array(bytes[SnapshotFormat.headerSize...])
            let at = Int(random.next(upTo: UInt64(body.count)))
            body[at] = UInt8(truncatingIfNeeded: random.next())
            var file = Array(bytes[0..<8])
            var header = SnapshotWriter()
            header.uint32(SnapshotFormat.version)
            header.uint64(UInt64(body.count))
            header.uint32(CRC32C.checksum(body))
            file += header.bytes
            file += withUnsafeBytes(of: CRC32C.checksum(file).littleEndian) { Array($0) }
            do { _ = try SnapshotFormat.decode(file + body, path: "/p/state") } catch {
                #expect(error.description.contains("/p/state"))
                refused += 1
            }
        }
        #expect(refused > 20, "only \(refused) of 200 damaged bodies were refused")
    }

    @Test("the JSON state file of an earlier version, with its JSON journal, loads and is rewritten as a snapshot")
    func earlierJSONLoads() async throws {
        let directory = try JournalTests.directory("oldformat")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("state.json")
        let clock = ManualClock()
        var random = SplitMix64(seed: 21)
        let requests = await JournalTests.writes(&random, count: 30, signer: Harness.signer(clock))
        let expected = await JournalTests.run(requests, on: try MarginSimulator(stateFile: file, clock: clock)).last
        // What the earlier version wrote: the same snapshot as JSON, continued by journal generation 0.
        let snapshot = try SnapshotFormat.decode(Array(try Data(contentsOf: file)), path: file.path)
        #expect(snapshot.journalGeneration == 0)
        try Self.json(snapshot).write(to: file)
        // ... and its journal's records as JSON.
        let journalURL = URL(fileURLWithPath: file.path + ".journal-0")
        let payloads = try JournalFrame.read(try Data(contentsOf: journalURL), path: journalURL.path).payloads
        #expect(payloads.count >= 20 && payloads.allSatisfy { $0.first == JournalRecord.binaryTag })
        var journal: [UInt8] = []
        for payload in payloads { journal += JournalFrame.frame(Array(try JSONEncoder().encode(try JournalRecord(payload: payload)))) }
        try Data(journal).write(to: journalURL)
        let reopened = try MarginSimulator(stateFile: file, clock: clock)
        #expect(await reopened.snapshot() == expected)
        #expect(SnapshotFormat.isSnapshot(Array(try Data(contentsOf: file))), "the JSON file was not rewritten as a snapshot")
    }
}

/// Journal records in this version's binary form.
@Suite("Binary journal records")
struct JournalRecordCodingTests {
    @Test("generated records of every kind round-trip, an optional string or state may end the payload")
    func roundTrip() throws {
        var records = RandomRecords(seed: 31)
        for index in 0..<60 {
            var parameters: [String: String]? = nil
            if records.flag() {
                parameters = [:]
                for _ in 0..<Int(records.random.next(upTo: 12)) { parameters?[records.text()] = records.text() }
            }
            let record = JournalRecord(kind: records.pick([.write, .clock, .reset]), time: records.tick(),
                                       method: records.optionalText(), path: records.optionalText(), parameters: parameters,
                                       clockOffset: records.flag() ? Int64(bitPattern: records.random.next()) : nil,
                                       state: index % 5 == 0 ? records.exchange(size: 2) : nil)
            let payload = try record.payload()
            #expect(payload.first == JournalRecord.binaryTag)
            let decoded = try JournalRecord(payload: Data(payload))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            #expect(try encoder.encode(decoded) == encoder.encode(record), "record \(index)")
            #expect(throws: (any Error).self, "record \(index) cut short") { try JournalRecord(payload: Data(payload.dropLast())) }
        }
    }
}
