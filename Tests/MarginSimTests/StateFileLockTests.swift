import BinanceMargin
import Foundation
@testable import MarginSim
import Testing

/// One writer per state file, and saves that never write through a file they did not create.
/// (Two real processes: `StateFileLockEndToEndTests`.)
@Suite("State file: one writer, exclusive temporary files")
struct StateFileLockTests {
    /// A fresh directory, removed after `body`.
    static func inDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("marginsim-lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try await body(directory)
    }

    @Test("a second simulator on the same file is refused, naming the file and this process; after the first ends, it opens")
    func secondWriterRefused() async throws {
        try await Self.inDirectory { directory in
            let file = directory.appendingPathComponent("state.json")
            var first: MarginSimulator? = try MarginSimulator(stateFile: file, clock: ManualClock())
            let deposit = TransportRequest(method: .post, path: "/sim/deposit", body: "asset=USDT&amount=1")
            #expect(await first?.handle(deposit).status == 200)
            do {
                _ = try MarginSimulator(stateFile: file, clock: ManualClock())
                Issue.record("a second writer was allowed on \(file.path)")
            } catch let error as StateFileInUse {
                #expect(error.path == file.path)
                #expect(error.holder == getpid())
                #expect(error.description.contains(file.path) && error.description.contains("process \(getpid())"))
            }
            let before = await first?.snapshot()
            first = nil
            let second = try MarginSimulator(stateFile: file, clock: ManualClock())
            #expect(await second.snapshot() == before)
        }
    }

    @Test("a symlink or hard link planted at FILE.lock is refused and its target is never truncated")
    func plantedLockLinkRefused() async throws {
        try await Self.inDirectory { directory in
            let file = directory.appendingPathComponent("state.json")
            let victim = directory.appendingPathComponent("victim.txt")
            try Data("precious".utf8).write(to: victim)
            let lock = directory.appendingPathComponent("state.json.lock")
            try FileManager.default.createSymbolicLink(at: lock, withDestinationURL: victim)
            do {
                _ = try MarginSimulator(stateFile: file, clock: ManualClock())
                Issue.record("a symlinked lock file was used")
            } catch let error as StateFile.Failure {
                #expect(error.description.contains("symbolic link") && error.description.contains(lock.path))
            }
            #expect(try Data(contentsOf: victim) == Data("precious".utf8))
            // A dangling symlink is not followed to create its target either.
            try FileManager.default.removeItem(at: lock)
            let absent = directory.appendingPathComponent("absent.txt")
            try FileManager.default.createSymbolicLink(at: lock, withDestinationURL: absent)
            #expect(throws: StateFile.Failure.self) { _ = try MarginSimulator(stateFile: file, clock: ManualClock()) }
            #expect(!FileManager.default.fileExists(atPath: absent.path))
            // A hard link to another file is refused too.
            try FileManager.default.removeItem(at: lock)
            try FileManager.default.linkItem(at: victim, to: lock)
            #expect(throws: StateFile.Failure.self) { _ = try MarginSimulator(stateFile: file, clock: ManualClock()) }
            #expect(try Data(contentsOf: victim) == Data("precious".utf8))
            // A directory there is refused, not locked.
            try FileManager.default.removeItem(at: lock)
            try FileManager.default.createDirectory(at: lock, withIntermediateDirectories: false)
            #expect(throws: (any Error).self) { _ = try MarginSimulator(stateFile: file, clock: ManualClock()) }
            // Once removed, the simulator starts.
            try FileManager.default.removeItem(at: lock)
            _ = try MarginSimulator(stateFile: file, clock: ManualClock())
        }
    }

    @Test("leftover temporary files (a crash mid-save) do not block start-up and are removed; saves still land")
    func staleTemporaryFiles() async throws {
        try await Self.inDirectory { directory in
            let file = directory.appendingPathComponent("state.json")
            let leftovers = ["state.json.tmp", "state.json.tmp-1-abc", "state.json.tmp-99-0"]
            for name in leftovers {
                try Data("garbage".utf8).write(to: directory.appendingPathComponent(name))
            }
            let unrelated = directory.appendingPathComponent("state.json.tmpfile")
            try Data("keep".utf8).write(to: unrelated)
            let simulator = try MarginSimulator(stateFile: file, clock: ManualClock())
            let response = await simulator.handle(TransportRequest(method: .post, path: "/sim/price", body: "symbol=BTCUSDT&price=61000"))
            #expect(response.status == 200)
            let names = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
            #expect(names == ["state.json", "state.json.lock", "state.json.journal-0", "state.json.tmpfile"])
            #expect(try Data(contentsOf: unrelated) == Data("keep".utf8))
        }
    }

    @Test("a symlink planted at the old fixed temporary name is never written through")
    func plantedSymlinkNotFollowed() async throws {
        try await Self.inDirectory { directory in
            let file = directory.appendingPathComponent("state.json")
            let victim = directory.appendingPathComponent("victim")
            try Data("precious".utf8).write(to: victim)
            // A journal limit of 1 byte: the journal is compacted into the file every few writes.
            let simulator = try MarginSimulator(stateFile: file, clock: ManualClock(), journalCompactionBytes: 1)
            // Planted after start-up (start-up removes leftovers), before the next save.
            try FileManager.default.createSymbolicLink(at: directory.appendingPathComponent("state.json.tmp"), withDestinationURL: victim)
            let saved = try Data(contentsOf: file)
            for price in 1...20 {
                let response = await simulator.handle(TransportRequest(method: .post, path: "/sim/price", body: "symbol=BTCUSDT&price=600\(price + 10)"))
                #expect(response.status == 200)
            }
            var now = try Data(contentsOf: file)
            for _ in 0..<500 where now == saved {   // the compaction runs in the background
                try await Task.sleep(for: .milliseconds(10))
                now = try Data(contentsOf: file)
            }
            #expect(try Data(contentsOf: victim) == Data("precious".utf8))
            #expect(now != saved)
            #expect((try? SnapshotFormat.decode(Array(now), path: file.path)) != nil, "the state file is not a whole snapshot")
        }
    }

    @Test("the lock file records the owner's pid")
    func lockFileNamesOwner() async throws {
        try await Self.inDirectory { directory in
            let file = directory.appendingPathComponent("state.json")
            let simulator = try MarginSimulator(stateFile: file, clock: ManualClock())
            let text = try String(contentsOf: directory.appendingPathComponent("state.json.lock"), encoding: .utf8)
            #expect(text == "\(getpid())\n")
            _ = simulator
        }
    }
}
