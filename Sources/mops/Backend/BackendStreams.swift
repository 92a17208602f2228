import BinanceMargin
import BinanceMarginStreams
import Foundation
import Mops
import Synchronization

/// A network backend's streams, read with ``MarginStream`` and handed to whoever shows or handles them — a
/// script's handlers (``BackendConnection/eventFeed()``), `mops watch` (``EventTail``), the REPL's `:watch`: the
/// cross user-data stream (listenToken on the WebSocket API), the user-data stream of each isolated pair that holds
/// or owes something, the risk stream and, when asked, the trades of the pairs the cross account holds.
struct BackendStreams: Sendable {
    /// What a stream hands over: an event (with the isolated pair whose stream it came on; nil: cross, risk,
    /// market), or something to say about the stream itself (a gap, a reconnect).
    enum Arrival: Sendable {
        case event(StreamEvent, isolatedSymbol: String?)
        case notice(String)
    }

    /// One stream read, at `url`; `isolatedSymbol`: the isolated pair whose user data it carries.
    struct Reading: Sendable {
        var stream: MarginStream.Stream
        var url: URL
        var isolatedSymbol: String?

        /// Whether it carries the account's events (user data, risk), not only market data.
        var carriesAccount: Bool {
            if case .market = stream { return false }
            return true
        }
    }

    /// Where the streams are and which are read.
    let endpoints: StreamEndpoints
    let streams: [Reading]
    /// `streamed from ws://127.0.0.1:PORT (user data, risk, user data of 1 isolated pair(s), trades of 2 pair(s))`.
    let description: String

    /// The most isolated pairs whose user-data streams are read (each is a connection and a listenToken).
    static let isolatedLimit = 10

    /// The streams of `connection`'s backend; `trades`: also the trades of the pairs the cross account holds or owes
    /// (they tell a handler prices moved). Nil when it has no network streams (the embedded simulator) or its account
    /// cannot be read over REST — then no stream could be keyed either, and the caller's own first read says why.
    static func of(_ connection: BackendConnection, trades: Bool) async -> BackendStreams? {
        guard connection.simulator == nil, let baseURL = connection.baseURL,
              let account = try? await connection.client.crossAccount() else { return nil }
        let endpoints = StreamEndpoints(baseURL: baseURL, live: connection.client.isLive)
        let names = trades ? await heldPairTrades(account, connection.client) : []
        let isolated = await heldIsolatedPairs(connection.client)
        var streams = [Reading(stream: .userData(isolatedSymbol: nil), url: endpoints.market), Reading(stream: .risk, url: endpoints.risk)]
        streams += isolated.map { Reading(stream: .userData(isolatedSymbol: $0), url: endpoints.market, isolatedSymbol: $0) }
        if !names.isEmpty { streams.append(Reading(stream: .market(names), url: endpoints.market)) }
        let description = "streamed from \(endpoints.description) (user data, risk"
            + (isolated.isEmpty ? "" : ", user data of \(isolated.count) isolated pair(s)")
            + (names.isEmpty ? ")" : ", trades of \(names.count) pair(s))")
        return BackendStreams(endpoints: endpoints, streams: streams, description: description)
    }

    /// How often the isolated accounts are read for pairs opened from spot after the start (``IsolatedPairFollower``).
    static let followInterval: Duration = .seconds(15)

    /// Starts reading every stream into `sink` and waits (at most `wait`) until they are connected and subscribed,
    /// so that what the caller does next is seen; the readers, to stop. Isolated pairs that come to hold or owe
    /// something later are followed too (``IsolatedPairFollower``).
    func start(_ client: MarginClient, wait: Duration = .seconds(10), sink: @escaping @Sendable (Arrival) -> Void) async -> Readers {
        let connected = ConnectedCount()
        let follower = IsolatedPairFollower(following: Set(streams.compactMap(\.isolatedSymbol)))
        let forward: @Sendable (Arrival) -> Void = { arrival in
            // A cross balance that moves by itself (a transfer, maybe into a pair) is when a new pair may appear.
            if case .event(.balanceUpdate, isolatedSymbol: nil) = arrival { follower.nudge() }
            sink(arrival)
        }
        var tasks: [Task<Void, Never>] = []
        for (index, reading) in streams.enumerated() {
            let reader = BackendStreams.reader(reading, endpoints: endpoints, client: client) { connected.add(index) }
            tasks.append(Task { await BackendStreams.pump(reader, isolatedSymbol: reading.isolatedSymbol, into: forward) })
        }
        let deadline = ContinuousClock.now + wait
        while connected.value < streams.count, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        tasks.append(follower.start(client, endpoints: endpoints, every: BackendStreams.followInterval, sink: forward))
        let up = connected.indices
        return Readers(total: streams.count, connected: up.count, accountConnected: up.filter { streams[$0].carriesAccount }.count,
                       tasks: tasks, follower: follower, waited: wait)
    }

