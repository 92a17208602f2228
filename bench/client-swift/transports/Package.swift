// swift-tools-version:6.1
// URLSession (BinanceMargin's HTTPTransport) against a minimal AsyncHTTPClient transport, in the same
// run, against the same `mops sim serve` server (started by this tool in a separate process).
// A package of its own so that the NIO/AsyncHTTPClient build cost never reaches mops or bench/server.sh.
//
//     swift build -c release --package-path bench/client-swift/transports
//     TransportBench serve                 # prints the base URL, serves until killed
//     TransportBench compare BASE_URL N    # N sequential GETs per client and round, 3 rounds
import PackageDescription

let package = Package(
    name: "transport-bench",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "mops", path: "../../.."),
        .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
    ],
    targets: [
        .executableTarget(
            name: "TransportBench",
            dependencies: [
                .product(name: "BinanceMargin", package: "mops"),
                .product(name: "MarginSim", package: "mops"),
                .product(name: "MarginSimServer", package: "mops"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
    ]
)
