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
}
