#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the REPL keeps its history: `$XDG_STATE_HOME/mops/history`, by default
/// `~/.local/state/mops/history` — readable by its owner only.
public struct HistoryFile: Sendable, Equatable {
    /// The file's path.
    public var path: String
    /// How many statements it keeps (the oldest go first).
    public var capacity: Int

    /// A history file at `path`.
    public init(path: String, capacity: Int = 1000) {
        self.path = path
        self.capacity = capacity
    }

    /// The standard location for `environment`: `$XDG_STATE_HOME/mops/history` when that is an
    /// absolute path (the XDG rule), else `$HOME/.local/state/mops/history`; nil without a home.
    public static func standard(environment: [String: String]) -> HistoryFile? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return HistoryFile(path: state + "/mops/history")
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return HistoryFile(path: home + "/.local/state/mops/history")
    }

    /// The directory that holds the file.
    public var directory: String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Makes the file safe to write, before anything is written: creates its directory (mode
    /// 0700) and the file (mode 0600) when missing, and takes group and other permissions off an
    /// existing file (chmod 600). Returns false — write nothing then — when the path is not a
    /// regular file (a symbolic link, say) or its mode cannot be fixed.
    @discardableResult
    public func prepareForWriting() -> Bool {
        makeDirectory(directory)
        if !exists {
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600)
            guard descriptor >= 0 else { return false }
            closeDescriptor(descriptor)
        }
        return fixPermissions()
    }

    /// Takes group and other permissions off an existing file; true when it is a regular file
    /// readable by its owner only afterwards.
    @discardableResult
    public func fixPermissions() -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        if info.st_mode & 0o077 != 0 {
            guard chmod(path, 0o600) == 0 else { return false }
        }
        return true
    }

    /// Whether anything is at the path (a dangling link counts).
    private var exists: Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// `mkdir -p` with mode 0700 for the parts it creates.
    private func makeDirectory(_ path: String) {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            current += "/" + part
            if access(current, F_OK) != 0 { mkdir(current, 0o700) }
        }
    }
}

private func closeDescriptor(_ descriptor: Int32) {
    #if canImport(Glibc)
    _ = Glibc.close(descriptor)
    #else
    _ = Darwin.close(descriptor)
    #endif
}
