// swift-tools-version:6.1
// The matching benchmark (bench/matching.sh): orders/s through the order book, in process, on a deep
// book, beside /api/v3/ping on the same request path.
import PackageDescription

let package = Package(
    name: "matching-bench",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "mops", path: "../..")],
    targets: [
        .executableTarget(
            name: "MatchingBench",
            dependencies: [
                .product(name: "MarginSim", package: "mops"),
                .product(name: "BinanceMargin", package: "mops"),
            ]
        ),
    ]
)
