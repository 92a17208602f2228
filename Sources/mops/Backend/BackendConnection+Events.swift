import BinanceMargin
import MarginSim
import Mops

extension BackendConnection {
    /// The backend's events for the language's handlers: the embedded simulator's engine events, pushed as they
    /// happen; nil over the network (the `mops` executable does not link the stream client yet, so handlers there
    /// poll the margin level — the run's notice says so).
    func eventFeed() async -> EventFeed? {
        guard let simulator else { return nil }
        let feed = EventFeed(description: "streamed from the embedded simulator")
        await simulator.attach(EventForwarder(isListening: { feed.isListening }, forward: { feed.push($0, isolatedSymbol: $1) }))
        return feed
    }
}
