import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a state file holds: the exchange and the clock offset (``SnapshotFormat``; JSON in earlier versions and `GET /sim/state`).
struct PersistedState: Codable, Sendable {
    /// Bumped when the layout changes incompatibly.
    var version: Int = 1
    var exchange: Exchange
    /// Milliseconds added to the injected clock (from `/sim/clock`).
    var clockOffset: Int64
    /// The journal generation that continues this state (`FILE.journal-N`); absent in `GET /sim/state`
    /// and in files written before the journal (read as 0).
    var journalGeneration: Int?
}

/// A durable state file with one writer: every save writes the whole state to a temporary file of
/// its own (created exclusively, a fresh name each time), fsyncs it, renames it over the old file
/// and fsyncs the directory, so after a crash (kill -9, power loss) the file holds either the old or
/// the new state, never a mixture. Opening it takes its ``StateFileLock`` for the value's lifetime.
struct StateFile: Sendable {
    let url: URL
    let lock: StateFileLock

    /// Takes the file's lock (or throws ``StateFileInUse``) and removes temporary files a crashed
    /// writer left behind: with the lock held, no one else can be writing them.
    init(url: URL) throws {
        self.url = url
        self.lock = try StateFileLock(stateFile: url)
        removeStaleTemporaryFiles()
    }

    /// Why the file could not be read or written.
    struct Failure: Error, Sendable, CustomStringConvertible {
        var description: String
    }

    /// Reads the state, or nil when the file does not exist.
    func load() throws(Failure) -> PersistedState? { try loadSized()?.state }

    /// What a state file held: the state, its size in bytes, and whether it was in the JSON of earlier
    /// versions (or a `GET /sim/state` copy) rather than this version's ``SnapshotFormat``.
    struct Contents {
        var state: PersistedState
        var bytes: Int
        var isJSON: Bool
    }

    /// Reads the state (this version's snapshot or earlier versions' JSON), or nil when the file does not exist.
    func loadSized() throws(Failure) -> Contents? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let bytes: [UInt8]
        do { bytes = Array(try Data(contentsOf: url)) } catch {
            throw Failure(description: "cannot read the simulator state file \(url.path): \(error.localizedDescription)")
        }
        if SnapshotFormat.isSnapshot(bytes) {
            return Contents(state: try SnapshotFormat.decode(bytes, path: url.path), bytes: bytes.count, isJSON: false)
        }
        do { return Contents(state: try JSONDecoder().decode(PersistedState.self, from: Data(bytes)), bytes: bytes.count, isJSON: true) } catch {
            throw Failure(description: "the simulator state file \(url.path) is neither a snapshot (it does not start with \"MOPSSNAP\") nor the JSON of an earlier version (\(error)); restore it from a backup or move it and its journals away to start afresh")
        }
    }

    /// The state as the file holds it (``SnapshotFormat``).
    static func encode(_ state: PersistedState) throws(Failure) -> [UInt8] {
        try SnapshotFormat.encode(state)
    }

    /// Writes the state durably (temp file, fsync, rename, fsync of the directory).
    func save(_ state: PersistedState) throws(Failure) {
        try save(encoded: try StateFile.encode(state))
    }

    /// Writes an encoded state durably; `beforeRename` runs when the new file is synced but not yet in place.
    func save(encoded data: [UInt8], beforeRename: () -> Void = {}) throws(Failure) {
        let (temporary, fd) = try createTemporaryFile()
        var written = 0
        let ok: Bool = data.withUnsafeBytes { raw in
            while written < raw.count {
                let n = write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 { if errno == EINTR { continue }; return false }
                written += n
            }
            return true
        }
        guard ok, fsync(fd) == 0 else {
            let why = String(cString: strerror(errno))
            close(fd)
            unlink(temporary)
            throw Failure(description: "cannot write \(temporary): \(why)")
        }
        close(fd)
        beforeRename()
        guard rename(temporary, url.path) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure(description: "cannot replace \(url.path): \(why)")
        }
        StateFile.syncDirectory(of: url)
    }

    /// Fsyncs the directory holding `url` (so a rename or a new file in it survives a crash).
    static func syncDirectory(of url: URL) {
        let directory = url.deletingLastPathComponent().path
        let dirfd = open(directory.isEmpty ? "." : directory, O_RDONLY)
        if dirfd >= 0 {
            _ = fsync(dirfd)
            close(dirfd)
        }
    }

    /// The prefix of this file's temporary files: `FILE.tmp-`.
    private var temporaryPrefix: String { url.lastPathComponent + ".tmp-" }

    /// A new temporary file beside the state file, created with `O_EXCL` under a fresh random name
    /// (a leftover or a planted file, even a symlink, is never written through).
    private func createTemporaryFile() throws(Failure) -> (path: String, descriptor: Int32) {
        var generator = SystemRandomNumberGenerator()
        let directory = url.deletingLastPathComponent()
        for _ in 0..<8 {
            let name = temporaryPrefix + String(getpid()) + "-" + String(generator.next() as UInt64, radix: 16)
            let path = directory.appendingPathComponent(name).path
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if fd >= 0 { return (path, fd) }
            guard errno == EEXIST else {
                throw Failure(description: "cannot create \(path): \(String(cString: strerror(errno)))")
            }
        }
        throw Failure(description: "cannot create a temporary file beside \(url.path): every name tried exists")
    }

    /// Removes `FILE.tmp-*` (and the older `FILE.tmp`) left by a writer that crashed mid-save.
    private func removeStaleTemporaryFiles() {
        let directory = url.deletingLastPathComponent()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where name.hasPrefix(temporaryPrefix) || name == url.lastPathComponent + ".tmp" {
            unlink(directory.appendingPathComponent(name).path)
        }
    }
}
