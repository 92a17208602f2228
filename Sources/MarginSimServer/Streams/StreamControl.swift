import Foundation

/// One live control frame of Binance's stream connections — `SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`,
/// `SET_PROPERTY`, `GET_PROPERTY` — and the answer frames, in Binance's shapes.
struct StreamControl {
    enum Method: String { case subscribe = "SUBSCRIBE", unsubscribe = "UNSUBSCRIBE", list = "LIST_SUBSCRIPTIONS"
        case setProperty = "SET_PROPERTY", getProperty = "GET_PROPERTY" }

    let method: Method
    let params: [Any]
    /// The request's `id` as JSON text (a number, a string or `null`), echoed unchanged.
    let id: String

    /// Parses a text frame; the error frame to send back when it is not a valid request.
    static func parse(_ text: String) -> Result<StreamControl, StreamControlError> {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            return .failure(StreamControlError(code: 3, message: "Invalid JSON: the frame is not a JSON object", id: "null"))
        }
        let id = object["id"].flatMap(idText) ?? "null"
        guard let name = object["method"] as? String, let method = Method(rawValue: name) else {
            return .failure(StreamControlError(code: 2, message: "Invalid request: unknown or missing 'method'", id: id))
        }
        return .success(StreamControl(method: method, params: object["params"] as? [Any] ?? [], id: id))
    }

    /// `params` as stream names.
    var names: [String] { params.compactMap { $0 as? String } }

    /// `{"result":…,"id":…}`.
    func answer(_ result: String) -> String { #"{"result":\#(result),"id":\#(id)}"# }

    /// A JSON array of strings.
    static func array(_ names: [String]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: names)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    private static func idText(_ value: Any) -> String? {
        if value is NSNull { return "null" }
        if let number = value as? NSNumber, !(value is Bool) { return number.stringValue }
        if let string = value as? String, string.count <= 36 { return array([string]).dropFirst().dropLast().description }
        return nil
    }
}

/// A control frame Binance would refuse: `{"code":N,"msg":"…","id":…}`.
struct StreamControlError: Error {
    let code: Int
    let message: String
    let id: String

    var frame: String { #"{"code":\#(code),"msg":\#(StreamControl.array([message]).dropFirst().dropLast()),"id":\#(id)}"# }
}
