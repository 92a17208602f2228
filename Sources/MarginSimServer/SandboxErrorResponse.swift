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

    /// HTTP 403 for a request the ``SandboxAccessPolicy`` refuses; `message` names the fix.
    static func forbidden(_ message: String) -> Response {
        error(status: .forbidden, code: -1002, message: message)
    }

    /// The JSON body of an error answer: `{"code":…,"msg":…}`.
    static func body(code: Int, message: String) -> Data {
        struct Payload: Encodable { let code: Int; let msg: String }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]  // {"code":…,"msg":…}, as Binance writes it
        return (try? encoder.encode(Payload(code: code, msg: message))) ?? Data("{}".utf8)
    }

    private static func error(status: HTTPResponse.Status, code: Int, message: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json;charset=UTF-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body(code: code, message: message)))
        )
    }
}
