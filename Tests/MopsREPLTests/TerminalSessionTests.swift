import Foundation
import MarginSim
import Testing

/// The real `mops` binary, driven through a pseudo-terminal (tmux) and through pipes.
@Suite("mops REPL in a terminal", .serialized)
struct TerminalSessionTests {
    @Test("typing: banner, prompt, Tab, multi-line blocks, Up, Ctrl-R, Ctrl-C, errors, Ctrl-D, history file")
    func typing() throws {
        let home = try freshHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let terminal = try TmuxTerminal(command: [try mopsExecutable().path], environment: terminalEnvironment(home: home))
        defer { terminal.close() }

        // Banner and the first prompt, which names the backend.
        let banner = try terminal.waitFor("mops[SIM]")
        try terminal.waitForPrompt()
        #expect(banner.contains("[SIM]"))
        #expect(banner.contains(":help"))

        // An expression prints its value.
        try terminal.type("print 1 + 1")
        try terminal.press("Enter")
        try terminal.waitUntil("the result 2") { $0.split(separator: "\n").contains("2") }
        try terminal.waitForPrompt()

        // Tab completes a keyword, then a word after the asset.
        try terminal.type("sh")
        try terminal.press("Tab")
        try terminal.waitUntil("show completed") { $0.split(separator: "\n").last?.hasSuffix("> show") == true }
        try terminal.press("C-u")
        try terminal.type("borrow 100 USDT is")
        try terminal.press("Tab")
        try terminal.waitFor("borrow 100 USDT isolated")   // (capture-pane trims the space after it)
        // A second Tab on an ambiguous word lists the candidates.
        try terminal.press("C-u")
        try terminal.type(":h")
        try terminal.press("Tab")
        try terminal.waitUntil("the candidates listed") { screen in
            screen.split(separator: "\n").contains { $0.hasPrefix(":help ") && $0.hasSuffix(" :history") }
        }

        // Ctrl-C clears the line: the next prompt is empty and nothing ran.
        try terminal.press("C-c")
        try terminal.waitForPrompt()
        // (the `:h` never ran: no usage text on screen)
        #expect(!(try terminal.screen()).contains("could mean"))

        // An open block continues on the continuation prompt and runs when it closes.
        try terminal.type("if 1 < 2 {")
        try terminal.press("Enter")
        try terminal.waitUntil("the continuation prompt") { $0.split(separator: "\n").last == "...>" }
        try terminal.type("print \"inside the block\"")
        try terminal.press("Enter")
        try terminal.type("}")
        try terminal.press("Enter")
        // A multi-line if waits for a possible `else`; an empty line runs it.
        try terminal.waitUntil("the continuation prompt after }") { $0.split(separator: "\n").last == "...>" }
        try terminal.press("Enter")
        try terminal.waitUntil("the block's output") { $0.split(separator: "\n").contains("inside the block") }
        try terminal.waitForPrompt()

        // Up recalls the whole block as one line.
        try terminal.press("Up")
        try terminal.waitFor("> if 1 < 2 { print \"inside the block\" }")
        // Down goes back to the (empty) line being typed.
        try terminal.press("Down")
        try terminal.waitUntil("Down to the empty line") { $0.split(separator: "\n").last?.hasSuffix("ML") == false && $0.split(separator: "\n").last?.hasSuffix(">") == true }
        try terminal.press("C-u")

        // `else` on the line after the closing `}` continues the if.
        for line in ["if 1 > 2 {", "print \"then branch\"", "}", "else {", "print \"else branch\"", "}"] {
            try terminal.type(line)
            try terminal.press("Enter")
        }
        try terminal.waitUntil("the else branch") { $0.split(separator: "\n").contains("else branch") }
        try terminal.waitForPrompt()
        #expect(!(try terminal.screen()).split(separator: "\n").contains("then branch"))

        // An error is reported and the session goes on.
        try terminal.type("print nosuchname")
        try terminal.press("Enter")
        try terminal.waitFor("nosuchname")
        try terminal.waitForPrompt()
        try terminal.type("print 40 + 2")
        try terminal.press("Enter")
        try terminal.waitUntil("the result 42") { $0.split(separator: "\n").contains("42") }
        try terminal.waitForPrompt()

        // Ctrl-R finds an earlier statement.
        try terminal.press("C-r")
        try terminal.type("40 +")
        try terminal.waitFor("print 40 + 2")
        try terminal.press("C-g")    // leave the search
        try terminal.press("C-u")
        try terminal.waitForPrompt()

        // Ctrl-C interrupts a running statement and returns to the prompt.
        try terminal.type("wait 1h")
        try terminal.press("Enter")
        Thread.sleep(forTimeInterval: 0.5)   // let the statement start (keys sent with C-c are flushed)
        try terminal.press("C-c")
        try terminal.waitFor("interrupted.")
        try terminal.waitFor("No request that changes the account had been sent.")
        try terminal.waitForPrompt()
        try terminal.type("print 7 * 6")
        try terminal.press("Enter")
        try terminal.waitUntil("a result after the interrupt") { $0.split(separator: "\n").filter { $0 == "42" }.count == 2 }
        try terminal.waitForPrompt()

        // Interrupted after a change was sent: the REPL lists it.
        try terminal.type("borrow 10 USDT; wait 1h")
        try terminal.press("Enter")
        Thread.sleep(forTimeInterval: 0.5)
        try terminal.press("C-c")
        try terminal.waitFor("Already sent (1 request that changed the account):")
        try terminal.waitFor("  borrow 10 USDT")
        try terminal.waitForPrompt()

        // A line that looks like it carries a secret runs but is not remembered.
        try terminal.type("let apiSecret = 5")
        try terminal.press("Enter")
        try terminal.waitForPrompt()

        // Ctrl-D on an empty line ends the session.
        try terminal.press("C-d")
        try terminal.waitUntil("the session to end") { _ in !terminal.isRunning }

        let history = try String(contentsOfFile: home + "/state/mops/history", encoding: .utf8)
        #expect(history.hasPrefix("_HiStOrY_V2_"))
        #expect(history.contains("print\\0401\\040+\\0401"))
        #expect(history.contains("if\\0401\\040<\\0402\\040{"))
        #expect(!history.contains("apiSecret"))
        let attributes = try FileManager.default.attributesOfItem(atPath: home + "/state/mops/history")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test("an action that succeeds says what happened in one line: what, its id, the margin level after")
    func successLine() throws {
        let home = try freshHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let terminal = try TmuxTerminal(command: [try mopsExecutable().path], environment: terminalEnvironment(home: home))
        defer { terminal.close() }
        try terminal.waitForPrompt()
        try terminal.type("borrow 100 USDT")
        try terminal.press("Enter")
        try terminal.waitUntil("the success line") {
            $0.split(separator: "\n").contains("borrowed 100 USDT (tranId 100000001); margin level 110.9993 (cross)")
        }
        try terminal.waitForPrompt()
        try terminal.type("print 1")
        try terminal.press("Enter")
        try terminal.waitUntil("the print") { $0.split(separator: "\n").contains("1") }
        try terminal.waitForPrompt()
        // Exactly one line per request, nothing for a statement that sends none.
        let screen = try terminal.screen().split(separator: "\n")
        #expect(screen.filter { $0.hasPrefix("borrowed ") }.count == 1)
        #expect(!screen.contains { $0.contains("margin level") && !$0.hasPrefix("borrowed ") && !$0.hasPrefix("cross margin") })
        try terminal.press("C-d")
        try terminal.waitUntil("the session to end") { _ in !terminal.isRunning }
    }

    @Test("Ctrl-C at the continuation prompt drops the pending block: the next line runs alone")
    func interruptAtContinuation() throws {
        let home = try freshHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let terminal = try TmuxTerminal(command: [try mopsExecutable().path], environment: terminalEnvironment(home: home))
        defer { terminal.close() }
        try terminal.waitForPrompt()
        try terminal.type("if 1 < 2 {")
        try terminal.press("Enter")
        try terminal.type("print \"pending line\"")
        try terminal.press("Enter")
        try terminal.waitUntil("the continuation prompt") { $0.split(separator: "\n").last == "...>" }
        try terminal.press("C-c")
        try terminal.waitForPrompt()
        try terminal.type("print \"alone\"")
        try terminal.press("Enter")
        try terminal.waitUntil("the new line's output") { $0.split(separator: "\n").contains("alone") }
        try terminal.waitForPrompt()
        let lines = try terminal.screen().split(separator: "\n")
        // Had the block survived, `print "alone"` would have joined it: no prompt back, or the pending print ran too.
        #expect(!lines.contains("pending line"))
        #expect(lines.last.map { !$0.hasPrefix("...") } == true)
    }

    @Test("a coloured prompt on a terminal without NO_COLOR; editing still counts only the visible width")
    func colouredPrompt() throws {
        let home = try freshHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        var environment = terminalEnvironment(home: home)
        environment["NO_COLOR"] = ""   // empty counts as unset (no-color.org)
        let terminal = try TmuxTerminal(command: [try mopsExecutable().path], environment: environment)
        defer { terminal.close() }
        try terminal.waitFor("mops[SIM]")
        try terminal.type("borrow 100 USDT")
        try terminal.press("Enter")
        try terminal.waitUntil("the margin level in the prompt") { $0.split(separator: "\n").last?.contains(" ML ") == true }
        let coloured = try terminal.colouredScreen()
        #expect(coloured.contains("\u{1B}[32m"), "\(coloured.debugDescription)")   // green: far above the bars
        // Home, then a character: it lands right after the prompt, so the escapes took no width.
        try terminal.type("abc")
        try terminal.press("C-a")
        try terminal.type("x")
        try terminal.waitUntil("the edit") { $0.split(separator: "\n").last?.hasSuffix("> xabc") == true }
        #expect(!(try terminal.screen()).contains("\u{1}"))
        try terminal.press("C-u")
        try terminal.press("C-d")
        try terminal.waitUntil("the session to end") { _ in !terminal.isRunning }

        // NO_COLOR=1: the same prompt without colour.
        let plain = try TmuxTerminal(command: [try mopsExecutable().path], environment: terminalEnvironment(home: home))
        defer { plain.close() }
        try plain.waitFor("mops[SIM]")
        try plain.type("borrow 100 USDT")
        try plain.press("Enter")
        try plain.waitUntil("the margin level in the prompt") { $0.split(separator: "\n").last?.contains(" ML ") == true }
        #expect(!(try plain.colouredScreen()).contains("\u{1B}[3"))
    }

    @Test("history is kept across sessions")
    func historyAcrossSessions() throws {
        let home = try freshHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let first = try TmuxTerminal(command: [try mopsExecutable().path], environment: terminalEnvironment(home: home))
        try first.waitFor("mops[SIM]")
        try first.type("print 123 + 1")
        try first.press("Enter")
        try first.waitUntil("124") { $0.split(separator: "\n").contains("124") }
        try first.waitForPrompt()
        try first.press("C-d")
        try first.waitUntil("the first session to end") { _ in !first.isRunning }
        first.close()

        let second = try TmuxTerminal(command: [try mopsExecutable().path], environment: terminalEnvironment(home: home))
        defer { second.close() }
        try second.waitFor("mops[SIM]")
        try second.press("Up")
        try second.waitFor("> print 123 + 1")
    }

    @Test("an existing history file readable by others is made private before a write, and a loaded line with the secret in use is dropped")
    func historyPermissionsAndSecret() throws {
        let home = try freshHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let path = home + "/state/mops/history"
        try FileManager.default.createDirectory(atPath: home + "/state/mops", withIntermediateDirectories: true)
        // An old file, readable by others, holding a line with the embedded simulator's secret (the credentials in use).
        let old = "_HiStOrY_V2_\nprint\\0401\nprint\\040\"\(DemoCredentials.secret)\"\n"
        try #require(FileManager.default.createFile(atPath: path, contents: Data(old.utf8), attributes: [.posixPermissions: 0o644]))
        let terminal = try TmuxTerminal(command: [try mopsExecutable().path], environment: terminalEnvironment(home: home))
        defer { terminal.close() }
        try terminal.waitFor("mops[SIM]")
        try terminal.type("print 40 + 2")
        try terminal.press("Enter")
        try terminal.waitUntil("42") { $0.split(separator: "\n").contains("42") }
        try terminal.waitForPrompt()
        try terminal.press("C-d")
        try terminal.waitUntil("the session to end") { _ in !terminal.isRunning }

        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let history = try String(contentsOfFile: path, encoding: .utf8)
        #expect(history.contains("print\\04040\\040+\\0402"))
        #expect(history.contains("print\\0401"))
        #expect(!history.contains(DemoCredentials.secret))
    }

    @Test("a loaded line with the secret in use leaves the history file at start-up, before any line is typed")
    func secretDroppedFromFileAtStart() throws {
        let home = try freshHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let path = home + "/state/mops/history"
        try FileManager.default.createDirectory(atPath: home + "/state/mops", withIntermediateDirectories: true)
        let old = "_HiStOrY_V2_\nprint\\0401\nprint\\040\"\(DemoCredentials.secret)\"\nprint\\0402\n"
        try #require(FileManager.default.createFile(atPath: path, contents: Data(old.utf8), attributes: [.posixPermissions: 0o644]))
        let terminal = try TmuxTerminal(command: [try mopsExecutable().path], environment: terminalEnvironment(home: home))
        defer { terminal.close() }
        try terminal.waitFor("mops[SIM]")
        try terminal.waitForPrompt()
        // Nothing typed yet: the file is already rewritten without the secret, the other lines kept, and private.
        let history = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!history.contains(DemoCredentials.secret))
        #expect(history.contains("print\\0401"))
        #expect(history.contains("print\\0402"))
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
        try terminal.press("C-d")
        try terminal.waitUntil("the session to end") { _ in !terminal.isRunning }
    }

    @Test("piped stdin is a script: no banner, no prompt, exit code")
    func pipedInput() throws {
        let home = try freshHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let mops = try mopsExecutable()
        let ok = try runProcess(mops, input: "borrow 10 USDT\nprint 1+1\n", environment: terminalEnvironment(home: home))
        #expect(ok.stdout == "2\n")   // a script stays quiet: no success line for the borrow
        #expect(ok.status == 0)
        #expect(!ok.stderr.contains("error"))
        #expect(!FileManager.default.fileExists(atPath: home + "/state/mops/history"))

        let bad = try runProcess(mops, input: "print 1\nprint nosuchname\n", environment: terminalEnvironment(home: home))
        #expect(bad.status == 65)    // a check error: nothing ran, not even the first line
        #expect(bad.stdout.isEmpty)
        #expect(bad.stderr.contains("<stdin>:2"))
    }
}
