// swift-tools-version:6.1
// The streams benchmark (bench/streams.sh): events/s fanned out to 100 WebSocket subscribers over 127.0.0.1,
// and the time from a `/sim/price` request to its trade event at a subscriber. A separate package so the
// release build holds only what the sandbox server needs.
import PackageDescription

let package = Package(
    name: "stream-bench",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "mops", path: "../.."),
        .package(url: "https://github.com/hummingbird-project/swift-websocket", from: "1.6.2"),
    ],
    targets: [
        .executableTarget(
            name: "StreamBench",
            dependencies: [
                .product(name: "BinanceMargin", package: "mops"),
                .product(name: "BinanceMarginStreams", package: "mops"),
                .product(name: "MarginSim", package: "mops"),
                .product(name: "MarginSimServer", package: "mops"),
                .product(name: "Mops", package: "mops"),
                .product(name: "WSClient", package: "swift-websocket"),
            ]
        ),
    ]
)
