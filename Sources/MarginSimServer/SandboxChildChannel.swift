import Foundation
import HTTPTypes
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOHTTPTypes

/// Hummingbird's HTTP/1.1 connection handling (with the WebSocket upgrade to the streams, when served)
/// behind a ``ConnectionGate``: a connection past the limit is not served; it gets HTTP 503 (`-1008`,
/// naming the limit) to its first request and is closed. Idle connections are closed by the HTTP/1.1
/// channel's own idle timeout (which also ends a refused connection that never sends a request); a stream
/// connection holds its slot while it is open.
struct SandboxChildChannel: ServerChildChannel {
    /// An accepted connection: admitted (plain or upgradable), or refused.
    enum Value: ServerChildChannelValue {
        case plain(HTTP1Channel.Value)
        case upgradable(HTTP1WebSocketUpgradeChannel.Value)
        /// A refused connection, and its close at ``refusedConnectionLifetime`` after it was accepted.
        case refused(HTTP1Channel.Value, closing: Scheduled<Void>)

        var channel: any Channel {
            switch self {
            case .plain(let value), .refused(let value, _): value.channel
            case .upgradable(let value): value.channel
            }
        }
    }

    let http: HTTP1Channel
    /// The same HTTP handling with the WebSocket upgrade, when the server serves streams.
    let upgradable: HTTP1WebSocketUpgradeChannel?
    let gate: ConnectionGate

    /// How long a refused connection may take to send its first request.
    static let refusedConnectionLifetime = TimeAmount.seconds(2)

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let admitted = gate.admit()
        if admitted {
            let gate = self.gate
            channel.closeFuture.whenComplete { _ in gate.release() }
        }
        if admitted, let upgradable {
            return upgradable.setup(channel: channel, logger: logger).map { Value.upgradable($0) }
        }
        guard admitted else {
            // Scheduled on the connection's event loop now, so the close does not wait for a task to start.
            let closing = channel.eventLoop.scheduleTask(in: Self.refusedConnectionLifetime) { channel.close(promise: nil) }
            return http.setup(channel: channel, logger: logger).map { Value.refused($0, closing: closing) }
        }
        return http.setup(channel: channel, logger: logger).map { Value.plain($0) }
    }

    func handle(value: Value, logger: Logger) async {
        switch value {
        case .plain(let connection): await http.handle(value: connection, logger: logger)
        case .upgradable(let connection): await upgradable?.handle(value: connection, logger: logger)
        case .refused(let connection, let closing):
            logger.notice("refusing a connection: \(gate.limit) already open (the server's connection limit)")
            await refuse(connection, replacing: closing)
        }
    }

    /// Reads the first request (so closing does not reset the connection under the answer), answers
    /// 503 and closes; the close scheduled at accept is replaced by one from now, so the answer is not cut.
    private func refuse(_ connection: HTTP1Channel.Value, replacing closing: Scheduled<Void>) async {
        let body = SandboxErrorResponse.body(code: -1008, message: "Too many connections: this sandbox serves at most \(gate.limit) at once (mops sim serve --max-connections); close idle connections or raise the limit, then retry.")
        var head = HTTPResponse(status: .serviceUnavailable)
        head.headerFields[.contentType] = "application/json;charset=UTF-8"
        head.headerFields[.contentLength] = String(body.count)
        head.headerFields[.connection] = "close"
        head.headerFields[.retryAfter] = "1"
        // A refused connection that sends nothing is closed soon, idle timeout or not.
        let channel = connection.channel
        closing.cancel()
        let deadline = channel.eventLoop.scheduleTask(in: Self.refusedConnectionLifetime) { channel.close(promise: nil) }
        defer { deadline.cancel() }
        try? await connection.executeThenClose { inbound, outbound in
            for try await part in inbound {
                if case .end = part { break }
            }
            try await outbound.write(.head(head))
            try await outbound.write(.body(ByteBuffer(bytes: body)))
            try await outbound.write(.end(nil))
        }
    }
}
