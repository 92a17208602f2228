import BinanceMargin
import Foundation
@testable import MarginSim
import Testing

/// The fan-out is bounded: publishing never waits, a subscriber that falls `capacity` behind is dropped (and
/// knows it), the others keep everything, and listenKey expiry reaches only that key's subscribers.
@Suite("Stream hub")
struct StreamHubTests {
    static func event(_ i: Int, _ route: StreamRoute = .risk) -> PublishedEvent {
        PublishedEvent(route: route, payload: #"{"e":"USER_LIABILITY_CHANGE","E":\#(i),"a":"BTC","t":"BORROW","p":"1","i":"0"}"#)
    }

    @Test("a slow subscriber is dropped at its capacity; a reader and other routes are unaffected (seeded sizes)")
    func slowSubscriberDropped() async {
        var random = SplitMix64(seed: 5)
        for _ in 0..<20 {
            let capacity = Int(random.next(upTo: 64)) + 1, published = capacity + Int(random.next(upTo: 64))
            let hub = StreamHub(capacity: capacity)
            let slow = hub.subscribe([.init(name: "risk", route: .risk)])
            let other = hub.subscribe([.init(name: "user", route: .crossUserData)])
            let reader = hub.subscribe([.init(name: "risk", route: .risk)])
            var read = 0
            var iterator = reader.deliveries.makeAsyncIterator()
            for i in 0..<published {
                hub.publish([Self.event(i)])
                if await iterator.next() != nil { read += 1 }
            }
            var kept = 0
            for await _ in slow.deliveries { kept += 1 }   // ends: the hub finished it
            #expect(slow.overflowed == (published > capacity) && kept == min(capacity, published))
            #expect(read == published && !reader.overflowed && !other.overflowed)
            #expect(hub.subscriberCount == (published > capacity ? 2 : 3))
        }
    }

    @Test("listenKeyExpired goes to that key's subscribers only, who then lose the key")
    func expiry() async {
        let hub = StreamHub()
        let keyed = hub.subscribe([.init(name: "KEY1", route: .crossUserData), .init(name: "btcusdt@trade", route: .market(stream: "btcusdt@trade"))])
        let other = hub.subscribe([.init(name: "KEY2", route: .crossUserData)])
        hub.publish([PublishedEvent(route: .listenKey("KEY1"), payload: #"{"e":"listenKeyExpired","E":1,"listenKey":"KEY1"}"#), Self.event(2, .crossUserData)])
        #expect(keyed.topics.map(\.name) == ["btcusdt@trade"])
        keyed.cancel()
        other.cancel()
        var keyedTypes: [String] = [], otherTypes: [String] = []
        for await delivery in keyed.deliveries { keyedTypes.append(delivery.event.event.type) }
        for await delivery in other.deliveries { otherTypes.append(delivery.event.event.type) }
        #expect(keyedTypes == ["listenKeyExpired"] && otherTypes == ["USER_LIABILITY_CHANGE"])
        #expect(hub.subscriberCount == 0 && !hub.isListening)
    }
}
