import BinanceMargin
import Foundation
import Hummingbird
import Logging
import NIOCore

/// Turns each HTTP request into a ``TransportRequest``, asks the handler, and writes its answer back.
struct SandboxResponder: HTTPResponder {
    typealias Context = SandboxRequestContext

    let handler: SandboxServer.Handler
    let maximumBodySize: Int
    let logger: Logger

    func respond(to request: Request, context: Context) async throws -> Response {
        guard let method = BinanceMargin.HTTPMethod(rawValue: request.method.rawValue) else {
            return SandboxErrorResponse.unsupportedMethod(request.method.rawValue)
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: maximumBodySize)
        } catch {
            return SandboxErrorResponse.bodyTooLarge(limit: maximumBodySize)
        }
        let transportRequest = TransportRequest(
            method: method,
            path: request.uri.path,
            query: request.uri.query ?? "",
            body: String(decoding: body.readableBytesView, as: UTF8.self),
            headers: request.headers.map { (name: $0.name.rawName, value: $0.value) }
        )
        let reply = await handler(transportRequest)
        let answer = reply.response
        logger.debug("\(method.rawValue) \(transportRequest.path) → \(answer.status)")
        if reply.delayMilliseconds > 0 {
            try? await Task.sleep(for: .milliseconds(reply.delayMilliseconds))
        }
        if reply.dropsConnection {
            // The request was executed; the client must see the connection die with no answer.
            logger.debug("dropping the connection without a response (drop fault)")
            try? await context.channel.close()
            throw SandboxServerError.connectionDropped
        }
        return Response(transportResponse: answer)
    }
}

/// Errors the sandbox's responder raises inside Hummingbird (never seen by a client as a body).
enum SandboxServerError: Error {
    /// The `drop` fault closed the connection on purpose.
    case connectionDropped
}
