import Foundation
import HTTPTypes
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypes

/// Hummingbird's HTTP/1.1 connection handling behind a ``ConnectionGate``: a connection past the
/// limit is not served; it gets HTTP 503 (`-1008`, naming the limit) to its first request and is
/// closed. Idle connections are closed by the HTTP/1.1 channel's own idle timeout (which also ends a
/// refused connection that never sends a request).
struct SandboxChildChannel: ServerChildChannel {
    /// An accepted connection and whether it holds a slot.
    struct Value: ServerChildChannelValue {
        let connection: HTTP1Channel.Value
        let admitted: Bool
        var channel: any Channel { connection.channel }
    }

    let http: HTTP1Channel
    let gate: ConnectionGate

    /// How long a refused connection may take to send its first request.
    static let refusedConnectionLifetime = TimeAmount.seconds(2)

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let admitted = gate.admit()
        if admitted {
            let gate = self.gate
            channel.closeFuture.whenComplete { _ in gate.release() }
        }
        return http.setup(channel: channel, logger: logger).map { Value(connection: $0, admitted: admitted) }
    }

    func handle(value: Value, logger: Logger) async {
        if value.admitted {
            await http.handle(value: value.connection, logger: logger)
        } else {
            logger.notice("refusing a connection: \(gate.limit) already open (the server's connection limit)")
            await refuse(value.connection)
        }
    }

    /// Reads the first request (so closing does not reset the connection under the answer), answers
    /// 503 and closes.
    private func refuse(_ connection: HTTP1Channel.Value) async {
        let body = SandboxErrorResponse.body(code: -1008, message: "Too many connections: this sandbox serves at most \(gate.limit) at once (mops sim serve --max-connections); close idle connections or raise the limit, then retry.")
        var head = HTTPResponse(status: .serviceUnavailable)
        head.headerFields[.contentType] = "application/json;charset=UTF-8"
        head.headerFields[.contentLength] = String(body.count)
        head.headerFields[.connection] = "close"
        head.headerFields[.retryAfter] = "1"
        // A refused connection that sends nothing is closed soon, idle timeout or not.
        let channel = connection.channel
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
