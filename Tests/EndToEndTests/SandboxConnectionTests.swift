import BinanceMargin
import Foundation
import MarginSimServer
import Testing

/// Idle connections are closed; the number of connections is bounded; both over real sockets.
@Suite("Sandbox connections: idle timeout and limit")
struct SandboxConnectionTests {
    static let ping = RawHTTPConnection.request("GET", "/api/v3/ping")

    static func stub(idleTimeout: Duration? = SandboxServer.defaultIdleTimeout, maximumConnections: Int = 8) -> SandboxServer {
        SandboxServer(host: "127.0.0.1", port: 0, logger: quietLogger, idleTimeout: idleTimeout,
                      maximumConnections: maximumConnections) { _ in
            SandboxReply(response: TransportResponse(status: 200, headers: ["content-type": "application/json"], body: Data("{}".utf8)))
        }
    }

    @Test("an idle connection, and one whose request head stalls, are closed after the idle timeout; a busy one is not")
    func idleConnectionsClosed() async throws {
        // A 3 s timeout against requests 200 ms apart: wide enough margins for a loaded 2-core machine.
        try await withRunningSandbox(Self.stub(idleTimeout: .seconds(3))) { url in
            let port = url.port!
            // Busy: a request every 200 ms for 4.4 s outlives the 3 s timeout.
            try await HeldConnection.with(port: port) { connection in
                for index in 0..<22 {
                    let response = try await connection.exchange(Self.ping)
                    #expect(response?.status == 200, "request \(index) on a busy connection")
                    try await Task.sleep(for: .milliseconds(200))
                }
            }
            // Idle after one answer.
            let started = ContinuousClock.now
            try await HeldConnection.with(port: port) { connection in
                let answer1 = try await connection.exchange(Self.ping)
                #expect(answer1?.status == 200)
                #expect(await !connection.closes(within: .milliseconds(1500)), "closed before the idle timeout")
                #expect(await connection.closes(within: .seconds(10)), "an idle connection stayed open")
            }
            #expect(ContinuousClock.now - started >= .milliseconds(2900))
            // A request head that never completes (slow loris).
            try await HeldConnection.with(port: port) { connection in
                try await connection.send("GET /api/v3/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                #expect(await connection.closes(within: .seconds(10)), "a stalled request head kept its connection")
            }
        }
    }

    @Test("without an idle timeout an idle connection stays open (the control for the test above)")
    func noIdleTimeout() async throws {
        try await withRunningSandbox(Self.stub(idleTimeout: nil)) { url in
            try await HeldConnection.with(port: url.port!) { connection in
                let answer2 = try await connection.exchange(Self.ping)
                #expect(answer2?.status == 200)
                #expect(await !connection.closes(within: .milliseconds(1500)))
                let answer3 = try await connection.exchange(Self.ping)
                #expect(answer3?.status == 200)
            }
        }
    }

    @Test("with N connections open the next gets 503 (-1008, naming the limit) and is closed; once they close, new ones are served",
          arguments: [1, 3])
    func connectionLimit(limit: Int) async throws {
        try await withRunningSandbox(Self.stub(maximumConnections: limit)) { url in
            let port = url.port!
            try await Self.holding(limit, port: port) {
                try await HeldConnection.with(port: port) { extra in
                    let response = try #require(try await extra.exchange(Self.ping))
                    #expect(response.status == 503)
                    #expect(response.headers["connection"] == "close")
                    let json = try #require(try response.json() as? [String: Any])
                    #expect(json["code"] as? Int == -1008)
                    #expect((json["msg"] as? String)?.contains("at most \(limit)") == true)
                    #expect(await extra.closes(within: .seconds(5)))
                }
            }
            // The held connections are closed now; the server notices within a moment, and then
            // serves `limit` connections at once again.
            var restored = false
            for _ in 0..<100 where !restored {
                restored = (try? await Self.canHold(limit, port: port)) ?? false
                if !restored { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(restored, "\(limit) connections were not served at once after the held ones closed")
        }
    }

    @Test("a refused connection that never sends a request is closed soon")
    func silentRefusedConnectionClosed() async throws {
        // The server closes it 2 s after accepting it (SandboxChildChannel.refusedConnectionLifetime). The bound is
        // wide: in full-suite runs on 2 cores a 6 s bound failed about one run in five (cause not pinned down; the
        // same runs took up to 90 s just to start this test's server). Without the close the connection would stay
        // open for ever: there is no idle timeout here, and the control above shows such a connection stays.
        try await withRunningSandbox(Self.stub(idleTimeout: nil, maximumConnections: 1)) { url in
            try await Self.holding(1, port: url.port!) {
                try await HeldConnection.with(port: url.port!) { extra in
                    #expect(await extra.closes(within: .seconds(30)))
                }
            }
        }
    }

    /// Whether `count` connections opened together are all answered 200 (none refused).
    static func canHold(_ count: Int, port: Int) async throws -> Bool {
        guard count > 0 else { return true }
        return try await HeldConnection.with(port: port) { connection in
            guard (try? await connection.exchange(Self.ping))?.status == 200 else { return false }
            return try await canHold(count - 1, port: port)
        }
    }

    /// Opens `count` connections, each answered (so each holds a slot), runs `body` while all are
    /// open, checks they still answer, and closes them.
    static func holding(_ count: Int, port: Int, _ body: () async throws -> Void) async throws {
        guard count > 0 else { return try await body() }
        try await HeldConnection.with(port: port) { connection in
            let answer4 = try await connection.exchange(Self.ping)
            #expect(answer4?.status == 200, "connection \(count) was not served")
            try await holding(count - 1, port: port, body)
            let answer5 = try await connection.exchange(Self.ping)
            #expect(answer5?.status == 200, "connection \(count) stopped answering")
        }
    }
}
