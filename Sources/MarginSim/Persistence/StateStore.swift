import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A simulator's durable state: a snapshot (the state file, ``StateFile``) and the journal of the
/// changes acknowledged since (`FILE.journal-N`, ``Journal``), compacted into a new snapshot as the
/// journal grows, so a write costs the same however long the history, and a start-up reads about as
/// much as the state holds.
///
/// Compaction, off the simulator's actor: the journal rotates to generation N+1 once everything
/// before is durable; a copy of the state as of that moment (a copy-on-write value, taken on the
/// actor) is encoded, written beside the file, fsynced and renamed over it naming N+1; then the
/// generations before N+1 are deleted. A crash at any step leaves a snapshot plus every journal
/// generation from the one it names, which replay in order.
final class StateStore: Sendable {
    /// What was on disk: the snapshot and the journal records after it, oldest first.
    struct Loaded: Sendable {
        var state: PersistedState
        var records: [JournalRecord]
    }

    /// The points of a compaction a test can stop at to copy the files (a crash image).
    enum CompactionStage: Sendable { case rotated, snapshotWritten, snapshotInstalled, finished }

    private struct Progress {
        var generation: Int
        var journalBytes: Int
        var snapshotBytes: Int
        var compacting = false
    }

    let file: StateFile
    let journal: Journal
    /// A journal shorter than this is never compacted.
    let minimumJournalBytes: Int
    private let progress: Mutex<Progress>
    private let hook: (@Sendable (CompactionStage) -> Void)?
    private let compactionQueue = DispatchQueue(label: "mops.sim.compaction", qos: .utility)

    /// The default ``minimumJournalBytes``: 1 MiB (about 5,000 order records).
    static let defaultMinimumJournalBytes = 1 << 20

    /// Opens the state file (taking its lock): what it and its journals hold, or nil when there is no
    /// state yet (then call ``create(_:)``). A torn journal tail is cut off; corruption throws.
    init(url: URL, minimumJournalBytes: Int = StateStore.defaultMinimumJournalBytes,
         hook: (@Sendable (CompactionStage) -> Void)? = nil) throws {
        let file = try StateFile(url: url)
        var loaded: Loaded? = nil
        var generation = 0, journalBytes = 0, snapshotBytes = 0
        if let contents = try file.loadSized() {
            var state = contents.state, size = contents.bytes
            let continued = state.journalGeneration != nil
            if !continued {
                // A file written before the journal, or a `/sim/state` copy put in place: it is the whole
                // state, and no journal continues it (any journal files beside it belong to another state).
                StateStore.removeJournals(of: url) { _ in true }
                state.journalGeneration = 0
            }
            if contents.isJSON || !continued {
                // The JSON of an earlier version: the same state, rewritten in this version's format (so the
                // next start-up is fast); its journal generation, if any, goes on continuing it.
                let data = try StateFile.encode(state)
                try file.save(encoded: data)
                size = data.count
            }
            generation = state.journalGeneration ?? 0
            snapshotBytes = size
            StateStore.removeJournals(of: url) { $0 < generation }
            var records: [JournalRecord] = []
            while FileManager.default.fileExists(atPath: StateStore.journalPath(url, generation + 1)) {
                records += try StateStore.readJournal(url, generation, isLast: false).records
                generation += 1
            }
            let last = try StateStore.readJournal(url, generation, isLast: true)
            records += last.records
            journalBytes = last.bytes
            loaded = Loaded(state: state, records: records)
        } else {
            StateStore.removeJournals(of: url) { _ in true }
        }
        let descriptor = try Journal.openFile(StateStore.journalPath(url, generation))
        self.file = file
        self.journal = Journal(descriptor: descriptor)
        self.minimumJournalBytes = minimumJournalBytes
        self.progress = Mutex(Progress(generation: generation, journalBytes: journalBytes, snapshotBytes: snapshotBytes))
        self.hook = hook
        self.loaded = Mutex(loaded)
    }

    /// Lets the journal's last writes finish before the state file's lock is released (with `file`).
    deinit { journal.close() }

    /// What ``init(url:minimumJournalBytes:hook:)`` found, until ``takeLoaded()`` hands it over.
    private let loaded: Mutex<Loaded?>

    /// What ``init(url:minimumJournalBytes:hook:)`` found (nil after the first call): handed over, not
    /// shared, so replaying the journal onto it mutates the one copy in place — a second reference would
    /// make the first change copy every array of a large state, and keep the original alive.
    func takeLoaded() -> Loaded? {
        loaded.withLock { found in
            defer { found = nil }
            return found
        }
    }

    /// Writes the first snapshot of a new state (continued by journal generation 0).
    func create(_ state: PersistedState) throws(StateFile.Failure) {
        var state = state
        state.journalGeneration = 0
        let data = try StateFile.encode(state)
        try file.save(encoded: data)
        progress.withLock { $0.snapshotBytes = data.count }
    }

