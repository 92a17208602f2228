// swift-tools-version:6.1
// The in-process account-read benchmark (bench/account-read.sh): N × `let x = marginLevel` and
// N × (`sim price` + `marginLevel`) through the embedded simulator, built in release as a separate
// package so the same source can be built against an older commit of mops in the same run.
import PackageDescription

let package = Package(
    name: "account-read-bench",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "mops", path: "../..")],
    targets: [
        .executableTarget(
            name: "AccountReadBench",
            dependencies: [
                .product(name: "Mops", package: "mops"),
                .product(name: "MarginSim", package: "mops"),
                .product(name: "BinanceMargin", package: "mops"),
            ]
        ),
    ]
)
