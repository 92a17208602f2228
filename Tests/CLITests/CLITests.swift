import Foundation
import ProcessTestSupport
import Testing

/// Runs the built `mops` executable and captures everything.
struct MopsProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `mops` binary under test: `$MOPS_BINARY` (scripts/test points it at the release build),
    /// else the one the tests' own build made (``builtProduct(_:)``).
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["MOPS_BINARY"] { return URL(fileURLWithPath: path) }
        // Not built: a path that fails to launch, naming the product.
        return builtProduct("mops") ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("mops")
    }

    /// Runs `mops` to its end; a run still going after `timeout` seconds is terminated (the test then fails on
    /// its output instead of hanging the suite).
    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
                    timeout: TimeInterval = 120) throws -> Result {
        try run(binary, arguments, stdin: stdin, environment: environment, timeout: timeout)
    }

    /// Runs `command` with `/bin/sh -c`, `$0` being the `mops` binary — for what only a shell sets up, such as a
    /// closed descriptor (`"$0" run - <&-`).
    static func shell(_ command: String, timeout: TimeInterval = 120) throws -> Result {
        try run(URL(fileURLWithPath: "/bin/sh"), ["-c", command, binary.path], stdin: nil, environment: [:], timeout: timeout)
    }

    private static func run(_ executable: URL, _ arguments: [String], stdin: String?, environment: [String: String],
                            timeout: TimeInterval) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = MopsProcess.environment(adding: environment)
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { if process.isRunning { process.terminate() } }
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        let status = process.waitForExit(timeout: timeout + 10)
        return Result(status: status, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// This process's environment without the API key variables, with `environment` added: what a test's `mops` sees.
    static func environment(adding environment: [String: String]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for name in ["BINANCE_API_KEY", "BINANCE_API_SECRET", "BINANCE_PRIVATE_KEY_FILE"] { env[name] = nil }
        for (k, v) in environment { env[k] = v }
        return env
    }

    /// Runs `mops` with stderr on a pseudo-terminal (so colour is allowed) and stdout on a pipe.
    static func runWithTerminalStderr(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let (master, terminalPath) = try openPseudoTerminal()
        let terminal = try #require(FileHandle(forWritingAtPath: terminalPath))
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = nil
        env["TERM"] = "xterm-256color"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = terminal
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try terminal.close()
        var stderr = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(master, &buffer, buffer.count)
            if n <= 0 { break }  // EIO once the child has exited and the terminal is closed
            stderr.append(contentsOf: buffer[0..<n])
        }
        close(master)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let status = process.waitForExit()
        return Result(status: status, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n"))
    }

    /// Opens a pseudo-terminal: the master descriptor and the path of its terminal side.
    static func openPseudoTerminal() throws -> (CInt, String) {
        #if os(Linux)
        // Glibc's posix_openpt/grantpt are not visible to Swift; these are the same steps through /dev/ptmx.
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: CInt = 0, number: CInt = 0
        let TIOCSPTLCK: UInt = 0x4004_5431, TIOCGPTN: UInt = 0x8004_5430
        guard master >= 0, ioctl(master, TIOCSPTLCK, &unlock) == 0, ioctl(master, TIOCGPTN, &number) == 0 else {
            throw CocoaError(.fileReadUnknown)
        }
        return (master, "/dev/pts/\(number)")
        #else
        let master = posix_openpt(O_RDWR | O_NOCTTY)
        guard master >= 0, grantpt(master) == 0, unlockpt(master) == 0, let name = ptsname(master) else {
            throw CocoaError(.fileReadUnknown)
        }
        return (master, String(cString: name))
        #endif
    }

    static func script(_ text: String) throws -> URL {
        let url = testScratchFolder.appendingPathComponent("\(UUID().uuidString).mops")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}

@Suite("mops CLI")
struct CLITests {
    @Test("a closed stdin is an input error (66) naming it, for `run -` and for the REPL off a terminal — never a trap")
    func closedStandardInput() throws {
        for command in [#""$0" run - <&-"#, #""$0" <&-"#] {
            let r = try MopsProcess.shell(command)
            #expect(r.status == 66, "\(command): \(r.stderr)")
            #expect(r.stderr.hasPrefix("mops: cannot read the script from standard input ("), "\(command): \(r.stderr)")
            #expect(r.stderr.hasSuffix("); is it closed?\n"), "\(command): \(r.stderr)")
            #expect(r.stdout == "")
        }
    }

    @Test("-e prints on stdout and names the backend on stderr")
    func expression() throws {
        let r = try MopsProcess.run(["-e", "print 1 + 2, \"ok\""])
        #expect(r.status == 0)
        #expect(r.stdout == "3 ok\n")
        #expect(r.stderr == "mops: running <-e> on simulator (embedded, scenario default)\n")
    }

    @Test("a liquidation is an event in -o json and a line in text: account, line, sales, level after")
    func liquidationOutput() throws {
        let script = "borrow 20000 USDT\nbuy 0.4 BTCUSDT\nsim shock BTCUSDT -40%"
        let json = try MopsProcess.run(["-o", "json", "-e", script])
        #expect(json.status == 0)
        let first = try #require(json.stdout.split(separator: "\n").first)
        let event = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        #expect(event["type"] as? String == "liquidation" && event["account"] as? String == "cross margin")
        #expect(event["line"] as? Int == 3 && event["marginLevel"] as? String == "0" && event["time"] is Int)
        let sales = try #require(event["sales"] as? [[String: Any]])
        #expect(sales.count == 1 && sales[0]["symbol"] as? String == "BTCUSDT" && sales[0]["side"] as? String == "SELL")
        #expect(sales[0]["qty"] as? String == "0.4996" && sales[0]["price"] as? String == "36000")
        let text = try MopsProcess.run(["-e", script])
        #expect(text.stdout.hasPrefix("LIQUIDATED (cross margin) at "))
        #expect(text.stdout.hasSuffix(", found at line 3: sold 0.4996 BTCUSDT at 36000; margin level now 0\n"))
    }

    @Test("a script with errors: every diagnostic, exit 65, nothing run")
    func compileErrors() throws {
        let file = try MopsProcess.script("print \"never\"\nborrow 100 isolated BTCUSDT\nwait 5s\nshow balanse\n")
        let r = try MopsProcess.run(["run", file.path])
        #expect(r.status == 65)
        #expect(r.stdout == "")
        #expect(r.stderr == """
        \(file.path):2:12: error: expected an asset after the amount, found 'isolated'
         2 | borrow 100 isolated BTCUSDT
           |            ^~~~~~~~
           = hint: borrow <amount> <ASSET> [isolated <SYMBOL>]
        \(file.path):4:6: error: cannot show 'balanse'
         4 | show balanse
           |      ^~~~~~~
           = hint: did you mean 'balances'? show account | balances | spot | loans | orders [SYMBOL] | isolated [SYMBOL] | rates ASSET | history borrow|repay [ASSET]
        2 errors; nothing was run and nothing was sent

        """)
    }

    @Test("a runtime error: location, exchange code, hint, what was already sent, exit 70")
    func runtimeError() throws {
        let file = try MopsProcess.script("borrow 10 USDT\nborrow 100000000 USDT\n")
        let r = try MopsProcess.run(["run", file.path])
        #expect(r.status == 70)
        #expect(r.stderr.contains("\(file.path):2:1: error: Your borrow amount has exceed maximum borrow amount. (code -3006)"))
        #expect(r.stderr.contains("= hint: "))
        #expect(r.stderr.contains("already sent before the error: borrow 10 USDT"))
    }

    @Test("a failed assert exits 1; exit n exits n")
    func assertAndExit() throws {
        let a = try MopsProcess.run(["-e", "assert 1 > 2, \"nope\""])
        #expect(a.status == 1)
        #expect(a.stderr.contains("error: assertion failed: nope"))
        let e = try MopsProcess.run(["-e", "exit 7"])
        #expect(e.status == 7)
    }

    @Test("a missing file exits 66; a bad flag exits 64")
    func usage() throws {
        let missing = try MopsProcess.run(["run", "/nonexistent/x.mops"])
        #expect(missing.status == 66)
        #expect(missing.stderr == "mops: no such file: /nonexistent/x.mops\n")
        let flag = try MopsProcess.run(["run", "--no-such-flag", "x.mops"])
        #expect(flag.status == 64)
        let scenario = try MopsProcess.run(["-e", "print 1", "--scenario", "moon"])
        #expect(scenario.status == 64)
        #expect(scenario.stderr.contains("unknown scenario 'moon'"))
    }

    @Test("--live needs credentials (exit 64) and never prints secrets")
    func liveNeedsCredentials() throws {
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("mops-no-credentials-\(UUID().uuidString)")
        let r = try MopsProcess.run(["-e", "print marginLevel", "--live"], environment: ["XDG_CONFIG_HOME": config.path])
        #expect(r.status == 64)
        #expect(r.stdout == "")
        #expect(r.stderr == "mops: https://api.binance.com is live Binance and needs credentials: export BINANCE_API_KEY and BINANCE_API_SECRET (or BINANCE_PRIVATE_KEY_FILE), or pass --credentials FILE\n")
    }

    @Test("sim statements are refused on live before anything runs (mops check --live)")
    func checkLive() throws {
        let file = try MopsProcess.script("sim shock BTCUSDT -20%\n")
        let live = try MopsProcess.run(["check", "--live", file.path])
        #expect(live.status == 65)
        #expect(live.stderr.contains("'sim' statements need a simulator backend"))
        let liveHost = try MopsProcess.run(["check", "--live", "--base-url", "https://api1.binance.com", file.path])
        #expect(liveHost.status == 65)
        #expect(liveHost.stderr.contains("'sim' statements need a simulator backend"))
        let sim = try MopsProcess.run(["check", file.path])
        #expect(sim.status == 0)
        #expect(sim.stdout == "\(file.path): ok\n")
    }

    @Test("mops check: a mistyped statement keyword is named, with the statement's synopsis")
    func checkMistypedKeyword() throws {
        let file = try MopsProcess.script("let borrows = 1\nborow 10 USDT\n")
        let r = try MopsProcess.run(["check", file.path])
        #expect(r.status == 65)
        #expect(r.stdout == "")
        #expect(r.stderr == """
        \(file.path):2:1: error: unknown statement 'borow' — did you mean 'borrow'?
         2 | borow 10 USDT
           | ^~~~~
           = hint: borrow <amount> | <pct>% <ASSET> [isolated <SYMBOL>]
        \(file.path): 1 error

        """)
    }

    @Test("mops check -o json: each diagnostic on stderr once, the result object on stdout")
    func checkJSONRendersOnce() throws {
        let file = try MopsProcess.script("print nope\n")
        let r = try MopsProcess.run(["check", "-o", "json", file.path])
        #expect(r.status == 65)
        #expect(r.stderr.components(separatedBy: "unknown name 'nope'").count - 1 == 1, "\(r.stderr)")
        #expect(r.stdout.contains("\"message\":\"unknown name 'nope'\""))
    }

    @Test("-o json: one object per line and a final result")
    func json() throws {
        let r = try MopsProcess.run(["-o", "json", "-e", "print 5\nlet z = 0\nprint 1 / z"])
        #expect(r.status == 70)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == #"{"text":"5","type":"print"}"#)
        let result = try #require(lines.last.flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        #expect(result["type"] as? String == "result")
        #expect(result["status"] as? String == "runtimeError")
        #expect(result["exitCode"] as? Int == 70)
        let diagnostics = result["diagnostics"] as? [[String: Any]]
        #expect(diagnostics?.first?["line"] as? Int == 3)
        #expect(diagnostics?.first?["message"] as? String == "division by zero")
    }

    @Test("scripts stay quiet about requests; -v/--verbose says what each did, with its id and the margin level after")
    func verboseSuccessLines() throws {
        let script = "borrow 100 USDT\nrepay 40 USDT\nprint \"done\""
        let quiet = try MopsProcess.run(["-e", script])
        #expect(quiet.status == 0, "\(quiet.stderr)")
        #expect(quiet.stdout == "done\n")
        for flag in ["-v", "--verbose"] {
            let file = try MopsProcess.script(script)
            for arguments in [["-e", script, flag], ["run", flag, file.path]] {
                let r = try MopsProcess.run(arguments)
                #expect(r.status == 0, "\(r.stderr)")
                #expect(r.stdout == """
                    borrowed 100 USDT (tranId 100000001); margin level 110.9993 (cross)
                    repaid 40 USDT (tranId 100000003); margin level 184.3314 (cross)
                    done

                    """, "\(arguments)")
            }
        }
        let json = try MopsProcess.run(["-e", script, "-v", "-o", "json"])
        #expect(json.stdout.hasPrefix(#"{"text":"borrowed 100 USDT (tranId 100000001); margin level 110.9993 (cross)","type":"note"}"#))
    }

    @Test("--dry-run prints the requests and projected margin levels and changes nothing")
    func dryRun() throws {
        let state = testScratchFolder.appendingPathComponent("state-\(UUID().uuidString).json")
        let plan = try MopsProcess.run(["-e", "borrow 100 USDT", "--dry-run", "--sim-state", state.path])
        #expect(plan.status == 0)
        #expect(plan.stdout.contains("would send: POST /sapi/v1/margin/borrow-repay?asset=USDT&isIsolated=FALSE&amount=100&type=BORROW"))
        #expect(plan.stdout.contains("signature=<redacted>"))
        #expect(plan.stdout.contains("→ borrow 100 USDT; projected margin level"))
        #expect(plan.stderr.contains("plan: a simulated copy of simulator"))
        let after = try MopsProcess.run(["-e", "print borrowed(USDT)", "--sim-state", state.path])
        #expect(after.stdout == "0\n")
    }

    @Test("live runs that change the account need --yes: refused before anything is sent, exit 64")
    func liveNeedsYes() throws {
        let file = try MopsProcess.script("print marginLevel\nborrow 1 USDT\n")
        let environment = ["BINANCE_API_KEY": "cli-test-key", "BINANCE_API_SECRET": "cli-test-secret"]
        // A base URL on a Binance host (with --live) is live; port 1 would refuse a connection if anything were sent.
        for arguments in [["run", "--live", "--base-url", "https://api.binance.com:1", file.path],
                          ["--live", "--base-url", "https://api.binance.com:1", "-e", "print marginLevel\nborrow 1 USDT"]] {
            let r = try MopsProcess.run(arguments, environment: environment)
            let name = arguments.contains("-e") ? "<-e>" : file.path
            #expect(r.status == 64)
            #expect(r.stdout == "")  // `print marginLevel` did not run: nothing was read or sent
            #expect(r.stderr == "mops: \(name) changes a live account (borrow/repay/transfer/orders); add --yes to run it, or --dry-run to see the plan\n")
            #expect(!r.stderr.contains("cli-test-secret"))
        }
    }

    @Test("-o json: the whole output of a run, line by line")
    func jsonWholeOutput() throws {
        let r = try MopsProcess.run(["-o", "json", "-e", "print \"a\", 1.50\nshow balances\nborrow 10 USDT\nprint debt(USDT) > 10"])
        #expect(r.status == 0)
        #expect(r.stdout == """
        {"text":"a 1.5","type":"print"}
        {"columns":["asset","free","locked","borrowed","interest","netAsset"],"rows":[["BTC","0.1","0","0","0","0.1"],["USDT","5000","0","0","0","5000"]],"title":"balances (cross margin)","type":"table"}
        {"text":"true","type":"print"}
        {"backend":"simulator (embedded, scenario default)","diagnostics":[],"exitCode":0,"performed":["borrow 10 USDT"],"status":"ok","type":"result"}

        """)
        #expect(r.stderr == "mops: running <-e> on simulator (embedded, scenario default)\n")

        let failed = try MopsProcess.run(["-o", "json", "-e", "print nope"])
        #expect(failed.status == 65)
        #expect(failed.stdout == """
        {"backend":"simulator (embedded, scenario default)","diagnostics":[{"column":7,"file":"<-e>","hint":"did you mean 'none'?","line":1,"message":"unknown name 'nope'","phase":"check","severity":"error"}],"exitCode":65,"performed":[],"status":"compileError","type":"result"}

        """)
    }

    @Test("--dry-run: the whole plan, each request with its projected margin level, on stdout")
    func dryRunWholeOutput() throws {
        let r = try MopsProcess.run(["--dry-run", "-e", "borrow 100 USDT\ntransfer 50 USDT from margin\nprint borrowed(USDT)"])
        #expect(r.status == 0)
        let stdout = r.stdout.replacing(/timestamp=[0-9]+/, with: "timestamp=T")
        #expect(stdout == """
          would send: POST /sapi/v1/margin/borrow-repay?asset=USDT&isIsolated=FALSE&amount=100&type=BORROW&recvWindow=5000&timestamp=T&signature=<redacted>
          → borrow 100 USDT; projected margin level 110.9993 (cross)
          would send: POST /sapi/v1/asset/transfer?type=MARGIN_MAIN&asset=USDT&amount=50&recvWindow=5000&timestamp=T&signature=<redacted>
          → transfer 50 USDT from margin to spot; projected margin level 110.4993 (cross)
        100

        """)
        #expect(r.stderr == "mops: running <-e> on plan: a simulated copy of simulator (embedded, scenario default)\n")
    }

    @Test("--dry-run: transfer all from spot plans the spot free balance of the copy")
    func dryRunSpotTransfer() throws {
        let r = try MopsProcess.run(["--dry-run", "-e", "transfer all USDT to margin\nprint spotFree(USDT), free(USDT)"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("?type=MAIN_MARGIN&asset=USDT&amount=10000&"))
        #expect(r.stdout.contains("→ transfer 10000 USDT from spot to margin"))
        #expect(r.stdout.hasSuffix("0 15000\n"))
    }

    @Test("diagnostics are coloured on a terminal, and never when NO_COLOR is set")
    func noColor() throws {
        let coloured = try MopsProcess.runWithTerminalStderr(["-e", "print nope"])
        #expect(coloured.status == 65)
        #expect(coloured.stderr.contains("\u{1B}["))
        let plain = try MopsProcess.runWithTerminalStderr(["-e", "print nope"], environment: ["NO_COLOR": "1"])
        #expect(plain.status == 65)
        #expect(!plain.stderr.contains("\u{1B}["))
        #expect(plain.stderr.contains("<-e>:1:7: error: unknown name 'nope'"))
    }

    @Test("show prints aligned tables")
    func tables() throws {
        let r = try MopsProcess.run(["-e", "show balances"], environment: ["NO_COLOR": "1"])
        #expect(r.status == 0)
        #expect(r.stdout == """
        balances (cross margin)
          asset  free  locked  borrowed  interest  netAsset
          BTC     0.1       0         0         0       0.1
          USDT   5000       0         0         0      5000

        """)
        #expect(!r.stderr.contains("\u{1B}["))
    }

    static let examples: [String] = {
        var dir = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { dir.deleteLastPathComponent() }
        let examples = dir.appendingPathComponent("examples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: examples.path)) ?? []
        return names.filter { $0.hasSuffix(".mops") }.sorted().map { examples.appendingPathComponent($0).path }
    }()

    @Test("every example runs end to end against its own `mops sim serve` over HTTP", arguments: CLITests.examples)
    func exampleOverHTTP(_ path: String) throws {
        let (server, url) = try CLITests.startServer()
        defer { server.terminateAndWait() }
        let r = try MopsProcess.run(["run", "--base-url", url, path])
        #expect(r.status == 0, "\(path):\n\(r.stderr)")
        #expect(r.stderr.hasPrefix("mops: running \(path) on simulator at \(url)"))
    }

    /// Starts `mops sim serve --port 0` and returns it with its base URL.
    static func startServer() throws -> (Process, String) {
        let server = Process()
        server.executableURL = MopsProcess.binary
        server.arguments = ["sim", "serve", "--port", "0"]
        let out = Pipe()
        server.standardOutput = out
        server.standardError = Pipe()
        try server.run()
        // A server that never prints its banner is ended, so the read below ends too.
        let started = DispatchWorkItem { if server.isRunning { server.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: started)
        defer { started.cancel() }
        var banner = ""
        while !banner.contains("\n  API key") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            banner += String(decoding: chunk, as: UTF8.self)
        }
        guard let url = banner.split(separator: "\n").first(where: { $0.contains("Base URL") })?.split(separator: " ").last.map(String.init) else {
            server.terminate()
            throw CocoaError(.fileReadUnknown)
        }
        return (server, url)
    }

    @Test("a script runs end to end against `mops sim serve` over HTTP")
    func overHTTP() throws {
        let server = Process()
        server.executableURL = MopsProcess.binary
        server.arguments = ["sim", "serve", "--port", "0"]
        let out = Pipe()
        server.standardOutput = out
        server.standardError = Pipe()
        try server.run()
        defer { server.terminateAndWait() }
        var banner = ""
        while !banner.contains("Base URL") || !banner.contains("\n  API key") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            banner += String(decoding: chunk, as: UTF8.self)
        }
        let url = try #require(banner.split(separator: "\n").first { $0.contains("Base URL") }?.split(separator: " ").last.map(String.init))
        #expect(url.hasPrefix("http://127.0.0.1:"))
        let file = try MopsProcess.script("borrow 100 USDT\nsim advance 1h\nrepay all USDT\nassert debt(USDT) == 0\nprint \"done\", free(USDT) < 5000\n")
        let r = try MopsProcess.run(["run", "--base-url", url, file.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "done true\n")
        #expect(r.stderr == "mops: running \(file.path) on simulator at \(url)\n")
    }

    @Test("live keys in the environment never go to a non-Binance --base-url: the demo key is used there")
    func environmentKeysStayOffOtherServers() throws {
        let (server, url) = try CLITests.startServer()
        defer { server.terminateAndWait() }
        // `mops sim serve` accepts only its demo key; the fake live key would be refused with -2015.
        let environment = ["BINANCE_API_KEY": "cli-live-key", "BINANCE_API_SECRET": "cli-live-secret"]
        let r = try MopsProcess.run(["-e", "borrow 10 USDT\nprint debt(USDT) >= 10", "--base-url", url], environment: environment)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "true\n")
        #expect(!r.stderr.contains("-2015"))
        #expect(!r.stderr.contains("cli-live-secret"))
    }

    @Test("a Binance --base-url without credentials is a usage error (exit 64) before anything is sent")
    func binanceURLNeedsCredentials() throws {
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("mops-no-credentials-\(UUID().uuidString)")
        // Port 1 refuses connections: a request would end in exit 69, not 64.
        let r = try MopsProcess.run(["-e", "print marginLevel", "--live", "--base-url", "https://api.binance.com:1"],
                                    environment: ["XDG_CONFIG_HOME": config.path])
        #expect(r.status == 64)
        #expect(r.stdout == "")
        #expect(r.stderr == "mops: https://api.binance.com:1 is live Binance and needs credentials: export BINANCE_API_KEY and BINANCE_API_SECRET (or BINANCE_PRIVATE_KEY_FILE), or pass --credentials FILE\n")
    }

    @Test("Ctrl-C stops at a statement boundary, reports what was sent, exits 130")
    func interrupt() throws {
        let mops = try RunningMops(["-e", "borrow 10 USDT\nprint \"looping\"\nlet i = 0\nwhile true { i = i + 1 }"])
        #expect(mops.waitFor("looping\n"))
        mops.interrupt()
        let r = mops.finish()
        #expect(r.status == 130)
        #expect(r.stderr.contains("note: cancelled after sending: borrow 10 USDT"), "\(r.stderr)")
    }

    @Test("an unreachable backend exits 69 with the location and a hint")
    func unreachable() throws {
        let r = try MopsProcess.run(["-e", "print marginLevel", "--base-url", "http://127.0.0.1:1"])
        #expect(r.status == 69)
        #expect(r.stderr.contains("<-e>:1:7: error: backend unavailable: could not connect"))
        #expect(r.stderr.contains("= hint: "))
    }
}
