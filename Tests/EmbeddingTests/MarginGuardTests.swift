import Foundation
import ProcessTestSupport
import Synchronization
import Testing

/// Runs the built `margin-guard` executable (examples/embedding/MarginGuard) and checks its output and exit code.
@Suite("Embedding: margin-guard executable")
struct MarginGuardTests {
    /// The result of one run.
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// `$MARGIN_GUARD_BIN`, or the `margin-guard` SwiftPM built beside the test bundle (`swift build --build-tests` builds it).
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["MARGIN_GUARD_BIN"] { return URL(fileURLWithPath: path) }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while directory.path.contains(".xctest") { directory = directory.deletingLastPathComponent() }
        return directory.appendingPathComponent("margin-guard")
    }

    /// The `mops` executable beside it (for `mops sim serve`).
    static var mopsBinary: URL { binary.deletingLastPathComponent().appendingPathComponent("mops") }

    /// The child's environment: no real credentials, an empty config directory, then `extra`.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BINANCE_") }
        env["XDG_CONFIG_HOME"] = FileManager.default.temporaryDirectory.appendingPathComponent("margin-guard-tests-\(UUID())").path
        env.merge(extra) { _, new in new }
        return env
    }

    static func requireBuilt(_ url: URL) throws {
        try #require(FileManager.default.isExecutableFile(atPath: url.path),
                     "\(url.lastPathComponent) is not built at \(url.path); run `swift build --build-tests` (or set MARGIN_GUARD_BIN)")
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        try requireBuilt(binary)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = Self.environment(environment)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // A guard still running after two minutes is terminated: the test fails on its output instead of hanging.
        DispatchQueue.global().asyncAfter(deadline: .now() + 120) { if process.isRunning { process.terminate() } }
        // Read both pipes to the end before waiting, so a full pipe can never block the child.
        let stderrReader = PipeReader(err)
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let status = process.waitForExit(timeout: 130)
        return Run(status: status, stdout: String(decoding: stdoutData, as: UTF8.self),
                   stderr: String(decoding: stderrReader.result(), as: UTF8.self))
    }

    @Test("--sim --rehearse: the guard alerts, repays through the confirmation hook, then holds; exit 0")
    func rehearsal() throws {
        let run = try Self.run(["--sim", "--rehearse", "--iterations", "3", "--interval", "0s", "--floor", "1.5"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "margin-guard: simulator (in-process, scenario default); floor 1.5; USDT debt; every 0ms; 3 ticks")
        #expect(lines.contains("ALERT margin level 1.4292 is below the floor 1.5"))
        #expect(lines.contains("  sending: repay 7000 USDT"))
        #expect(lines.contains("tick 1: margin level 1.4292; sent: repay 7000 USDT"))
        #expect(lines.contains("tick 2: margin level 1.6603"))
        #expect(lines.last == "tick 3: margin level 1.6603")
        #expect(run.stderr.isEmpty)
    }

    @Test("the default backend is the in-process simulator; a healthy account is left alone")
    func healthyAccount() throws {
        let run = try Self.run(["--iterations", "2", "--interval", "1ms"])
        #expect(run.status == 0)
        #expect(!run.stdout.contains("ALERT"))
        #expect(run.stdout.contains("tick 2: margin level "))
    }

    @Test("a guard script with errors exits 65 with rendered diagnostics on stderr and sends nothing")
    func badScript() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("guard-\(UUID()).mops")
        try "if marginLevl < floor { notify(\"x\", \"y\") }\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try Self.run(["--script", file.path, "--iterations", "1"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("\(file.path):1:4: error: "))
        #expect(!run.stdout.contains("tick"))
    }

    @Test("bad arguments exit 64 and name the fix")
    func usage() throws {
        let floor = try Self.run(["--floor", "abc"])
        #expect(floor.status == 64)
        #expect(floor.stderr.contains("--floor needs a decimal above zero such as 1.5, found 'abc'"))
        let both = try Self.run(["--sim", "--base-url", "http://127.0.0.1:1"])
        #expect(both.status == 64)
        #expect(both.stderr.contains("--sim and --base-url name two backends"))
        let interval = try Self.run(["--interval", "soon"])
        #expect(interval.status == 64)
    }

    @Test("a live base URL without --live exits 64 naming --live before anything is sent, as the CLI does")
    func liveRefused() throws {
        for url in ["https://api.binance.com", "https://API.Binance.com.", "https://testnet.binance.vision"] {
            let run = try Self.run(["--base-url", url, "--iterations", "1"],
                                   environment: ["BINANCE_API_KEY": "test-key", "BINANCE_API_SECRET": "test-secret-never-printed"])
            #expect(run.status == 64, "\(url): \(run.stderr)")
            #expect(run.stderr.contains("is live Binance; add --live"))
            #expect(!run.stdout.contains("tick"))
            #expect(!run.stdout.contains("test-secret-never-printed") && !run.stderr.contains("test-secret-never-printed"))
        }
    }

    @Test("plain http:// to a Binance host is refused with exit 64, with or without --live")
    func plainHTTPToBinanceRefused() throws {
        for arguments in [["--base-url", "http://api.binance.com"], ["--base-url", "http://api.binance.com", "--live"]] {
            let run = try Self.run(arguments + ["--iterations", "1"],
                                   environment: ["BINANCE_API_KEY": "test-key", "BINANCE_API_SECRET": "test-secret-never-printed"])
            #expect(run.status == 64, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("is a Binance host over plain http://; Binance is reached only over https://"))
            #expect(!run.stdout.contains("tick"))
        }
    }
}