    /// Appends `record`; the answer that acknowledges it waits for the returned sequence number.
    func append(_ record: JournalRecord) throws(StateFile.Failure) -> UInt64 {
        let payload = try record.payload()
        progress.withLock { $0.journalBytes += payload.count + JournalFrame.headerSize }
        return journal.append(payload)
    }

    /// Whether the journal has outgrown the snapshot (and no compaction runs): then call ``compact(_:)``.
    var needsCompaction: Bool {
        progress.withLock { p in
            !p.compacting && p.journalBytes >= max(minimumJournalBytes, p.snapshotBytes / StateStore.journalPerSnapshot)
        }
    }

    /// Whether a compaction is under way.
    var isCompacting: Bool { progress.withLock { $0.compacting } }

    /// A journal of 1/8 of the snapshot's size (or ``minimumJournalBytes``) starts a compaction. A journal
    /// record replays (the request runs again) far slower than a snapshot row loads, so a start-up after
    /// the longest journal costs about 2.3× one with none (0.44 s against 0.19 s for 100k orders, BENCHMARKS.md), while a compaction — encoding
    /// the state off the actor — still comes once per a number of writes proportional to the state: a
    /// constant amortised cost per write.
    static let journalPerSnapshot = 8

    /// Starts a compaction into a snapshot of `state` — the state right after the last appended record.
    func compact(_ state: PersistedState) {
        let next: Int? = progress.withLock { p in
            guard !p.compacting else { return nil }
            p.compacting = true
            p.journalBytes = 0
            p.generation += 1
            return p.generation
        }
        guard let next else { return }
        // Weak, and only used on the compaction queue: the store must never be released on the journal's
        // queue (its deinit waits for that queue).
        let queue = compactionQueue
        weak let store = self
        journal.rotate(toPath: StateStore.journalPath(file.url, next)) {
            queue.async {
                guard let self = store else { return }
                self.hook?(.rotated)
                self.writeSnapshot(state, generation: next)
            }
        }
    }

    /// Encodes and installs the snapshot that journal generation `generation` continues, then drops older journals.
    private func writeSnapshot(_ state: PersistedState, generation: Int) {
        var state = state
        state.journalGeneration = generation
        var written = 0
        do {
            let data = try StateFile.encode(state)
            try file.save(encoded: data) { hook?(.snapshotWritten) }
            written = data.count
            hook?(.snapshotInstalled)
            StateStore.removeJournals(of: file.url) { $0 < generation }
        } catch {
            // The old snapshot and every journal generation stay: nothing is lost, the next compaction retries.
        }
        progress.withLock { p in
            p.compacting = false
            if written > 0 { p.snapshotBytes = written }
        }
        hook?(.finished)
    }

    /// `FILE.journal-N`.
    static func journalPath(_ url: URL, _ generation: Int) -> String { url.path + ".journal-\(generation)" }

    /// The records of journal `generation` (none when the file is absent) and its length; a torn tail
    /// of the last generation is truncated away, one in an earlier generation is corruption.
    private static func readJournal(_ url: URL, _ generation: Int, isLast: Bool)
        throws(StateFile.Failure) -> (records: [JournalRecord], bytes: Int) {
        let path = journalPath(url, generation)
        guard FileManager.default.fileExists(atPath: path) else { return ([], 0) }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw StateFile.Failure(description: "cannot read the journal \(path): \(error.localizedDescription)")
        }
        let contents = try JournalFrame.read(data, path: path)
        if contents.validLength < data.count {
            guard isLast else {
                throw StateFile.Failure(description: "the journal \(path) is cut short at offset \(contents.validLength) although a later journal exists; restore it from a backup or move the state and its journals away to start afresh")
            }
            guard truncate(path, off_t(contents.validLength)) == 0 else {
                throw StateFile.Failure(description: "cannot cut the torn tail off the journal \(path): \(String(cString: strerror(errno)))")
            }
        }
        var records: [JournalRecord] = []
        records.reserveCapacity(contents.payloads.count)
        for (index, payload) in contents.payloads.enumerated() {
            do { records.append(try JournalRecord(payload: payload)) } catch {
                throw StateFile.Failure(description: "the journal \(path) holds a record this version cannot read (record \(index + 1)): \(error); move the state and its journals away to start afresh")
            }
        }
        return (records, contents.validLength)
    }

    /// Deletes the journal files of `url` whose generation `matches`.
    private static func removeJournals(of url: URL, where matches: (Int) -> Bool) {
        let directory = url.deletingLastPathComponent()
        let prefix = url.lastPathComponent + ".journal-"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where name.hasPrefix(prefix) {
            guard let generation = Int(name.dropFirst(prefix.count)), matches(generation) else { continue }
            unlink(directory.appendingPathComponent(name).path)
        }
    }
}
