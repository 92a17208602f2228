import Foundation

/// A ``Transport`` that adds fixed header fields to every request before handing it to another
/// transport: e.g. the control token a `mops sim serve` bound beyond loopback requires
/// (`X-Mops-Control-Token`).
///
/// The headers are added below the client, so they are never signed, never shown to request
/// observers (plan mode, logs) and never part of an error message. Give it only to the server the
/// header is meant for: it adds them to every request, whatever the base URL.
public struct HeaderAddingTransport: Transport {
    /// The transport that sends the requests.
    public let base: any Transport
    private let fields: [(name: String, value: String)]

    /// Adds `fields` (name, value) to every request `base` sends.
    public init(base: any Transport, fields: [(name: String, value: String)]) {
        self.base = base
        self.fields = fields
    }

    /// Sends `request` with the fields added (a field the request already carries is replaced).
    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        var request = request
        for field in fields {
            request.headers.removeAll { $0.name.caseInsensitiveCompare(field.name) == .orderedSame }
            request.headers.append(field)
        }
        return try await base.send(request)
    }

    /// The base transport's URL (so the client still tells live Binance from a simulator).
    public var baseURL: URL? { base.baseURL }

    /// Whether the base transport is a simulator (forwarded for the same reason).
    public var isSimulator: Bool { base.isSimulator }
}
