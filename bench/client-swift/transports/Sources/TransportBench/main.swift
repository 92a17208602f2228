// URLSession vs AsyncHTTPClient as BinanceMargin's transport, measured in one run.
//
//     TransportBench serve               prints the base URL of a `mops sim serve` server, serves until killed
//     TransportBench compare URL N       for each of 3 rounds (clients alternate who goes first):
//                                        N sequential `GET /api/v3/ping` through each transport,
//                                        N sequential `POST /sim/price` (HTTPTransport sends every
//                                        non-GET on a fresh connection: see its documentation), then
//                                        N sequential signed `GET /sapi/v1/margin/account` through
//                                        MarginClient on each transport; prints per-request means and ratios.
import AsyncHTTPClient
import BinanceMargin
import Foundation
import MarginSim
import MarginSimServer

let arguments = CommandLine.arguments

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

/// Elapsed microseconds of `body`.
func measure(_ body: () async throws -> Void) async rethrows -> Int64 {
    let clock = ContinuousClock()
    let start = clock.now
    try await body()
    let elapsed = (clock.now - start).components
    return elapsed.seconds * 1_000_000 + elapsed.attoseconds / 1_000_000_000_000
}

/// `a/b` with two places, without floating point.
func ratio(_ a: Int64, _ b: Int64) -> String {
    let hundredths = (a * 100 + b / 2) / b
    return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
}

switch arguments.dropFirst().first {
case "serve":
    let server = SandboxServer(simulator: MarginSimulator())
    try await server.runUntilSignalled { url in
        FileHandle.standardOutput.write(Data((url.absoluteString + "\n").utf8))
    }

case "compare":
    guard arguments.count == 4, let baseURL = URL(string: arguments[2]), let count = Int(arguments[3]), count > 0 else {
        fail("usage: TransportBench compare BASE_URL N")
    }
    let ahc = HTTPClient(eventLoopGroupProvider: .singleton)
    let transports: [(name: String, transport: any Transport)] = [
        ("URLSession (HTTPTransport)", try HTTPTransport(baseURL: baseURL)),
        ("AsyncHTTPClient 1.37.0", AHCTransport(baseURL: baseURL, client: ahc)),
    ]
    let credentials = try Credentials.hmac(apiKey: DemoCredentials.apiKey, secret: DemoCredentials.secret)
    var clients: [MarginClient] = []
    for (_, transport) in transports {
        let client = try MarginClient(configuration: .init(transport: transport, credentials: credentials, recvWindow: 60000))
        _ = try await client.crossAccount()   // warm-up: connection, time sync
        clients.append(client)
    }
    let ping = TransportRequest(method: .get, path: "/api/v3/ping")
    let post = TransportRequest(method: .post, path: "/sim/price", query: "symbol=BTCUSDT&price=60000")
    var pingTotals = [Int64](repeating: 0, count: transports.count)
    var postTotals = [Int64](repeating: 0, count: transports.count)
    var accountTotals = [Int64](repeating: 0, count: transports.count)
    print("round  client                          GET ping µs  POST µs  signed account µs  (per request)")
    for round in 0..<3 {
        let order = round % 2 == 0 ? Array(transports.indices) : transports.indices.reversed()
        for index in order {
            let transport = transports[index].transport
            try await clients[index].simReset()   // a fresh weight window (the simulator enforces Binance's limits)
            for _ in 0..<10 { _ = try await transport.send(ping) }
            let pingMicros = try await measure {
                for _ in 0..<count {
                    let response = try await transport.send(ping)
                    precondition(response.status == 200)
                }
            }
            let postMicros = try await measure {
                for _ in 0..<count {
                    let response = try await transport.send(post)
                    precondition(response.status == 200)
                }
            }
            try await clients[index].simReset()   // a fresh weight window for the account run
            let accountMicros = try await measure {
                for _ in 0..<count {
                    let account = try await clients[index].crossAccount()
                    precondition(!account.userAssets.isEmpty)
                }
            }
            pingTotals[index] += pingMicros
            postTotals[index] += postMicros
            accountTotals[index] += accountMicros
            print("\(round + 1)      \(transports[index].name.padding(toLength: 32, withPad: " ", startingAt: 0))"
                + "\(pingMicros / Int64(count))".padding(toLength: 13, withPad: " ", startingAt: 0)
                + "\(postMicros / Int64(count))".padding(toLength: 9, withPad: " ", startingAt: 0)
                + "\(accountMicros / Int64(count))")
        }
    }
    let requests = Int64(count * 3)
    print("")
    print("mean per request, \(requests) requests each:")
    for index in transports.indices {
        print("  \(transports[index].name): GET ping \(pingTotals[index] / requests) µs, POST \(postTotals[index] / requests) µs, "
            + "signed account \(accountTotals[index] / requests) µs")
    }
    print("URLSession / AsyncHTTPClient: GET ping \(ratio(pingTotals[0], pingTotals[1])), POST \(ratio(postTotals[0], postTotals[1])), "
        + "signed account \(ratio(accountTotals[0], accountTotals[1]))")
    try await ahc.shutdown().get()

default:
    fail("usage: TransportBench serve | TransportBench compare BASE_URL N")
}
