// swift-tools-version:6.1
// The durable-state benchmark (bench/durable.sh): write rates with --state against in memory,
// after a short and a 100,000-order history, start-up time and memory, in one release run.
import PackageDescription

let package = Package(
    name: "durable-bench",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "mops", path: "../..")],
    targets: [
        .executableTarget(
            name: "DurableBench",
            dependencies: [
                .product(name: "MarginSim", package: "mops"),
                .product(name: "BinanceMargin", package: "mops"),
            ]
        ),
    ]
)
