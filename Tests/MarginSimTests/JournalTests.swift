import BinanceMargin
import Foundation
@testable import MarginSim
import Synchronization
import Testing

/// The journal behind `--state`: a torn tail is dropped, a corrupt middle is named, and a crash at any
/// step of a compaction loses nothing that was acknowledged.
@Suite("The state journal")
struct JournalTests {
    static func directory(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("marginsim-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Generated writes that succeed from the default scenario: orders, cancels, transfers, prices, clock.
    static func writes(_ random: inout SplitMix64, count: Int, signer: Harness) async -> [TransportRequest] {
        var requests: [TransportRequest] = []
        for i in 0..<count {
            switch random.next(upTo: 5) {
            case 0, 1:
                let price = 40_000 + Int(random.next(upTo: 100)) * 10
                requests.append(await signer.signed(.post, "/sapi/v1/margin/order",
                    "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.001&price=\(price)&timeInForce=GTC&newClientOrderId=w\(i)"))
                requests.append(await signer.signed(.delete, "/sapi/v1/margin/order", "symbol=BTCUSDT&origClientOrderId=w\(i)"))
            case 2:
                requests.append(await signer.signed(.post, "/sapi/v1/margin/transfer", "asset=USDT&amount=\(1 + random.next(upTo: 9))&type=\(1 + random.next(upTo: 2))"))
            case 3:
                requests.append(TransportRequest(method: .post, path: "/sim/price", body: "symbol=ETHUSDT&price=\(2_000 + random.next(upTo: 900))"))
            default:
                requests.append(TransportRequest(method: .post, path: "/sim/deposit", body: "asset=USDT&amount=\(1 + random.next(upTo: 50))&account=MARGIN"))
            }
        }
        return Array(requests.prefix(count))
    }

    /// Runs `requests` on `simulator`, each of which must succeed; the state after each (the first: before any).
    static func run(_ requests: [TransportRequest], on simulator: MarginSimulator,
                    acknowledged: @Sendable () -> Void = {}) async -> [Data] {
        var states = [await simulator.snapshot()]
        for request in requests {
            let response = await simulator.handle(request)
            #expect(response.status == 200, "\(request.method.rawValue) \(request.path): \(response.text)")
            acknowledged()
            states.append(await simulator.snapshot())
        }
        return states
    }

    /// Copies the state file and everything beside it named after it (journals, temporaries; not the lock) into `target`.
    static func copyImage(of file: URL, to target: URL) {
        try? FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path)) ?? []
        for name in names where name.hasPrefix(file.lastPathComponent) && !name.hasSuffix(".lock") {
            try? FileManager.default.copyItem(at: file.deletingLastPathComponent().appendingPathComponent(name),
                                              to: target.appendingPathComponent(name))
        }
    }

    @Test("a torn last record — cut anywhere, at the file's end or before zero-filled space, or followed by zeros — is dropped and everything before it loads")
    func tornTail() async throws {
        let directory = try Self.directory("torn")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("state.json")
        let clock = ManualClock()
        var random = SplitMix64(seed: 0x70E2)
        let requests = await Self.writes(&random, count: 8, signer: Harness.signer(clock))
        let states = await Self.run(requests, on: try MarginSimulator(stateFile: file, clock: clock))
        let written = try Data(contentsOf: URL(fileURLWithPath: file.path + ".journal-0"))
        let contents = try JournalFrame.read(written, path: "journal")
        // The records, without the zero-filled space the journal allocates ahead of them.
        let journal = written.prefix(contents.validLength)
        #expect(contents.payloads.count == requests.count && written[contents.validLength...].allSatisfy { $0 == 0 })
        let last = JournalFrame.headerSize + (contents.payloads.last?.count ?? 0)
        for cut in Set((0..<12).map { _ in 1 + Int(random.next(upTo: UInt64(last - 1))) } + [1, JournalFrame.headerSize, last - 1]) {
            let image = directory.appendingPathComponent("cut-\(cut)")
            Self.copyImage(of: file, to: image)
            let copy = image.appendingPathComponent("state.json")
            // Cut short at the file's end, or (every other cut) inside the zero-filled space a crash leaves after it.
            let zeros = Data(repeating: 0, count: cut % 2 == 0 ? 4_096 : 0)
            try (journal.prefix(journal.count - cut) + zeros).write(to: URL(fileURLWithPath: copy.path + ".journal-0"))
            let restarted = try MarginSimulator(stateFile: copy, clock: clock)
            #expect(await restarted.snapshot() == states[states.count - 2], "cut \(cut) bytes off the last record")
            let size = try FileManager.default.attributesOfItem(atPath: copy.path + ".journal-0")[.size] as? Int
            #expect(size == journal.count - last, "the torn tail was not cut off")
        }
        let zeros = directory.appendingPathComponent("zeros")
        Self.copyImage(of: file, to: zeros)
        try (journal + Data(repeating: 0, count: 100)).write(to: URL(fileURLWithPath: zeros.path + "/state.json.journal-0"))
        let restarted = try MarginSimulator(stateFile: zeros.appendingPathComponent("state.json"), clock: clock)
        #expect(await restarted.snapshot() == states.last)
    }

