import BinanceMargin
import BinanceMarginStreams
import Foundation
import MarginSim
import Mops
import Synchronization

extension BackendConnection {
    /// The backend's events for the language's handlers: the embedded simulator's engine events, pushed as they
    /// happen; over the network, Binance's streams read with ``MarginStream`` — the user-data stream (listenToken
    /// on the WebSocket API), the risk stream and the trades of the pairs the account holds — so handlers react
    /// to pushed events, and the margin level is re-read when a price moves.
    func eventFeed() async -> EventFeed? {
        if let simulator {
            let feed = EventFeed(description: "streamed from the embedded simulator")
            await simulator.attach(EventForwarder(isListening: { feed.isListening }, forward: { feed.push($0, isolatedSymbol: $1) }))
            return feed
        }
        guard let baseURL else { return nil }
        let endpoints = StreamEndpoints(baseURL: baseURL, live: client.isLive)
        let trades = await heldPairTrades()
        let feed = EventFeed(description: "streamed from \(endpoints.description) (user data, risk" + (trades.isEmpty ? ")" : ", trades of \(trades.count) pair(s))"))
        var streams: [(MarginStream.Stream, URL)] = [(.userData(isolatedSymbol: nil), endpoints.market), (.risk, endpoints.risk)]
        if !trades.isEmpty { streams.append((.market(trades), endpoints.market)) }
        let connected = ConnectedCount()
        for (stream, url) in streams {
            var configuration = MarginStream.Configuration(streamURL: url, webSocketAPIURL: endpoints.webSocketAPI)
            configuration.onConnected = { connected.add() }
            let reader = MarginStream(client: client, stream: stream, configuration: configuration)
            Task { await BackendConnection.pump(reader, into: feed) }
        }
        // The script's first statements must not run before the streams listen, or their events are lost.
        for _ in 0..<200 where connected.value < streams.count { try? await Task.sleep(for: .milliseconds(50)) }
        if connected.value < streams.count {
            feed.push(notice: "events: \(streams.count - connected.value) of \(streams.count) streams were not connected after 10 s; events before they connect are not seen")
        }
        return feed
    }

    /// `<asset>usdt@trade` for every asset the cross account holds or owes that trades against USDT (bounded: 20).
    private func heldPairTrades() async -> [String] {
        guard let account = try? await client.crossAccount() else { return [] }
        var names: [String] = []
        for asset in account.userAssets where asset.asset != "USDT" && (!asset.netAsset.isZero || !asset.borrowed.isZero) {
            guard names.count < 20, (try? await client.symbolInfo(asset.asset + "USDT")) != nil else { continue }
            names.append(asset.asset.lowercased() + "usdt@trade")
        }
        return names
    }

    /// Pushes a stream's updates into `feed` until the run ends: events as they are, gaps and resyncs as notices.
    static func pump(_ stream: MarginStream, into feed: EventFeed) async {
        do {
            for try await update in stream {
                switch update {
                case .event(let event): feed.push(event)
                case .resynced: feed.push(notice: "events: resynced over REST after a gap")
                case .disconnected(let reason, let retry): feed.push(notice: "events: stream lost (\(reason)); retrying in \(retry)")
                }
            }
        } catch {
            feed.push(notice: "events: the stream ended: \(error)")
        }
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

/// How many streams have connected (each counts once: a reconnect is a gap the stream resyncs itself).
final class ConnectedCount: Sendable {
    private let count = Mutex(0)
    func add() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
