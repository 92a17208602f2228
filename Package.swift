// swift-tools-version:6.1
import PackageDescription

// Dependencies point one way:
//   mops → MopsREPL → Mops → BinanceMargin ← MarginSim ← MarginSimServer
//                            BinanceMargin ← BinanceMarginStreams (the WebSocket stream client; NIO, kept out of the core)
// The language never imports the simulator; the `mops` executable (and the tests) wire them together.

// scripts/fuzz sets MOPS_FUZZ_BUILD=1: this package's own targets get libFuzzer's instrumentation and the fuzz
// executables its driver, while the dependencies build as for any release — so the fuzz build reuses them.
let fuzzBuild = Context.environment["MOPS_FUZZ_BUILD"] == "1"
let fuzzSwift: [SwiftSetting] = fuzzBuild ? [.unsafeFlags(["-sanitize=fuzzer", "-DFUZZING"])] : []
let fuzzLink: [LinkerSetting] = fuzzBuild ? [.unsafeFlags(["-sanitize=fuzzer", "-Xclang-linker", "-fuse-ld=lld"])] : []

let package = Package(
    name: "mops",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "BinanceMargin", targets: ["BinanceMargin"]),
        .library(name: "BinanceMarginStreams", targets: ["BinanceMarginStreams"]),
        .library(name: "MarginSim", targets: ["MarginSim"]),
        .library(name: "MarginSimServer", targets: ["MarginSimServer"]),
        .library(name: "Mops", targets: ["Mops"]),
        .executable(name: "mops", targets: ["mops"]),
        .executable(name: "margin-guard", targets: ["MarginGuard"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // The streams (docs/streams.md): the server's WebSocket upgrade and the stream client's WebSocket client.
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket", from: "1.6.2"),
        // Already in the graph through Hummingbird; named because MarginSimServer imports them itself.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // The shared client library: exact decimals, models, endpoints, signing, time sync,
        // rate limits, retries and order reconciliation, typed errors, the Transport protocol.
        .target(
            name: "BinanceMargin",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: fuzzSwift
        ),
        // The margin streams as typed AsyncSequences over WebSockets (listenKeys, keepalive, reconnect, resync).
        .target(
            name: "BinanceMarginStreams",
            dependencies: [
                "BinanceMargin",
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The simulated exchange: engine (ledger, loans, interest, risk, matching, clock),
        // the Binance REST handler, the in-process transport and persistence.
        .target(
            name: "MarginSim",
            dependencies: [
                "BinanceMargin",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: fuzzSwift
        ),
        // Hummingbird adapter that serves the REST handler over HTTP (`mops sim serve`).
        .target(
            name: "MarginSimServer",
            dependencies: [
                "MarginSim",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The language: syntax, semantics, builtins, diagnostics and the embedding façade.
        .target(name: "Mops", dependencies: ["BinanceMargin"], swiftSettings: fuzzSwift),
        // libedit, through pkg-config (apt: libedit-dev).
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        // The REPL's SIGINT handler and its state: a real C target, so each variable exists once.
        .target(name: "CSignals"),
        .target(name: "MopsREPL", dependencies: ["Mops", "CEditLine", "CSignals"]),
        .executableTarget(
            name: "mops",
            dependencies: [
                "MopsREPL", "Mops", "MarginSim", "MarginSimServer", "BinanceMargin", "BinanceMarginStreams",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "MarginGuard",
            dependencies: [
                "Mops", "MarginSim", "BinanceMargin",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "examples/embedding/MarginGuard"
        ),
        // Fuzz targets (scripts/fuzz): built with MOPS_FUZZ_BUILD=1 (`-sanitize=fuzzer -DFUZZING`) they are libFuzzer binaries;
        // built plainly (as `swift build` does) they replay saved inputs, which is how CI re-runs the corpus.
        .target(name: "CLibFuzzer", path: "Fuzz/CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"], path: "Fuzz/FuzzSupport", swiftSettings: fuzzSwift),
        .executableTarget(
            name: "FuzzLanguage",
            dependencies: ["FuzzSupport", "Mops", "MarginSim", "BinanceMargin"],
            path: "Fuzz/FuzzLanguage",
            swiftSettings: fuzzSwift,
            linkerSettings: fuzzLink
        ),
        .executableTarget(
            name: "FuzzSandbox",
            dependencies: ["FuzzSupport", "MarginSim", "BinanceMargin", .product(name: "Crypto", package: "swift-crypto")],
            path: "Fuzz/FuzzSandbox",
            swiftSettings: fuzzSwift,
            linkerSettings: fuzzLink
        ),
        .executableTarget(
            name: "FuzzFiles",
            dependencies: ["FuzzSupport", "MarginSim", "BinanceMargin"],
            path: "Fuzz/FuzzFiles",
            swiftSettings: fuzzSwift,
            linkerSettings: fuzzLink
        ),
        .testTarget(name: "BinanceMarginTests", dependencies: ["BinanceMargin"]),
        .testTarget(name: "MarginSimTests", dependencies: ["MarginSim", "BinanceMargin", "ProcessTestSupport"]),
        .testTarget(
            name: "MopsTests",
            dependencies: ["Mops", "MarginSim", "BinanceMargin"],
            resources: [.copy("Specs")]
        ),
        // Helpers for the tests that drive child processes (mops, tmux): their waits kept off the shared threads.
        .target(name: "ProcessTestSupport", path: "Tests/ProcessTestSupport"),
        .testTarget(name: "MopsREPLTests", dependencies: ["MopsREPL", "Mops", "MarginSim", "ProcessTestSupport"]),
        .testTarget(name: "EmbeddingTests", dependencies: ["Mops", "MarginSim", "BinanceMargin", "ProcessTestSupport"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["BinanceMargin", "BinanceMarginStreams", "MarginSim", "MarginSimServer", "Mops", "ProcessTestSupport"]
        ),
        // Runs the built `mops` binary (stdout, stderr, exit codes); `swift build --build-tests` builds it.
        // Also unit-tests the executable's backend helpers (`@testable import mops`).
        .testTarget(name: "CLITests", dependencies: ["mops", "MarginSim", "BinanceMargin", "ProcessTestSupport"]),
    ]
)
