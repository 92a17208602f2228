import BinanceMargin
import Foundation
import HTTPTypes
import Hummingbird

extension Response {
    /// The HTTP response carrying `answer`'s status, headers and body, with a `Content-Length`.
    ///
    /// Framing headers (`content-length`, `transfer-encoding`, `connection`) are the server's job
    /// and are not copied from the answer.
    init(transportResponse answer: TransportResponse) {
        var fields = HTTPFields()
        for (name, value) in answer.headers.sorted(by: { $0.key < $1.key }) {
            guard !Self.framingHeaders.contains(name), let fieldName = HTTPField.Name(name) else { continue }
            fields.append(HTTPField(name: fieldName, value: value))
        }
        let status = HTTPResponse.Status(code: answer.status)
        self.init(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    private static let framingHeaders: Set<String> = ["content-length", "transfer-encoding", "connection"]
}
