import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which files `POST /sim/replay` may read on the simulator's machine.
///
/// The embedded simulator reads any path: the script runs as the same user on the same machine. A sandbox others
/// can reach (`mops sim serve`) must not turn into a file reader for them — another user on the machine, or anyone
/// holding the control token — so it reads only inside the directory given with `--replay-dir`, and nothing without
/// one. A path is judged as the system resolves it (`realpath`: links and `..` as `open` follows them) and the resolved
/// path is the one read; a path that does not exist is judged as written (it cannot be read either way, and an answer
/// that differed would tell whether a file outside exists). A relative path is taken inside the directory.
/// The file is judged twice: by path before it is opened, and — since a link could be swapped in between — by
/// the file actually opened (its path as the system names the open descriptor), and read through that descriptor.
/// The files given when the server starts (`--replay`, a scenario's `replay`) are the operator's and are not judged.
public enum ReplayFileAccess: Sendable, Hashable {
    /// Any path (the embedded simulator).
    case anywhere
    /// Only files inside this directory (absolute, symbolic links resolved: see ``within(_:)``).
    case inside(String)
    /// No file: the sandbox was started without `--replay-dir`.
    case noFiles

    /// Files inside `directory`, resolved as paths are when judged.
    public static func within(_ directory: String) -> ReplayFileAccess {
        .inside(ReplayFileAccess.resolved(directory, relativeTo: FileManager.default.currentDirectoryPath))
    }

    /// The price file at `path` read and checked, or why it may not or cannot be (-1130, naming the file or the fix).
    func file(at path: String) throws(ExchangeError) -> KlineFile {
        let resolved = try self.path(for: path).get()
        let contents: Data?
        if case .inside(let directory) = self {
            contents = try ReplayFileAccess.contents(of: resolved, inside: directory, given: path).get()
        } else {
            contents = FileManager.default.contents(atPath: resolved)
        }
        do {
            guard let contents else { throw KlineFile.unreadable(resolved) }
            return try KlineFile.parse(contents, name: resolved)
        } catch {
            throw .invalidParameter("files", because: "\(error)")
        }
    }

    /// The path to read for `path`, or why it may not be read (-1130, naming the fix).
    func path(for path: String) -> Result<String, ExchangeError> {
        switch self {
        case .anywhere:
            return .success(path)
        case .noFiles:
            return .failure(ExchangeError.invalidParameter("files", because: "\(path): this sandbox "
                + "reads no replay files (it was started without --replay-dir); restart it with `mops sim serve --replay-dir DIR` "
                + "and name files inside DIR, or start the replay with `mops sim serve --replay FILE`"))
        case .inside(let directory):
            let resolved = ReplayFileAccess.resolved(path, relativeTo: directory)
            guard ReplayFileAccess.isInside(resolved, directory) else { return .failure(ReplayFileAccess.outside(path, directory)) }
            return .success(resolved)
        }
    }

    /// Whether the absolute, resolved `path` lies inside `directory`.
    static func isInside(_ path: String, _ directory: String) -> Bool {
        path.hasPrefix(directory == "/" ? "/" : directory + "/")
    }

    /// -1130 for a file outside the replay directory.
    static func outside(_ path: String, _ directory: String) -> ExchangeError {
        ExchangeError.invalidParameter("files", because: "\(path): outside the replay directory \(directory) "
            + "(mops sim serve --replay-dir); copy the file there and name it relative to it")
    }

    /// The contents of the regular file at `resolved`, read through one descriptor whose file is judged again once
    /// open (a link swapped in after the path was judged leads outside and is refused); nil when it cannot be read.
    static func contents(of resolved: String, inside directory: String, given: String) -> Result<Data?, ExchangeError> {
        // O_NONBLOCK: a FIFO put in the directory must not hold the simulator at open; it is refused below.
        let descriptor = open(resolved, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return .success(nil) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        guard let opened = openedPath(descriptor), isInside(opened, directory) else { return .failure(outside(given, directory)) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return .success(nil) }
        do { return .success(try handle.readToEnd() ?? Data()) } catch { return .success(nil) }
    }

    /// The path the system gives the file open on `descriptor` (links resolved), or nil when it does not say.
    static func openedPath(_ descriptor: Int32) -> String? {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/fd/\(descriptor)", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #elseif canImport(Darwin)
        var buffer = [CChar](repeating: 0, count: Int(MAXPATHLEN))
        guard fcntl(descriptor, F_GETPATH, &buffer) == 0 else { return nil }
        return String(cString: buffer)
        #else
        return nil
        #endif
    }

    /// `path` made absolute against `base` and resolved by the system (`realpath`), or — when it does not exist —
    /// with `.` and `..` removed as written.
    static func resolved(_ path: String, relativeTo base: String) -> String {
        let absolute = path.hasPrefix("/") ? path : base + "/" + path
        if let real = realpath(absolute, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        return URL(fileURLWithPath: absolute).standardizedFileURL.path
    }
}
