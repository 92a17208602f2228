import BinanceMargin
import Foundation
import Logging
import MarginSim
import MarginSimServer
import Synchronization
import WSClient

// Usage: StreamBench [subscribers] [events] [latency-samples]   (default 100 2000 300)
// 1. fan-out: `subscribers` WebSocket clients follow btcusdt@trade; `events` price moves are made in process
//    (one trade event each); reported: events/s and deliveries/s until every subscriber has every event — and the
//    same with one subscriber first, the baseline of the ratio.
// 2. latency: one subscriber; `samples` times, POST /sim/price over HTTP and wait for its trade event;
//    reported: p50 / p90 / p99 / max in µs.
// 3. handler latency: the time from a price move to a script's handler running, in process and over the network
//    (HandlerLatency.swift); `samples` times each.
let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let subscribers = arguments.count > 0 ? arguments[0] : 100
let events = arguments.count > 1 ? arguments[1] : 2000
let samples = arguments.count > 2 ? arguments[2] : 300

let sandbox = try await BenchSandbox.start()
let single = try await FanOut.run(sandbox, subscribers: 1, events: events)
let many = try await FanOut.run(sandbox, subscribers: subscribers, events: events)
FanOut.report(single, baseline: single)
FanOut.report(many, baseline: single)
let trade = try await TradeLatency.run(sandbox, samples: samples)
Percentiles.report("latency /sim/price → trade event (HTTP request + WebSocket frame)", trade)
Percentiles.report("latency price move → script handler running, in process",
                   try await HandlerLatency.inProcess(samples: samples))
Percentiles.report("latency price move → script handler running, over the network (HTTP + WebSocket)",
                   try await HandlerLatency.overNetwork(client: sandbox.client, streamURL: sandbox.streamURL, samples: samples) {
                       await sandbox.waitFor { sandbox.streams.hub.subscriberCount == 1 }
                   })
await sandbox.stop()
