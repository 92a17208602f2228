import Foundation
import Hummingbird

/// The few answers the server gives itself, before a request reaches the exchange; shaped like
/// Binance's errors (`{"code":…,"msg":…}` with a JSON content type).
enum SandboxErrorResponse {
    /// HTTP 405 for methods Binance's REST API does not use (HEAD, PATCH, OPTIONS, …).
    static func unsupportedMethod(_ method: String) -> Response {
        error(status: .methodNotAllowed, code: -1000,
              message: "Unsupported HTTP method \(method); use GET, POST, PUT or DELETE.")
    }

    /// HTTP 413 when the body is larger than the server accepts.
    static func bodyTooLarge(limit: Int) -> Response {
        error(status: .contentTooLarge, code: -1000, message: "Request body larger than \(limit) bytes.")
    }

    private static func error(status: HTTPResponse.Status, code: Int, message: String) -> Response {
        struct Payload: Encodable { let code: Int; let msg: String }
        let body = (try? JSONEncoder().encode(Payload(code: code, msg: message))) ?? Data("{}".utf8)
        return Response(
            status: status,
            headers: [.contentType: "application/json;charset=UTF-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body))
        )
    }
}
