// swift-tools-version:6.1
// The Swift side of bench/server.sh's client comparison: N sequential signed requests through
// BinanceMargin (MarginClient + HTTPTransport). A separate package so the benchmark builds only
// BinanceMargin in release, not the whole mops stack.
import PackageDescription

let package = Package(
    name: "client-bench",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "mops", path: "../..")],
    targets: [
        .executableTarget(
            name: "ClientBench",
            dependencies: [.product(name: "BinanceMargin", package: "mops")]
        ),
    ]
)
