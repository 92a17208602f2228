import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a state file holds: the exchange and the clock offset, as JSON.
struct PersistedState: Codable, Sendable {
    /// Bumped when the layout changes incompatibly.
    var version: Int = 1
    var exchange: Exchange
    /// Milliseconds added to the injected clock (from `/sim/clock`).
    var clockOffset: Int64
}

/// A durable state file: every save writes the whole state to a temporary file, fsyncs it,
/// renames it over the old file and fsyncs the directory, so after a crash (kill -9, power loss)
/// the file holds either the old or the new state, never a mixture.
struct StateFile: Sendable {
    let url: URL

    /// Why the file could not be read or written.
    struct Failure: Error, Sendable, CustomStringConvertible {
        var description: String
    }

    /// Reads the state, or nil when the file does not exist.
    func load() throws(Failure) -> PersistedState? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw Failure(description: "cannot read the simulator state file \(url.path): \(error.localizedDescription)")
        }
        do { return try JSONDecoder().decode(PersistedState.self, from: data) } catch {
            throw Failure(description: "the simulator state file \(url.path) is not a state this version can read (\(error)); move it away to start afresh")
        }
    }

    /// Writes the state durably (temp file, fsync, rename, fsync of the directory).
    func save(_ state: PersistedState) throws(Failure) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data: Data
        do { data = try encoder.encode(state) } catch { throw Failure(description: "cannot encode the state: \(error)") }
        let directory = url.deletingLastPathComponent().path
        let temporary = url.path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw Failure(description: "cannot create \(temporary): \(String(cString: strerror(errno)))") }
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
            throw Failure(description: "cannot write \(temporary): \(why)")
        }
        close(fd)
        guard rename(temporary, url.path) == 0 else {
            throw Failure(description: "cannot replace \(url.path): \(String(cString: strerror(errno)))")
        }
        let dirfd = open(directory.isEmpty ? "." : directory, O_RDONLY)
        if dirfd >= 0 {
            _ = fsync(dirfd)
            close(dirfd)
        }
    }
}