extension MarginGuardTests {
    @Test("--base-url: the guard runs against `mops sim serve` over HTTP on 127.0.0.1")
    func againstServedSimulator() throws {
        try Self.requireBuilt(Self.mopsBinary)
        try Self.requireBuilt(Self.binary)
        let server = try ChildProcess(Self.mopsBinary, ["sim", "serve", "--host", "127.0.0.1", "--port", "0"], environment: Self.environment())
        defer { server.send(SIGTERM); _ = server.finish() }
        let banner = try #require(server.waitForLine { $0.contains("Base URL") }, "mops sim serve printed no base URL")
        let url = try #require(banner.split(separator: " ").last.map(String.init))
        #expect(url.hasPrefix("http://127.0.0.1:"))
        let run = try Self.run(["--base-url", url, "--rehearse", "--iterations", "2", "--interval", "0s"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.hasPrefix("margin-guard: simulator at \(url); floor 1.5; USDT debt; every 0ms; 2 ticks\n"))
        #expect(run.stdout.contains("tick 1: margin level 1.4292; sent: repay 7000 USDT\n"))
        #expect(run.stdout.hasSuffix("tick 2: margin level 1.6603\n"))
    }

    @Test("SIGINT between ticks stops the guard with exit 130 and says nothing was in flight")
    func interrupted() throws {
        try Self.requireBuilt(Self.binary)
        let guardProcess = try ChildProcess(Self.binary, ["--iterations", "5", "--interval", "1h"], environment: Self.environment())
        let first = guardProcess.waitForLine { $0.hasPrefix("tick 1:") }
        #expect(first != nil)
        guardProcess.send(SIGINT)
        let result = guardProcess.finish()
        #expect(result.status == 130)
        #expect(result.stdout.hasSuffix("margin-guard: interrupted between ticks; nothing in flight\n"))
        #expect(!result.stdout.contains("tick 2:"))
    }
}

/// A pipe read to its end on a background thread, so the child never blocks on a full pipe.
final class PipeReader: Sendable {
    private let data = Mutex<Data?>(nil)
    private let done = DispatchSemaphore(value: 0)

    /// Starts reading `pipe`.
    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        Thread { [self] in
            let bytes = handle.readDataToEndOfFile()
            data.withLock { $0 = bytes }
            done.signal()
        }.start()
    }

    /// Waits for the end of the pipe and returns everything read.
    func result() -> Data {
        done.wait()
        return data.withLock { $0 ?? Data() }
    }
}