    @Test("a corrupt record with records after it is an error naming the journal and the offset")
    func corruptMiddle() async throws {
        let directory = try Self.directory("corrupt")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("state.json")
        let clock = ManualClock()
        var random = SplitMix64(seed: 0xC022)
        _ = await Self.run(await Self.writes(&random, count: 6, signer: Harness.signer(clock)), on: try MarginSimulator(stateFile: file, clock: clock))
        let path = file.path + ".journal-0"
        let journal = try Data(contentsOf: URL(fileURLWithPath: path))
        let first = JournalFrame.headerSize + (try JournalFrame.read(journal, path: path).payloads.first?.count ?? 0)
        for (flip, offset) in [(JournalFrame.headerSize + 3, 0), (2, 0), (first + 5, first), (first + JournalFrame.headerSize + 1, first)] {
            var damaged = journal
            damaged[flip] ^= 0x20
            try damaged.write(to: URL(fileURLWithPath: path))
            #expect(throws: StateFile.Failure.self, "a flipped byte at \(flip) was not noticed") {
                do { _ = try MarginSimulator(stateFile: file, clock: clock) } catch let error as StateFile.Failure {
                    #expect(error.description.contains(path) && error.description.contains("offset \(offset)"), "\(error)")
                    throw error
                }
            }
        }
        try journal.write(to: URL(fileURLWithPath: path))
        _ = try MarginSimulator(stateFile: file, clock: clock)
    }

    @Test("a crash image taken at every step of repeated compactions loads every change acknowledged before it")
    func compactionCrashImages() async throws {
        let directory = try Self.directory("compaction")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("state.json")
        let clock = ManualClock()
        let acknowledged = Mutex(0)
        let images = Mutex<[(URL, Int, StateStore.CompactionStage)]>([])
        let store = try StateStore(url: file, minimumJournalBytes: 1) { stage in
            let count = acknowledged.withLock { $0 }
            let image = directory.appendingPathComponent("image-\(images.withLock { $0.count })")
            JournalTests.copyImage(of: file, to: image)
            images.withLock { $0.append((image.appendingPathComponent("state.json"), count, stage)) }
        }
        var random = SplitMix64(seed: 0xC0DE)
        let requests = await Self.writes(&random, count: 120, signer: Harness.signer(clock))
        let simulator = try MarginSimulator(store: store, clock: clock)
        let states = await Self.run(requests, on: simulator) { acknowledged.withLock { $0 += 1 } }
        for _ in 0..<3_000 where store.isCompacting { try await Task.sleep(for: .milliseconds(10)) }
        let taken = images.withLock { $0 }
        #expect(Set(taken.map(\.2)).count == 4, "not every stage of a compaction was seen: \(taken.map(\.2))")
        for (image, count, stage) in taken {
            let restarted = try MarginSimulator(stateFile: image, clock: clock)
            let state = await restarted.snapshot()
            #expect(states[count...].contains(state), "an image at \(stage) after \(count) acknowledged writes lost one")
        }
        let journals = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("state.json.journal-") }
        #expect(journals.count == 1, "old journals were not removed: \(journals)")
        let restarted = try MarginSimulator(stateFile: directory.appendingPathComponent("image-0/state.json"), clock: clock)
        _ = restarted
    }

    @Test("concurrent writers share fsyncs and every acknowledged write is on disk")
    func concurrentWriters() async throws {
        let directory = try Self.directory("group")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("state.json")
        let clock = ManualClock()
        let signer = Harness.signer(clock)
        var expected: Data
        do {
            let simulator = try MarginSimulator(stateFile: file, clock: clock)
            await withTaskGroup(of: Void.self) { group in
                for i in 0..<32 {
                    let request = await signer.signed(.post, "/sapi/v1/margin/order",
                        "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.001&price=\(30_000 + i * 10)&timeInForce=GTC&newClientOrderId=g\(i)")
                    group.addTask { #expect(await simulator.handle(request).status == 200) }
                }
            }
            expected = await simulator.snapshot()
        }
        let restarted = try MarginSimulator(stateFile: file, clock: clock)
        #expect(await restarted.snapshot() == expected)
        let open = await restarted.handle(await signer.signed(.get, "/sapi/v1/margin/openOrders", "symbol=BTCUSDT"))
        #expect(open.text.components(separatedBy: "\"clientOrderId\"").count - 1 == 32)
    }
}
