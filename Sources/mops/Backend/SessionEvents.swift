import BinanceMargin
import MarginSim
import Mops
import MopsREPL

/// The REPL's events: the feed its `on … { }` handlers read, and the board `:watch` shows above the prompt.
///
/// The embedded simulator's engine events go to both (its clock ticked every second, so interest hours and
/// liquidations come while the user types); over the network the backend's streams do (``BackendStreams``: user
/// data, risk, the trades of held pairs), as for `mops run`. Only where none of the account's streams (user data,
/// risk) connects is the account polled every 2 s while watching, for the board only — and `:watch on` says which.
struct SessionEvents: Sendable {
    /// The handlers' events (nil: the handlers poll the margin level).
    let feed: EventFeed?
    /// The lines shown above the prompt.
    let board: EventBoard
    private let stopping: @Sendable () -> Void

    /// Stops producing events.
    func stop() { stopping() }

    /// Starts the events of `connection`.
    static func start(_ connection: BackendConnection) async -> SessionEvents {
        if let simulator = connection.simulator {
            let feed = EventFeed(description: "streamed from the embedded simulator")
            let board = EventBoard(source: feed.description)
            await simulator.attach(EventForwarder(isListening: { true }, forward: { event, isolated in
                feed.push(event, isolatedSymbol: isolated)
                show(event, isolatedSymbol: isolated, on: board)
            }))
            let ticker = simulator.tickingEverySecond()
            return SessionEvents(feed: feed, board: board, stopping: { ticker.cancel() })
        }
        let board = EventBoard()
        guard let streams = await BackendStreams.of(connection, trades: true) else { return polled(connection, on: board, because: nil) }
        let feed = EventFeed(description: streams.description)
        board.source = streams.description
        let readers = await streams.start(connection.client) { arrival in
            switch arrival {
            case .event(let event, let isolatedSymbol):
                feed.push(event, isolatedSymbol: isolatedSymbol)
                show(event, isolatedSymbol: isolatedSymbol, on: board)
            case .notice(let text):
                feed.push(notice: text)
                board.post("events: " + text)
            }
        }
        guard readers.accountConnected > 0 else {
            readers.stop()
            return polled(connection, on: board, because: streams.unconnected(readers))
        }
        if let shortfall = readers.shortfall { board.post("events: " + shortfall, urgent: true) }
        return SessionEvents(feed: feed, board: board, stopping: { readers.stop() })
    }

    /// The fallback: the account read every 2 s while watching, its changes shown on `board`; no feed.
    private static func polled(_ connection: BackendConnection, on board: EventBoard, because reason: String?) -> SessionEvents {
        board.source = "polled every 2s while watching: balances, debts and the margin status over REST; fills and orders are not seen"
            + (reason.map { " (\($0))" } ?? "")
        let client = connection.client
        let poller = Task {
            var poller = AccountPoller(client: client)
            var polling = false
            while !Task.isCancelled {
                if board.watching {
                    let events = (try? await poller.poll()) ?? []
                    for event in events where polling { show(event, isolatedSymbol: nil, on: board) }
                    polling = true
                } else {
                    polling = false
                    poller = AccountPoller(client: client)
                }
                try? await Task.sleep(for: .seconds(2))
            }
        }
        return SessionEvents(feed: nil, board: board, stopping: { poller.cancel() })
    }

    /// Posts `event`'s line (none for market data); a forced liquidation shows even when not watching.
    private static func show(_ event: StreamEvent, isolatedSymbol: String?, on board: EventBoard) {
        if let line = EventText.line(event, isolatedSymbol: isolatedSymbol) { board.post(line, urgent: EventText.isLiquidation(event)) }
    }
}
