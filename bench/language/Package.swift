// swift-tools-version:6.1
// The mops language benchmark (bench/language.sh): parse throughput and evaluation speed,
// built in release as a separate package so only the language and the simulator are compiled.
import PackageDescription

let package = Package(
    name: "language-bench",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "mops", path: "../..")],
    targets: [
        .executableTarget(
            name: "LanguageBench",
            dependencies: [
                .product(name: "Mops", package: "mops"),
                .product(name: "MarginSim", package: "mops"),
                .product(name: "BinanceMargin", package: "mops"),
            ]
        ),
    ]
)
