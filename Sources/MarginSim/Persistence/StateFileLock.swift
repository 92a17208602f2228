import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The exclusive hold on a state file for as long as this object lives: an advisory `flock` on
/// `FILE.lock` (the state file itself is replaced on every save, so it cannot carry the lock).
///
/// `flock` locks belong to the open file, so a second simulator on the same file is refused in the
/// same process too; the kernel drops the lock when the process dies, even on kill -9, so a crash
/// never leaves the file locked. The lock file holds the owner's pid, for the error message, and is
/// left in place on exit (removing it would race with the next owner).
final class StateFileLock: Sendable {
    /// The lock file's path.
    let path: String
    private let descriptor: Int32

    /// Takes the lock of `stateFile`, or throws ``StateFileInUse`` (held elsewhere) or
    /// ``StateFile/Failure`` (the lock file cannot be opened, or is not a plain file of its own).
    ///
    /// The lock file is opened with `O_NOFOLLOW` and must be a regular file with one link before it is
    /// truncated and written: a planted symlink or hard link never truncates the file it points at.
    init(stateFile: URL) throws {
        let path = stateFile.path + ".lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o600)
        guard descriptor >= 0 else {
            let why = errno == ELOOP ? "it is a symbolic link (remove it)" : String(cString: strerror(errno))
            throw StateFile.Failure(description: "cannot open the lock file \(path) for the simulator state file \(stateFile.path): \(why)")
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_nlink == 1 else {
            close(descriptor)
            throw StateFile.Failure(description: "the lock file \(path) for the simulator state file \(stateFile.path) is not a regular file of its own (a directory, device, FIFO or hard link); remove it")
        }
        var result = StateFileLock.tryLock(descriptor)
        // A simulator of this very process that is being released (an actor's last reference can be
        // dropped a moment after its caller moved on) gets a moment to let go: at most 2 s.
        for _ in 0..<200 where result != 0 && errno == EWOULDBLOCK && StateFileLock.recordedHolder(descriptor) == getpid() {
            usleep(10_000)
            result = StateFileLock.tryLock(descriptor)
        }
        guard result == 0 else {
            let why = errno
            let holder = StateFileLock.recordedHolder(descriptor)
            close(descriptor)
            if why == EWOULDBLOCK { throw StateFileInUse(path: stateFile.path, holder: holder) }
            throw StateFile.Failure(description: "cannot lock \(path): \(String(cString: strerror(why)))")
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = pid.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// `flock(LOCK_EX | LOCK_NB)`, retried on EINTR.
    private static func tryLock(_ descriptor: Int32) -> Int32 {
        var result: Int32
        repeat { result = flock(descriptor, LOCK_EX | LOCK_NB) } while result != 0 && errno == EINTR
        return result
    }

    /// The pid the current owner wrote into the lock file, if readable.
    private static func recordedHolder(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Int32(text)
    }
}
