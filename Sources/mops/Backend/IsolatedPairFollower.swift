import BinanceMargin
import BinanceMarginStreams
import Foundation
import Synchronization

/// Starts reading the user-data stream of each isolated pair that comes to hold or owe something after the
/// streams started, so `mops watch`, the REPL and a script's handlers follow a pair opened while they run.
///
/// It reads the isolated accounts over REST when the cross account's balance changes (a transfer into a pair
/// moves it: ``nudge()``) and every ``BackendStreams/followInterval`` otherwise (a transfer from spot moves
/// none) — at most one read per second, and at most ``BackendStreams/isolatedLimit`` pairs followed in all.
/// A pair is said (a notice) once its stream is connected: its events from then on are seen, not those before.
final class IsolatedPairFollower: Sendable {
    private struct State {
        var followed: Set<String>
        var readers: [Task<Void, Never>] = []
        var stopped = false
    }

    private let state: Mutex<State>
    private let wakes: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    /// A follower that already reads the pairs `followed`.
    init(following followed: Set<String>) {
        state = Mutex(State(followed: followed))
        (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks for a read of the isolated accounts soon (wakes that come while one is pending are one).
    func nudge() { wake.yield() }

    /// Follows new pairs until ``stop()``: the task that does it.
    func start(_ client: MarginClient, endpoints: StreamEndpoints, every interval: Duration,
               sink: @escaping @Sendable (BackendStreams.Arrival) -> Void) -> Task<Void, Never> {
        let wake = self.wake
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                wake.yield()
            }
        }
        return Task {
            defer { ticker.cancel() }
            for await _ in wakes {
                if Task.isCancelled { break }
                await check(client, endpoints: endpoints, sink: sink)
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// Stops the readers it started and its own reads.
    func stop() {
        let readers = state.withLock { s in
            s.stopped = true
            return s.readers
        }
        readers.forEach { $0.cancel() }
        wake.finish()
    }

    /// Reads which isolated pairs hold or owe something and starts a reader for each one not yet followed.
    private func check(_ client: MarginClient, endpoints: StreamEndpoints, sink: @escaping @Sendable (BackendStreams.Arrival) -> Void) async {
        let held = await BackendStreams.heldIsolatedPairs(client)
        let fresh: [String] = state.withLock { s in
            guard !s.stopped else { return [] }
            let room = max(BackendStreams.isolatedLimit - s.followed.count, 0)
            let new = Array(held.filter { !s.followed.contains($0) }.prefix(room))
            s.followed.formUnion(new)
            return new
        }
        for symbol in fresh { await follow(symbol, client, endpoints: endpoints, sink: sink) }
    }

    /// Starts reading `symbol`'s user-data stream and says so once it is connected (or that it is not, after 10 s).
    private func follow(_ symbol: String, _ client: MarginClient, endpoints: StreamEndpoints,
                        sink: @escaping @Sendable (BackendStreams.Arrival) -> Void) async {
        let connected = ConnectedCount()
        let reading = BackendStreams.Reading(stream: .userData(isolatedSymbol: symbol), url: endpoints.market, isolatedSymbol: symbol)
        let reader = BackendStreams.reader(reading, endpoints: endpoints, client: client) { connected.add(0) }
        let task = Task { await BackendStreams.pump(reader, isolatedSymbol: symbol, into: sink) }
        let kept = state.withLock { s in
            if !s.stopped { s.readers.append(task) }
            return !s.stopped
        }
        guard kept else { return task.cancel() }
        let deadline = ContinuousClock.now + .seconds(10)
        while connected.value == 0, ContinuousClock.now < deadline, !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(20))
        }
        sink(.notice(connected.value > 0
            ? "following isolated pair \(symbol) from now: it came to hold or owe something after the streams started"
            : "isolated pair \(symbol) came to hold or owe something; its stream was not connected after 10s (still trying)"))
    }
}