    /// The reader of one stream; `connected` is called each time it is connected and subscribed.
    static func reader(_ reading: Reading, endpoints: StreamEndpoints, client: MarginClient,
                       connected: @escaping @Sendable () -> Void) -> MarginStream {
        var configuration = MarginStream.Configuration(streamURL: reading.url, webSocketAPIURL: endpoints.webSocketAPI)
        configuration.onConnected = connected
        return MarginStream(client: client, stream: reading.stream, configuration: configuration)
    }

    /// `its streams at ws://127.0.0.1:8765 were not connected after 10s`: why polling took over.
    func unconnected(_ readers: Readers) -> String {
        "its streams at \(endpoints.description) were not connected after \(DurationFormat.format(milliseconds: readers.waited.wholeMilliseconds))"
    }

    /// The running readers of ``start(_:wait:sink:)``.
    struct Readers: Sendable {
        /// How many streams were started, and how many were connected when the wait ended (of them, how many carry
        /// the account's events: when none does, nothing but prices would be seen).
        let total: Int
        let connected: Int
        let accountConnected: Int
        fileprivate let tasks: [Task<Void, Never>]
        fileprivate let follower: IsolatedPairFollower
        fileprivate let waited: Duration

        /// `2 of 3 streams were not connected after 10 s; events before they connect are not seen`; nil when all were.
        var shortfall: String? {
            guard connected < total else { return nil }
            return "\(total - connected) of \(total) streams were not connected after \(DurationFormat.format(milliseconds: waited.wholeMilliseconds)); "
                + "events before they connect are not seen"
        }

        /// Stops reading (the connections close), the pairs followed since the start too.
        func stop() {
            follower.stop()
            tasks.forEach { $0.cancel() }
        }
    }

    /// Hands a stream's updates to `sink` until it ends or is cancelled: events as they are, gaps and resyncs as notices.
    static func pump(_ stream: MarginStream, isolatedSymbol: String?, into sink: @Sendable (Arrival) -> Void) async {
        do {
            for try await update in stream {
                switch update {
                case .event(let event): sink(.event(event, isolatedSymbol: isolatedSymbol))
                case .resynced: sink(.notice("resynced over REST after a gap"))
                case .disconnected(let reason, let retry): sink(.notice("stream lost (\(reason)); retrying in \(retry)"))
                }
            }
        } catch {
            if !Task.isCancelled { sink(.notice("the stream ended: \(error)")) }
        }
    }

    /// The isolated pairs that hold or owe something, by symbol (at most ``isolatedLimit``; none when unreadable).
    static func heldIsolatedPairs(_ client: MarginClient) async -> [String] {
        guard let accounts = try? await client.isolatedAccounts() else { return [] }
        let held = accounts.assets.filter { pair in
            [pair.baseAsset, pair.quoteAsset].contains { !$0.netAsset.isZero || !$0.borrowed.isZero || !$0.locked.isZero }
        }
        return Array(held.map(\.symbol).sorted().prefix(isolatedLimit))
    }

    /// `<asset>usdt@trade` for every asset the cross account holds or owes that trades against USDT (bounded: 20).
    private static func heldPairTrades(_ account: CrossMarginAccount, _ client: MarginClient) async -> [String] {
        var names: [String] = []
        for asset in account.userAssets where asset.asset != "USDT" && (!asset.netAsset.isZero || !asset.borrowed.isZero) {
            guard names.count < 20, (try? await client.symbolInfo(asset.asset + "USDT")) != nil else { continue }
            names.append(asset.asset.lowercased() + "usdt@trade")
        }
        return names
    }
}

/// Which streams have connected (each counts once: a reconnect is a gap the stream resyncs itself).
final class ConnectedCount: Sendable {
    private let up = Mutex(Set<Int>())
    func add(_ index: Int) { _ = up.withLock { $0.insert(index) } }
    var value: Int { up.withLock { $0.count } }
    var indices: Set<Int> { up.withLock { $0 } }
}
