import Foundation
import ProcessTestSupport
import Testing

/// `mops sim serve` and `mops --sim-state` as real processes: one writer per state file, and the
/// control token between a server bound beyond loopback and mops's own client.
@Suite("sim serve guards (processes)")
struct SandboxGuardCLITests {
    /// A running `mops sim serve`.
    struct Server {
        let process: Process
        let banner: String
        /// The banner's `Base URL` port.
        let port: Int

        func stop() -> Int32 {
            process.terminate()
            return process.waitForExit()
        }
    }

    /// Starts `mops sim serve --port 0 arguments…` and reads its whole banner.
    static func start(_ arguments: [String], environment: [String: String] = [:], standardError: Pipe? = nil) throws -> Server {
        let process = Process()
        process.executableURL = MopsProcess.binary
        process.arguments = ["sim", "serve", "--port", "0"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = standardError ?? FileHandle.nullDevice
        try process.run()
        var banner = ""
        while !banner.contains("Press Ctrl-C to stop.") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            banner += String(decoding: chunk, as: UTF8.self)
        }
        guard let url = banner.split(separator: "\n").first(where: { $0.contains("Base URL") })?.split(separator: " ").last,
              let port = URL(string: String(url))?.port else {
            process.terminateAndWait()
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "no banner: \(banner)"])
        }
        return Server(process: process, banner: banner, port: port)
    }

    /// Runs `mops arguments…`, killing it if it is still running after `seconds` (a second server
    /// that was wrongly let in would serve forever).
    static func runBounded(_ arguments: [String], seconds: Double = 30) throws -> MopsProcess.Result {
        let process = Process()
        process.executableURL = MopsProcess.binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            Issue.record("mops \(arguments.joined(separator: " ")) was still running after \(seconds) s")
        }
        let status = process.waitForExit()
        return MopsProcess.Result(status: status,
                                  stdout: String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
                                  stderr: String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    /// A fresh state file path in a directory removed after `body`.
    static func withStateFile<T>(_ body: (String) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mops-lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try body(directory.appendingPathComponent("sim.state").path)
    }

    @Test("a second `sim serve --state` and `mops --sim-state` on a served file stop with 69, naming the file and the holder")
    func secondProcessRefused() throws {
        try Self.withStateFile { state in
            let first = try Self.start(["--state", state])
            let holder = first.process.processIdentifier
            let second = try Self.runBounded(["sim", "serve", "--port", "0", "--state", state])
            #expect(second.status == 69, "\(second.stderr)")
            #expect(second.stdout == "")
            #expect(second.stderr == "Error: --state \(state): the simulator state file \(state) is in use by process \(holder) (lock \(state).lock); one process writes a state file at a time: stop that one, or use another file\n")
            let embedded = try Self.runBounded(["--sim-state", state, "-e", "sim deposit 5 USDT"])
            #expect(embedded.status == 69, "\(embedded.stderr)")
            #expect(embedded.stderr.contains("is in use by process \(holder)"))
            #expect(first.stop() == 0)
            // Once the holder is gone, the file is free again.
            let after = try MopsProcess.run(["--sim-state", state, "-e", "print 1"])
            #expect(after.status == 0, "\(after.stderr)")
        }
    }

    @Test("kill -9 releases the lock: a restarted server opens the file at once")
    func crashReleasesLock() throws {
        try Self.withStateFile { state in
            let first = try Self.start(["--state", state])
            kill(first.process.processIdentifier, SIGKILL)
            first.process.waitForExit()
            let second = try Self.start(["--state", state])
            #expect(second.banner.contains(state))
            #expect(second.stop() == 0)
        }
    }

    @Test("bound to 0.0.0.0 the banner prints a token; mops drives /sim/* with MOPS_SIM_CONTROL_TOKEN and is refused without it")
    func tokenBetweenServerAndClient() throws {
        let server = try Self.start(["--host", "0.0.0.0"])
        defer { _ = server.stop() }
        let line = try #require(server.banner.split(separator: "\n").first { $0.hasPrefix("  Token ") })
        let token = try #require(line.split(separator: " ").last.map(String.init))
        #expect(token.count == 64)
        let url = "http://127.0.0.1:\(server.port)"
        let script = "sim price BTCUSDT 55000\nprint price(BTCUSDT) == 55000"
        let refused = try MopsProcess.run(["-e", script, "--base-url", url])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("X-Mops-Control-Token"), "\(refused.stderr)")
        #expect(refused.stderr.contains("hint: This sandbox requires its control token: export MOPS_SIM_CONTROL_TOKEN"), "\(refused.stderr)")
        let allowed = try MopsProcess.run(["-e", script, "--base-url", url], environment: ["MOPS_SIM_CONTROL_TOKEN": token])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stdout == "true\n")
        #expect(!allowed.stderr.contains(token) && !allowed.stdout.contains(token))
    }

    @Test("a token given in the environment is required on loopback too and is not echoed in the banner")
    func givenToken() throws {
        let token = "given-token-\(UUID().uuidString)"
        let server = try Self.start([], environment: ["MOPS_SIM_CONTROL_TOKEN": token])
        defer { _ = server.stop() }
        #expect(!server.banner.contains(token))
        #expect(server.banner.contains("  Token       the one given"))
        let url = "http://127.0.0.1:\(server.port)"
        let script = "sim deposit 5 USDT\nprint price(BTCUSDT) > 0"
        let refused = try MopsProcess.run(["-e", script, "--base-url", url])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("X-Mops-Control-Token"), "\(refused.stderr)")
        let allowed = try MopsProcess.run(["-e", script, "--base-url", url], environment: ["MOPS_SIM_CONTROL_TOKEN": token])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stdout == "true\n")
    }

    @Test("a short or spaced control token is a usage error (64)")
    func weakTokenRefused() throws {
        for token in ["short", "has space in the middle of it", ""] {
            let r = try MopsProcess.run(["sim", "serve", "--port", "0", "--control-token", token])
            #expect(r.status == 64, "\(token): \(r.stderr)")
            #expect(r.stderr.contains("at least 16 visible ASCII characters"))
        }
    }

    /// The `mops run …` command the banner's mops line gives, split into arguments (without the leading `mops`).
    static func bannerRunCommand(_ banner: String) throws -> [String] {
        let line = try #require(banner.split(separator: "\n").first { $0.hasPrefix("  mops ") })
        let command = try #require(line.firstMatch(of: /or: mops (run [^)]*)\)/)?.1)
        return command.split(separator: " ").map(String.init)
    }

    @Test("the banner's mops command works as printed, even with other keys in BINANCE_API_KEY/BINANCE_API_SECRET")
    func bannerCommandWorks() throws {
        let server = try Self.start([])
        defer { _ = server.stop() }
        let script = try MopsProcess.script("borrow 10 USDT\nprint debt(USDT) >= 10\n")
        let arguments = try Self.bannerRunCommand(server.banner).map { $0 == "script.mops" ? script.path : $0 }
        let r = try MopsProcess.run(arguments, environment: ["BINANCE_API_KEY": "some-live-key", "BINANCE_API_SECRET": "some-live-secret"])
        #expect(r.status == 0, "\(arguments) \(r.stderr)")
        #expect(r.stdout == "true\n")
    }

    @Test("with a scenario's own key, the banner's --credentials command works with a file holding that key")
    func bannerCredentialsCommandWorks() throws {
        try Self.withStateFile { state in
            let directory = URL(fileURLWithPath: state).deletingLastPathComponent()
            let scenario = directory.appendingPathComponent("scenario.json")
            try Data(#"{"apiKeys": [{"apiKey": "banner-test-key", "secret": "banner-test-secret"}]}"#.utf8).write(to: scenario)
            let server = try Self.start(["--scenario", scenario.path])
            defer { _ = server.stop() }
            #expect(server.banner.contains("  API key     banner-test-key"))
            let credentials = directory.appendingPathComponent("credentials")
            try #require(FileManager.default.createFile(atPath: credentials.path, contents: Data("api_key = banner-test-key\napi_secret = banner-test-secret\n".utf8),
                                           attributes: [.posixPermissions: 0o600]))
            let script = try MopsProcess.script("print marginLevel\n")
            let arguments = try Self.bannerRunCommand(server.banner)
                .map { $0 == "script.mops" ? script.path : $0 == "FILE" ? credentials.path : $0 }
            let r = try MopsProcess.run(arguments)
            #expect(r.status == 0, "\(arguments) \(r.stderr)")
            #expect(r.stdout == "999\n")
        }
    }

    @Test("`sim serve --verbose` still logs each request (the root's -v/--verbose reaches it), and logs nothing without it", arguments: [true, false])
    func serveVerboseLogs(_ verbose: Bool) throws {
        let err = Pipe()
        let server = try Self.start(verbose ? ["--verbose"] : [], standardError: err)
        let r = try MopsProcess.run(["-e", "print marginLevel", "--base-url", "http://127.0.0.1:\(server.port)"])
        _ = server.stop()
        #expect(r.status == 0, "\(r.stderr)")
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("GET /sapi/v1/margin/account → 200") == verbose, "\(log)")
        if verbose {   // a script without handlers opens no stream: no token, no key is asked for
            #expect(!log.contains("userListenToken") && !log.contains("listen-key") && !log.contains("userDataStream"), "\(log)")
        }
    }
}
