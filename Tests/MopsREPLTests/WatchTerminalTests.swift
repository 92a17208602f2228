import Foundation
import ProcessTestSupport
import Testing

/// `:watch` in the REPL, driven through a pseudo-terminal (tmux): an event that arrives while the user is typing is
/// printed above the prompt, and the half-typed line is redrawn intact below it.
@Suite("mops REPL: events above the prompt", .serialized)
struct WatchTerminalTests {
    /// Starts `mops sim serve --port 0`; the process and its base URL.
    static func startServer() throws -> (Process, String) {
        let server = Process()
        server.executableURL = try mopsExecutable()
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
            throw DriverError("no Base URL in the sandbox's banner:\n\(banner)")
        }
        return (server, url)
    }

    /// Runs `body` with a sandbox served for it (its base URL) and a fresh home's environment; both end with it.
    static func withSandbox(_ body: (_ url: String, _ environment: [String: String]) throws -> Void) throws {
        let (server, url) = try startServer()
        defer { server.terminateAndWait() }
        let home = try freshHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try body(url, terminalEnvironment(home: home))
    }

    @Test(":watch on over the network: streamed (said); a borrow and a fill while a line is half typed show above the prompt, the line kept; :watch off")
    func eventAbovePrompt() async throws {
        try await offThePool {
            try WatchTerminalTests.withSandbox { url, environment in
                let terminal = try TmuxTerminal(command: [try mopsExecutable().path, "--base-url", url], environment: environment)
                defer { terminal.close() }
                try terminal.waitForPrompt()

                try terminal.type(":watch on")
                try terminal.press("Enter")
                // The default account holds BTC (its trades are read too: they tell handlers that prices moved) and an
                // isolated BTCUSDT pair (its user data is read).
                let streams = "ws://" + url.dropFirst("http://".count).split(separator: "/")[0]
                let watching = "Watching: the account's events are shown above the prompt as they happen (:watch off to stop); "
                    + "events streamed from \(streams) (user data, risk, user data of 1 isolated pair(s), trades of 1 pair(s))."
                try terminal.waitUntil("“\(watching)” (wrapped at 120 columns)") { $0.replacingOccurrences(of: "\n", with: "").contains(watching) }
                try terminal.waitForPrompt()
                try terminal.type("print 40")
                try terminal.waitUntil("the half-typed line") { $0.split(separator: "\n").last?.hasSuffix("> print 40") == true }

                let trade = try runProcess(try mopsExecutable(), ["-e", "borrow 100 USDT\nbuy 0.01 BTCUSDT", "--base-url", url], environment: environment)
                #expect(trade.status == 0, "\(trade.stderr)")
                let fill = "fill      BUY 0.01 BTCUSDT at 60000 (order 1000001 FILLED)"
                let screen = try terminal.waitUntil("the events above the prompt, the line redrawn") { screen in
                    let lines = screen.split(separator: "\n")
                    return lines.contains { $0.hasSuffix(fill) } && lines.contains { $0.hasSuffix("debt      USDT BORROW: principal 100, interest 0.000625") }
                        && lines.last?.hasSuffix("> print 40") == true
                }
                let lines = screen.split(separator: "\n").map(String.init)
                let event = try #require(lines.firstIndex { $0.hasSuffix("balance   USDT free 5100 locked 0") }, "\(screen)")
                #expect(lines[lines.count - 1].hasSuffix("> print 40"))
                #expect(event < lines.count - 1)
                #expect(lines.contains { $0.hasSuffix("order     NEW BUY MARKET 0.01 BTCUSDT (order 1000001)") }, "\(screen)")
                #expect(lines.contains { $0.hasSuffix("balance   BTC free 0.10999 locked 0; USDT free 4500 locked 0") }, "\(screen)")
                #expect(!lines.dropLast().contains { $0.hasSuffix("> print 40") }, "the half-typed line is not left behind:\n\(screen)")

                // The line goes on where it was: the rest typed after the events completes it.
                try terminal.type(" + 2")
                try terminal.press("Enter")
                try terminal.waitUntil("the result 42") { $0.split(separator: "\n").contains("42") }
                try terminal.waitForPrompt()
                try terminal.type(":watch off")
                try terminal.press("Enter")
                try terminal.waitFor("Not watching: only forced liquidations are shown")
            }
        }
    }

    @Test("over the network, not watching: a forced liquidation pushed by the risk stream still shows above the prompt; other events do not")
    func liquidationWhileNotWatching() async throws {
        try await offThePool {
            try WatchTerminalTests.withSandbox { url, environment in
                let setup = try runProcess(try mopsExecutable(), ["-e", "borrow 20000 USDT\nbuy 0.4 BTCUSDT", "--base-url", url], environment: environment)
                #expect(setup.status == 0, "\(setup.stderr)")
                let terminal = try TmuxTerminal(command: [try mopsExecutable().path, "--base-url", url], environment: environment)
                defer { terminal.close() }
                try terminal.waitForPrompt()
                try terminal.type("print 1")
                try terminal.waitUntil("the half-typed line") { $0.split(separator: "\n").last?.hasSuffix("> print 1") == true }
                let shock = try runProcess(try mopsExecutable(), ["-e", "sim shock BTCUSDT -30%", "--base-url", url], environment: environment)
                #expect(shock.status == 0, "\(shock.stderr)")
                try terminal.waitUntil("the liquidation above the prompt") { screen in
                    screen.split(separator: "\n").contains { $0.hasSuffix("status    FORCE_LIQUIDATION, margin level 1.09915313") }
                        && screen.split(separator: "\n").last?.hasSuffix("> print 1") == true
                }
                // The line runs; anything else waiting would show at the next prompt: nothing does.
                try terminal.press("Enter")
                try terminal.waitUntil("the result 1") { $0.split(separator: "\n").contains("1") }
                try terminal.waitForPrompt()
                let screen = try terminal.screen()
                let events = screen.split(separator: "\n").filter { $0.count > 21 && $0.dropFirst(4).hasPrefix("-") && $0.dropFirst(19).hasPrefix("  ") }
                #expect(events.map { String($0.dropFirst(21)) } == ["status    FORCE_LIQUIDATION, margin level 1.09915313"], "only the liquidation is urgent:\n\(screen)")
            }
        }
    }

    @Test("over the network the session's handlers are fed by the streams: a fill made by another process runs 'on fill' at the next input")
    func handlersOverNetwork() async throws {
        try await offThePool {
            try WatchTerminalTests.withSandbox { url, environment in
                let terminal = try TmuxTerminal(command: [try mopsExecutable().path, "--base-url", url], environment: environment)
                defer { terminal.close() }
                try terminal.waitForPrompt()
                try terminal.type("on fill BTCUSDT { print \"filled {event.qty} at {event.price}\" }")
                try terminal.press("Enter")
                try terminal.waitFor("handlers: events streamed from ws://")
                try terminal.waitForPrompt()
                let trade = try runProcess(try mopsExecutable(), ["-e", "buy 0.01 BTCUSDT", "--base-url", url], environment: environment)
                #expect(trade.status == 0, "\(trade.stderr)")
                // The fill arrives on its own connection: the next inputs take it at their safe points.
                var screen = ""
                for attempt in 0..<20 where !screen.contains("filled 0.01 at 60000") {
                    try terminal.type("print \(attempt)")
                    try terminal.press("Enter")
                    screen = try terminal.waitUntil("the result \(attempt)") { $0.split(separator: "\n").contains("\(attempt)") }
                    try terminal.waitForPrompt()
                }
                #expect(screen.contains("filled 0.01 at 60000"), "\(screen)")
            }
        }
    }

    @Test("over the network where no stream can connect (the sandbox refuses their keys): :watch on says it polls and why; a borrow shows")
    func pollingFallback() async throws {
        try await offThePool {
            let (server, url) = try WatchTerminalTests.startServer()
            defer { server.terminateAndWait() }
            for path in ["/sapi/v1/userListenToken", "/sapi/v1/margin/listen-key"] {
                let status = try SandboxControlPost.post(url, "/sim/fault", "kind=error&path=\(path)&count=1000")
                #expect(status == "HTTP/1.1 200 OK", "\(status)")
            }
            // Seconds of waiting (the streams' 10 s, then a poll): on a thread of its own, not one of the suite's shared ones.
            try await offThePool { try WatchTerminalTests.pollingSession(url) }
        }
    }

    /// `pollingFallback`'s REPL session: throws (with the screen) when a step is not seen.
    static func pollingSession(_ url: String) throws {
        let home = try freshHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let environment = terminalEnvironment(home: home)
        let terminal = try TmuxTerminal(command: [try mopsExecutable().path, "--base-url", url], environment: environment)
        defer { terminal.close() }
        try terminal.waitForPrompt()   // after the streams' 10 s
        try terminal.type(":watch on")
        try terminal.press("Enter")
        let streams = "ws://" + url.dropFirst("http://".count).split(separator: "/")[0]
        let watching = "Watching: the account's events are shown above the prompt as they happen (:watch off to stop); events polled "
            + "every 2s while watching: balances, debts and the margin status over REST; fills and orders are not seen "
            + "(its streams at \(streams) were not connected after 10s)."
        try terminal.waitUntil("“\(watching)” (wrapped at 120 columns)") { $0.replacingOccurrences(of: "\n", with: "").contains(watching) }
        try terminal.waitForPrompt()
        Thread.sleep(forTimeInterval: 2.5)   // the first poll takes the account as it is
        let borrow = try runProcess(try mopsExecutable(), ["-e", "borrow 100 USDT", "--base-url", url], environment: environment)
        guard borrow.status == 0 else { throw StepFailed(description: "borrow: exit \(borrow.status): \(borrow.stderr)") }
        try terminal.waitUntil("the polled events above the prompt") { screen in
            let lines = screen.split(separator: "\n")
            return lines.contains { $0.hasSuffix("balance   USDT free 5100 locked 0") }
                && lines.contains { $0.hasSuffix("debt      USDT BORROW: principal 100, interest 0.000625") }
        }
    }

    @Test("the embedded simulator: :watch on shows a statement's events at the next prompt; handlers stay registered across inputs")
    func embeddedSession() async throws {
        try await offThePool {
            let home = try freshHome()
            defer { try? FileManager.default.removeItem(atPath: home) }
            let environment = terminalEnvironment(home: home)
            let terminal = try TmuxTerminal(command: [try mopsExecutable().path], environment: environment)
            defer { terminal.close() }
            try terminal.waitForPrompt()
            try terminal.type("on fill BTCUSDT { print \"filled {event.qty} at {event.price}\" }")
            try terminal.press("Enter")
            try terminal.waitFor("handlers: events streamed from the embedded simulator")
            try terminal.waitForPrompt()
            try terminal.type(":watch on")
            try terminal.press("Enter")
            try terminal.waitFor("Watching:")
            try terminal.waitForPrompt()
            try terminal.type("buy 0.01 BTCUSDT")
            try terminal.press("Enter")
            let screen = try terminal.waitUntil("the handler's line and the events") { screen in
                screen.contains("filled 0.01 at 60000") && screen.contains("fill      BUY 0.01 BTCUSDT at 60000")
            }
            #expect(screen.contains("order     NEW BUY MARKET 0.01 BTCUSDT"), "\(screen)")
            try terminal.waitForPrompt()
        }
    }
}
