import BinanceMargin
import BinanceMarginStreams
import Foundation
import MarginSim
import Mops

extension BackendConnection {
    /// The backend's events for the language's handlers: the embedded simulator's engine events, pushed as they
    /// happen; over the network, Binance's streams read with ``MarginStream`` (``BackendStreams``) — the user-data
    /// streams (listenToken on the WebSocket API: cross, and each isolated pair that holds or owes something), the risk
    /// stream and the trades of the pairs the account holds — so handlers react
    /// to pushed events, and the margin level is re-read when a price moves.
    func eventFeed() async -> EventFeed? {
        if let simulator {
            let feed = EventFeed(description: "streamed from the embedded simulator")
            await simulator.attach(EventForwarder(isListening: { feed.isListening }, forward: { feed.push($0, isolatedSymbol: $1) }))
            return feed
        }
        guard let streams = await BackendStreams.of(self, trades: true) else { return nil }
        let feed = EventFeed(description: streams.description)
        // The script's first statements must not run before the streams listen, or their events are lost.
        let readers = await streams.start(client) { arrival in
            switch arrival {
            case .event(let event, let isolatedSymbol): feed.push(event, isolatedSymbol: isolatedSymbol)
            case .notice(let text): feed.push(notice: text)
            }
        }
        if let shortfall = readers.shortfall { feed.push(notice: shortfall) }
        return feed
    }
}

/// Where a backend's streams are: live Binance's three hosts, or a sandbox's one port (`ws://` of its base URL).
struct StreamEndpoints {
    var market: URL
    var risk: URL
    var webSocketAPI: URL

    init(baseURL: URL, live: Bool) {
        if live {
            market = URL(string: "wss://stream.binance.com:9443")!
            risk = URL(string: "wss://margin-stream.binance.com")!
            webSocketAPI = URL(string: "wss://ws-api.binance.com:443/ws-api/v3")!
        } else {
            var components = URLComponents(url: baseURL, resolvingAgainstBaseURL: false) ?? URLComponents()
            components.scheme = components.scheme == "https" ? "wss" : "ws"
            components.path = ""
            let base = components.url ?? baseURL
            market = base
            risk = base
            webSocketAPI = base.appendingPathComponent("ws-api/v3")
        }
    }

    var description: String { market.absoluteString }
}
