// Times N sequential signed GET /sapi/v1/margin/account through BinanceMargin.
//
//     ClientBench BASE_URL API_KEY API_SECRET N
//
// Prints `binancemargin SECONDS N`, the same line format as bench/clients.py.
import BinanceMargin
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 5, let baseURL = URL(string: arguments[1]), let count = Int(arguments[4]), count > 0 else {
    FileHandle.standardError.write(Data("usage: ClientBench BASE_URL API_KEY API_SECRET N\n".utf8))
    exit(2)
}
let client = try MarginClient(configuration: .init(
    transport: try HTTPTransport(baseURL: baseURL),
    credentials: try .hmac(apiKey: arguments[2], secret: arguments[3])
))
try await client.simReset()
_ = try await client.crossAccount()  // warm-up: connection, time sync

let clock = ContinuousClock()
let start = clock.now
for _ in 0..<count {
    let account = try await client.crossAccount()
    precondition(!account.userAssets.isEmpty)
}
let elapsed = (clock.now - start).components
let micros = elapsed.seconds * 1_000_000 + elapsed.attoseconds / 1_000_000_000_000
print("binancemargin \(micros / 1_000_000).\(String(repeating: "0", count: 6 - String(micros % 1_000_000).count))\(micros % 1_000_000) \(count)")
