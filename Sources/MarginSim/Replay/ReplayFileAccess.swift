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

    /// The path to read for `path`, or why it may not be read (-1130, naming the fix).
    func path(for path: String) -> Result<String, ExchangeError> {
        switch self {
        case .anywhere:
            return .success(path)
        case .noFiles:
            return .failure(ExchangeError(code: -1130, message: "Data sent for parameter 'files' is not valid: \(path): this sandbox "
                + "reads no replay files (it was started without --replay-dir); restart it with `mops sim serve --replay-dir DIR` "
                + "and name files inside DIR, or start the replay with `mops sim serve --replay FILE`"))
        case .inside(let directory):
            let resolved = ReplayFileAccess.resolved(path, relativeTo: directory)
            guard resolved.hasPrefix(directory == "/" ? "/" : directory + "/") else {
                return .failure(ExchangeError(code: -1130, message: "Data sent for parameter 'files' is not valid: \(path): "
                    + "outside the replay directory \(directory) (mops sim serve --replay-dir); copy the file there and name it relative to it"))
            }
            return .success(resolved)
        }
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
