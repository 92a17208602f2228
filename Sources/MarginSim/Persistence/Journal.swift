import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The append-only journal of acknowledged changes, with group commit.
///
/// The simulator appends a framed record (``append(_:)``, a memory copy, on the actor) and gets a
/// sequence number; a background writer writes everything appended so far in one `pwrite` to a file
/// opened `O_DSYNC`, into space zero-filled and synced ahead of time (as much as is written, 64 KiB to 1 MiB at a time), so the
/// write returns when the data is on disk and no metadata (size, extents) has to be synced with it —
/// about half the latency of appending and `fdatasync` on this machine's disk (`bench/journal_sync.py`,
/// BENCHMARKS.md) — then marks it durable. Whoever answers the request waits for its number
/// (``waitDurable(_:)``) outside the actor, so concurrent writers share one fsync and the actor goes
/// on serving while the disk works. ``rotate(to:then:)`` closes the current file after everything
/// before it is durable and continues in the next generation's file (compaction, see ``StateStore``).
///
/// A failed write or fsync fails every waiting and later request (their outcome is unknown: the
/// change may or may not be on disk) until the simulator is restarted, which reloads what is on disk.
final class Journal: Sendable {
    private enum Item {
        case frames([UInt8], last: UInt64)
        case rotate(path: String, then: @Sendable () -> Void)
    }

    private struct State {
        var descriptor: Int32
        /// Where the next record goes: the end of the records written to the current file.
        var offset: Int
        /// The end of the file's zero-filled space (records are written below it).
        var allocated: Int
        var queued: [Item] = []
        var appended: UInt64 = 0
        var durable: UInt64 = 0
        var flushing = false
        var failure: StateFile.Failure?
        var waiters: [(sequence: UInt64, continuation: CheckedContinuation<StateFile.Failure?, Never>)] = []
    }

    private let state: Mutex<State>
    private let queue = DispatchQueue(label: "mops.sim.journal")

    /// A journal continuing the records in the file at `descriptor` (from ``openFile(_:)``), which end at its end.
    init(descriptor: Int32) {
        let end = Int(lseek(descriptor, 0, SEEK_END))
        self.state = Mutex(State(descriptor: descriptor, offset: max(end, 0), allocated: max(end, 0)))
    }

    /// The most zero-filled space added at a time.
    static let allocationStep = 1 << 20

    /// Closes the file if ``close()`` did not (never waits: the last reference may be the journal's own queue).
    deinit {
        state.withLock { s in
            if s.descriptor >= 0 { _ = systemClose(s.descriptor) }
        }
    }

    /// Waits for the writes under way, then closes the file (the owner then releases the state file's lock).
    /// Must not be called on the journal's own queue.
    func close() {
        queue.sync {}
        state.withLock { s in
            if s.descriptor >= 0 { _ = systemClose(s.descriptor) }
            s.descriptor = -1
        }
    }

    /// The last sequence number handed out (a read waits for it: it may show a change not yet durable).
    var lastAppended: UInt64 { state.withLock { $0.appended } }

    /// Whether a write or fsync failed (the simulator then acknowledges no more changes).
    var hasFailed: Bool { state.withLock { $0.failure != nil } }

    /// Queues one record; returns the sequence number to wait for.
    func append(_ payload: [UInt8]) -> UInt64 {
        let framed = JournalFrame.frame(payload)
        return state.withLock { s in
            s.appended += 1
            if case .frames(var bytes, _)? = s.queued.last {
                s.queued.removeLast()
                bytes.append(contentsOf: framed)
                s.queued.append(.frames(bytes, last: s.appended))
            } else {
                s.queued.append(.frames(framed, last: s.appended))
            }
            startFlushing(&s)
            return s.appended
        }
    }

    /// After everything appended so far is durable, continues in a new file at `path` (the next
    /// generation's) and calls `then` (on the journal's queue); not called when the journal failed.
    func rotate(toPath path: String, then: @escaping @Sendable () -> Void) {
        state.withLock { s in
            s.queued.append(.rotate(path: path, then: then))
            startFlushing(&s)
        }
    }

