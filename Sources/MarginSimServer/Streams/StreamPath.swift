/// A WebSocket request's stream path: `/ws/<name>` (raw frames) or `/stream?streams=<a>/<b>` (combined frames).
///
/// `/ws` and `/ws/<anything>` are accepted with whatever streams the name resolves to (ccxt connects to
/// `/ws/0` and then sends SUBSCRIBE), as Binance accepts them.
struct StreamPath: Sendable, Hashable {
    /// The stream names asked for in the path.
    var names: [String]
    /// Whether frames are wrapped as `{"stream":…,"data":…}`.
    var combined: Bool

    /// Parses a request target's path and query; nil for any other path.
    init?(path: String, query: String?) {
        if path == "/ws" || path == "/ws/" {
            self.init(names: [], combined: false)
        } else if path.hasPrefix("/ws/") {
            let name = String(path.dropFirst(4))
            guard !name.contains("/") else { return nil }
            self.init(names: [name], combined: false)
        } else if path == "/stream" || path == "/stream/" {
            let streams = (query ?? "").split(separator: "&").first { $0.hasPrefix("streams=") }?.dropFirst(8) ?? ""
            self.init(names: streams.split(separator: "/").map(String.init), combined: true)
        } else {
            return nil
        }
    }

    init(names: [String], combined: Bool) {
        self.names = names
        self.combined = combined
    }
}
