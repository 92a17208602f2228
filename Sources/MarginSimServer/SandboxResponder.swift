import BinanceMargin
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Turns each HTTP request into a ``TransportRequest``, asks the handler, and writes its answer back.
struct SandboxResponder: HTTPResponder {
    typealias Context = SandboxRequestContext

    let handler: SandboxServer.Handler
    let maximumBodySize: Int
    let access: SandboxAccessPolicy
    let logger: Logger

    func respond(to request: Request, context: Context) async throws -> Response {
        guard let method = BinanceMargin.HTTPMethod(rawValue: request.method.rawValue) else {
            return SandboxErrorResponse.unsupportedMethod(request.method.rawValue)
        }
        if let refusal = refusal(of: request) {
            logger.debug("\(method.rawValue) \(request.uri.path) → 403 (refused by the access policy)")
            return SandboxErrorResponse.forbidden(refusal)
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
            // The control token stays with the server; the exchange never sees it.
            headers: request.headers.filter { $0.name.canonicalName != Self.tokenFieldName }
                .map { (name: $0.name.rawName, value: $0.value) }
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

    /// Why ``access`` refuses `request`, or `nil`.
    private func refusal(of request: Request) -> String? {
        let hosts = (request.head.authority.map { [$0] } ?? [])
            + request.headers.filter { $0.name.canonicalName == "host" }.map(\.value)
        return access.refusal(path: request.uri.path, hosts: hosts) { name in
            HTTPField.Name(name).flatMap { request.headers[$0] }
        }
    }

    private static let tokenFieldName = SandboxAccessPolicy.tokenHeader.lowercased()
}

/// Errors the sandbox's responder raises inside Hummingbird (never seen by a client as a body).
enum SandboxServerError: Error {
    /// The `drop` fault closed the connection on purpose.
    case connectionDropped
}
