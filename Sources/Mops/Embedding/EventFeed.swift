import BinanceMargin
import Synchronization

/// The account's events as the host receives them — from the embedded simulator's engine, or from Binance's
/// streams — handed to an interpreter, whose `on … { }` handlers react to them (docs/language.md, "Handlers").
///
/// The host pushes; the interpreter takes what arrived at its next safe point (between statements, while a
/// script waits or watches). ``push(_:isolatedSymbol:)`` never waits and the feed never grows past
/// ``capacity`` events: when it is full the oldest is dropped and counted, and the script is told how many it
/// lost. Market trades are not queued: they only mark that prices moved (a margin-level handler then re-reads
/// the level). Nothing is kept while nobody listens (``isListening``).
///
/// ```swift
/// let feed = EventFeed(description: "streamed from the embedded simulator")
/// let interpreter = Interpreter(configuration: .init(backend: backend, events: feed))
/// // the host, for each event its stream delivers:
/// feed.push(event)
/// ```
public final class EventFeed: Sendable {
    /// How the events reach the feed, for the run's notice: `streamed from the embedded simulator`.
    public let description: String
    /// The most events kept waiting.
    public let capacity: Int

    struct Item: Sendable {
        var event: StreamEvent
        var isolatedSymbol: String?
    }

    /// What arrived since the last ``take()``.
    struct Batch: Sendable {
        var items: [Item] = []
        var notices: [String] = []
        /// Events dropped because the feed was full.
        var lost = 0
        /// Whether a market trade arrived (prices moved).
        var pricesMoved = false

        var isEmpty: Bool { items.isEmpty && notices.isEmpty && lost == 0 && !pricesMoved }
    }

    private struct State {
        var batch = Batch()
        var listeners = 0
        var waiter: (id: Int, continuation: CheckedContinuation<Void, Never>)?
        var nextWaiter = 0
        /// Waiters up to this id were cancelled before they could wait.
        var cancelledThrough = -1
    }

    private let state = Mutex(State())

    /// A feed described as `description` in the run's notice, keeping at most `capacity` events.
    public init(description: String, capacity: Int = 10_000) {
        self.description = description
        self.capacity = max(1, capacity)
    }

    /// Whether an interpreter (or a watcher) is listening: a host may skip producing events when not.
    public var isListening: Bool { state.withLock { $0.listeners > 0 } }

    /// Hands over one event; `isolatedSymbol` names the isolated pair whose stream it came on (nil: cross / risk).
    /// Ignored while nobody listens.
    public func push(_ event: StreamEvent, isolatedSymbol: String? = nil) {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            guard s.listeners > 0 else { return nil }
            switch event {
            case .trade: s.batch.pricesMoved = true
            case .bookTicker, .miniTicker, .unknown: return nil
            default:
                if s.batch.items.count >= capacity {
                    s.batch.items.removeFirst()
                    s.batch.lost += 1
                }
                s.batch.items.append(Item(event: event, isolatedSymbol: isolatedSymbol))
            }
            return Self.takeWaiter(&s)
        }
        waiter?.resume()
    }

    /// Hands over something the script should be told about the stream itself: a gap, a reconnect, a resync.
    public func push(notice: String) {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            guard s.listeners > 0, s.batch.notices.count < 100 else { return nil }
            s.batch.notices.append(notice)
            return Self.takeWaiter(&s)
        }
        waiter?.resume()
    }

    /// Starts or stops one listener; the feed keeps events while any listens, and forgets them when the last stops.
    func listen(_ on: Bool) {
        state.withLock { s in
            s.listeners = max(0, s.listeners + (on ? 1 : -1))
            if s.listeners == 0 { s.batch = Batch() }
        }
    }

    /// Everything that arrived since the last call.
    func take() -> Batch {
        state.withLock { s in
            defer { s.batch = Batch() }
            return s.batch
        }
    }

    /// Returns when something arrives or `milliseconds` of real time pass, whichever is first (at once if
    /// something is waiting); returns early, without throwing, when the task is cancelled.
    func waitForArrival(milliseconds: Int64) async {
        guard milliseconds > 0 else { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: .milliseconds(milliseconds)) }
            group.addTask { await self.arrival() }
            await group.next()
            group.cancelAll()
        }
    }

    private func arrival() async {
        let id = state.withLock { s in
            defer { s.nextWaiter += 1 }
            return s.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withLock { s -> Bool in
                    if !s.batch.isEmpty || id <= s.cancelledThrough { return true }
                    s.waiter = (id, continuation)
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
                s.cancelledThrough = max(s.cancelledThrough, id)
                guard let w = s.waiter, w.id == id else { return nil }
                s.waiter = nil
                return w.continuation
            }
            waiter?.resume()
        }
    }

    private static func takeWaiter(_ s: inout State) -> CheckedContinuation<Void, Never>? {
        defer { s.waiter = nil }
        return s.waiter?.continuation
    }
}
