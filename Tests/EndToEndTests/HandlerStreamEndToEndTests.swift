import BinanceMargin
import BinanceMarginStreams
import Foundation
import MarginSim
import Mops
import Synchronization
import Testing

/// The language's handlers driven over real WebSockets on 127.0.0.1: `MarginStream`s of a served sandbox feed an
/// `EventFeed` (what a host does for a network backend), and a script's `on fill` / `on marginStatus` handlers run.
@Suite("Handlers over the network")
struct HandlerStreamEndToEndTests {
    /// Pushes a stream's updates into `feed`: events as they are, gaps and resyncs as notices.
    static func pump(_ stream: MarginStream, into feed: EventFeed, isolatedSymbol: String? = nil) -> Task<Void, Never> {
        Task {
            do {
                for try await update in stream {
                    switch update {
                    case .event(let event): feed.push(event, isolatedSymbol: isolatedSymbol)
                    case .resynced: feed.push(notice: "resynced over REST after a gap")
                    case .disconnected(let reason, let retry): feed.push(notice: "stream lost (\(reason)); retrying in \(retry)")
                    }
                }
            } catch {
                feed.push(notice: "the stream ended: \(error)")
            }
        }
    }

    @Test("a fill and a margin call reach the script's handlers through the user-data and risk streams")
    func handlersOverWebSockets() async throws {
        try await StreamSandbox.run { sandbox in
            let feed = EventFeed(description: "streamed from \(sandbox.url.absoluteString)")
            let streams: [MarginStream.Stream] = [.crossUserData, .risk, .market(["btcusdt@trade"])]
            let pumps = streams.map {
                HandlerStreamEndToEndTests.pump(MarginStream(client: sandbox.client, stream: $0,
                                                             configuration: .init(streamURL: sandbox.streamURL, initialBackoff: .milliseconds(20))),
                                                into: feed)
            }
            defer { pumps.forEach { $0.cancel() } }
            #expect(await sandbox.eventually { sandbox.streams.hub.subscriberCount == 3 })
            let lines = Mutex<[String]>([])
            let interpreter = Interpreter(configuration: .init(
                backend: .connected(to: sandbox.client, name: "sandbox", clock: WallClock()),
                output: { event in if case .line(let text) = event { lines.withLock { $0.append(text) } } },
                timeLimitMilliseconds: 30_000, events: feed))
            let outcome = await interpreter.run(Source(name: "net.mops", text: """
                let seen = 0
                on fill BTCUSDT {
                    print "fill {event.side} {event.qty} at {event.price}"
                    seen = seen + 1
                    if seen == 2 { exit }
                }
                on marginStatus MARGIN_CALL {
                    print "margin call at {event.level}"
                    seen = seen + 1
                    if seen == 2 { exit }
                }
                borrow 20000 USDT
                buy 0.4 BTCUSDT
                sim shock BTCUSDT -20%
                watch for 20s
                print "not reached"
                """))
            #expect(outcome.status == .ok, "\(outcome.diagnostics)")
            let level = try await sandbox.client.crossAccount().marginLevel
            #expect(lines.withLock { $0.sorted() } == ["fill BUY 0.4 at 60000", "margin call at \(level)"])
        }
    }
}