    /// Returns when record `sequence` is on disk; the failure when the journal could not be written.
    func waitDurable(_ sequence: UInt64) async -> StateFile.Failure? {
        if let known = state.withLock({ s -> StateFile.Failure?? in
            if s.durable >= sequence { return .some(nil) }
            if let failure = s.failure { return .some(failure) }
            return nil
        }) { return known }
        return await withCheckedContinuation { continuation in
            let ready: StateFile.Failure?? = state.withLock { s in
                if s.durable >= sequence { return .some(nil) }
                if let failure = s.failure { return .some(failure) }
                s.waiters.append((sequence, continuation))
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    private func startFlushing(_ s: inout State) {
        guard !s.flushing else { return }
        s.flushing = true
        queue.async { self.flush() }
    }

    /// Writes batches until nothing is queued: one synchronous write per batch.
    private func flush() {
        while true {
            let taken: ([Item], FileEnd)? = state.withLock { s in
                guard !s.queued.isEmpty else { s.flushing = false; return nil }
                defer { s.queued = [] }
                return (s.queued, FileEnd(descriptor: s.descriptor, offset: s.offset, allocated: s.allocated))
            }
            guard let (items, start) = taken else { return }
            var file = start
            var failure: StateFile.Failure? = nil
            var last: UInt64 = 0
            var rotated: [@Sendable () -> Void] = []
            for item in items {
                switch item {
                case .frames(let bytes, let through):
                    if failure == nil { failure = Journal.write(bytes, to: &file) }
                    last = through
                case .rotate(let path, let then):
                    // The old file loses its zero-filled tail before the next exists (a later generation
                    // follows only a journal whose records end at its end).
                    if failure == nil { failure = Journal.cutAllocation(file) }
                    guard failure == nil else { continue }
                    do {
                        let next = try Journal.openFile(path)
                        _ = systemClose(file.descriptor)
                        file = FileEnd(descriptor: next, offset: 0, allocated: 0)
                        rotated.append(then)
                    } catch {
                        failure = error
                    }
                }
            }
            finish(through: last, file: file, failure: failure)
            rotated.forEach { $0() }
        }
    }

    /// Marks records durable (or the journal failed) and resumes the requests waiting for them.
    private func finish(through last: UInt64, file: FileEnd, failure: StateFile.Failure?) {
        let ready: [(CheckedContinuation<StateFile.Failure?, Never>, StateFile.Failure?)] = state.withLock { s in
            (s.descriptor, s.offset, s.allocated) = (file.descriptor, file.offset, file.allocated)
            if let failure {
                s.failure = s.failure ?? failure
            } else {
                s.durable = max(s.durable, last)
            }
            var ready: [(CheckedContinuation<StateFile.Failure?, Never>, StateFile.Failure?)] = []
            s.waiters.removeAll { waiter in
                if s.durable >= waiter.sequence { ready.append((waiter.continuation, nil)); return true }
                if let failure = s.failure { ready.append((waiter.continuation, failure)); return true }
                return false
            }
            return ready
        }
        for (continuation, failure) in ready { continuation.resume(returning: failure) }
    }

    /// Opens the journal file at `path` for synchronous writes (created if absent, its directory synced).
    static func openFile(_ path: String) throws(StateFile.Failure) -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_DSYNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            throw StateFile.Failure(description: "cannot open the journal \(path): \(String(cString: strerror(errno)))")
        }
        StateFile.syncDirectory(of: URL(fileURLWithPath: path))
        return descriptor
    }

    /// The file being written and where its records and its zero-filled space end (the journal's queue's own copy).
    private struct FileEnd {
        var descriptor: Int32
        var offset: Int
        var allocated: Int
    }

    /// Writes `bytes` at the end of the records (durable when it returns: `O_DSYNC`), zero-filling ahead first when needed.
    private static func write(_ bytes: [UInt8], to file: inout FileEnd) -> StateFile.Failure? {
        if file.offset + bytes.count > file.allocated {
            // Ahead by as much as is written (64 KiB to 1 MiB): a fresh generation costs little to start.
            let end = file.offset + bytes.count + min(allocationStep, max(64 << 10, file.offset))
            let zeros = [UInt8](repeating: 0, count: end - file.allocated)
            guard writeAll(zeros, to: file.descriptor, at: file.allocated) else { return failure("extend") }
            file.allocated = end
        }
        guard writeAll(bytes, to: file.descriptor, at: file.offset) else { return failure("append to") }
        file.offset += bytes.count
        return nil
    }

    /// Cuts the zero-filled space off the file's end and syncs its new length.
    private static func cutAllocation(_ file: FileEnd) -> StateFile.Failure? {
        guard ftruncate(file.descriptor, off_t(file.offset)) == 0, fsync(file.descriptor) == 0 else { return failure("cut the end of") }
        return nil
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, at offset: Int) -> Bool {
        var written = 0
        return bytes.withUnsafeBytes { raw in
            while written < raw.count {
                let n = pwrite(descriptor, raw.baseAddress! + written, raw.count - written, off_t(offset + written))
                if n < 0 { if errno == EINTR { continue }; return false }
                written += n
            }
            return true
        }
    }

    private static func failure(_ what: String) -> StateFile.Failure {
        StateFile.Failure(description: "cannot \(what) the simulator's journal: \(String(cString: strerror(errno)))")
    }
}

/// `close(2)`, under a name the journal's own `close()` does not shadow.
private func systemClose(_ descriptor: Int32) -> Int32 { close(descriptor) }
