import Foundation

/// One request on the WebSocket API (`{"id":…,"method":"…","params":{…}}`) and Binance's response envelopes:
/// `{"id":…,"status":200,"result":…,"rateLimits":[…]}` or `{"id":…,"status":400,"error":{"code":…,"msg":…}}`.
struct WebSocketAPIRequest {
    /// The request's `id` as JSON text (a number or a string), echoed unchanged.
    let id: String
    let method: String
    let params: [String: Any]

    /// Parses a text frame; the error frame for one that is not a request.
    static func parse(_ text: String) -> Result<WebSocketAPIRequest, WebSocketAPIError> {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            return .failure(WebSocketAPIError(id: "null", code: -1100, message: "Illegal characters found in a parameter."))
        }
        let id = object["id"].flatMap(idText) ?? "null"
        guard let method = object["method"] as? String else {
            return .failure(WebSocketAPIError(id: id, code: -1102, message: "Mandatory parameter 'method' was not sent, was empty/null, or malformed."))
        }
        return .success(WebSocketAPIRequest(id: id, method: method, params: object["params"] as? [String: Any] ?? [:]))
    }

    /// The success envelope with `result` (JSON text) and the request weight counted for this minute.
    func success(_ result: String, weight: Int) -> String {
        #"{"id":\#(id),"status":200,"result":\#(result),"rateLimits":[{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":6000,"count":\#(weight)}]}"#
    }

    /// The error envelope.
    func failure(status: Int, code: Int, message: String) -> String {
        WebSocketAPIError(id: id, code: code, message: message, status: status).frame
    }

    private static func idText(_ value: Any) -> String? {
        if let number = value as? NSNumber, !(value is Bool) { return number.stringValue }
        if let string = value as? String, string.count <= 36, let data = try? JSONSerialization.data(withJSONObject: [string]) {
            return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
        }
        return nil
    }
}

/// A refused WebSocket API request, as Binance frames it.
struct WebSocketAPIError: Error {
    let id: String
    let code: Int
    let message: String
    var status = 400

    var frame: String {
        let text = (try? JSONSerialization.data(withJSONObject: [message])).map { String(decoding: $0.dropFirst().dropLast(), as: UTF8.self) } ?? #""""#
        return #"{"id":\#(id),"status":\#(status),"error":{"code":\#(code),"msg":\#(text)}}"#
    }
}
