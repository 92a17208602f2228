import Foundation
import ProcessTestSupport
import Testing

/// `mops run` with `on … { }` handlers: where events come from (the notice), text and `-o json` output, a failing
/// handler shown as it happens, `watch` until Ctrl-C, and the polling fallback over HTTP.
@Suite("mops run with handlers")
struct HandlerCLITests {
    static let marginCall = """
        on marginStatus MARGIN_CALL { print "margin call at {event.level}" }
        borrow 20000 USDT
        buy 0.4 BTCUSDT
        sim shock BTCUSDT -20%
        print "done"
        """

    @Test("the embedded simulator streams its events: the notice, then the handler's line, then the script's")
    func embeddedText() throws {
        let r = try MopsProcess.run(["-e", HandlerCLITests.marginCall])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "handlers: events streamed from the embedded simulator\nmargin call at 1.24903219\ndone\n")
        #expect(r.stderr == "mops: running <-e> on simulator (embedded, scenario default)\n")
    }

    @Test("-o json: the notice is a note, the handler's print a print, then the result")
    func embeddedJSON() throws {
        let r = try MopsProcess.run(["-o", "json", "-e", HandlerCLITests.marginCall])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines.prefix(3) == [#"{"text":"handlers: events streamed from the embedded simulator","type":"note"}"#,
                                   #"{"text":"margin call at 1.24903219","type":"print"}"#, #"{"text":"done","type":"print"}"#])
        #expect(lines.last?.hasPrefix(#"{"backend":"simulator (embedded, scenario default)","diagnostics":[],"exitCode":0"#) == true)
    }

    @Test("a failing handler is shown when it fails (text: stderr; json: a diagnostic line), the script goes on, exit 70")
    func handlerFailure() throws {
        let script = "on fill { let x = 1 / 0 }\nbuy 0.01 BTCUSDT\nprint \"went on\""
        let text = try MopsProcess.run(["-e", script])
        #expect(text.status == 70)
        #expect(text.stdout == "handlers: events streamed from the embedded simulator\nwent on\n")
        #expect(text.stderr.contains("<-e>:1:19: error: division by zero"))
        #expect(text.stderr.contains("note: in the handler 'on fill' (line 1); the script went on"))
        #expect(text.stderr.components(separatedBy: "division by zero").count == 2, "shown once:\n\(text.stderr)")
        let json = try MopsProcess.run(["-o", "json", "-e", script])
        #expect(json.status == 70)
        let lines = json.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        let diagnostic = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(diagnostic["type"] as? String == "diagnostic" && diagnostic["message"] as? String == "division by zero")
        #expect(diagnostic["line"] as? Int == 1 && diagnostic["column"] as? Int == 19)
        #expect(lines[2] == #"{"text":"went on","type":"print"}"#)
        #expect(lines[3].contains(#""status":"runtimeError""#) && lines[3].contains("division by zero"))
    }

    @Test("watch runs until Ctrl-C: exit 130, the run's output kept")
    func watchUntilInterrupt() throws {
        let mops = try RunningMops(["-e", "on liquidation { print event.text }\nprint \"watching\"\nwatch"])
        // Ctrl-C is handled before the script's first statement: once it printed, an interrupt cannot be lost.
        #expect(mops.waitFor("watching\n"))
        mops.interrupt()
        let r = mops.finish()
        #expect(r.status == 130)
        #expect(r.stdout == "handlers: events streamed from the embedded simulator\nwatching\n")
        #expect(r.stderr.contains("note: cancelled; nothing was sent"), "\(r.stderr)")
    }

    @Test("over HTTP the handlers are fed by the sandbox's streams (said in the notice): a fill and a margin level crossing")
    func streamedOverHTTP() throws {
        let (server, url) = try CLITests.startServer()
        defer { server.terminateAndWait() }
        let script = """
            let seen = 0
            on marginLevel < 1.3 {
                print "below 1.3: {event.level}"
                seen = seen + 1
                if seen == 2 { exit }
            }
            on fill BTCUSDT {
                print "fill {event.side} {event.qty} at {event.price}"
                seen = seen + 1
                if seen == 2 { exit }
            }
            borrow 20000 USDT
            buy 0.4 BTCUSDT
            sim shock BTCUSDT -20%
            watch
            """
        let r = try MopsProcess.run(["-e", script, "--base-url", url], timeout: 60)
        #expect(r.status == 0, "\(r.stderr)")
        let ws = url.replacingOccurrences(of: "http://", with: "ws://")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "handlers: events streamed from \(ws) (user data, risk, user data of 1 isolated pair(s), trades of 1 pair(s))")
        // The two streams (user data, trades) arrive on their own connections: either handler may run first.
        #expect(Set(lines.dropFirst()) == ["fill BUY 0.4 at 60000", "below 1.3: 1.24903219"] && lines.count == 3, "\(r.stdout)")
    }
}
