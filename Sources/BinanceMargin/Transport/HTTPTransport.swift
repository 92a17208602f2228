import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// A ``Transport`` over HTTP(S) with URLSession: Binance (`https://api.binance.com`), `mops sim serve`,
/// or any Binance-compatible server.
///
/// URLSession (FoundationNetworking, libcurl on Linux) was chosen over AsyncHTTPClient: measured on this
/// project's 2-core machine (`bench/client-swift/transports`, BENCHMARKS.md), AHC would add ≈190 s to the
/// clean build of every program embedding BinanceMargin (104 s → 293 s), while saving only ≈0.25 ms per
/// kept-alive loopback GET — nothing next to Binance's round trip and rate limits. The query and body are
/// sent as given — never re-encoded or re-ordered — because they are the bytes that were signed.
///
/// GETs share kept-alive connections. Every other request (orders, loans, transfers, cancels) goes
/// out on a fresh connection of its own, closed after the answer: libcurl silently re-sends a request
/// whose *reused* connection closes before any response, which for a POST would place an order twice.
/// On a fresh connection it never does, so a lost answer surfaces as ``TransportError/connectionLost``
/// and the client reconciles instead. The cost is one connection set-up per state-changing request.
///
/// Redirects are never followed, signed or not (``NoRedirects``): a 3xx comes back as the response, and
/// the client reports it as an error naming its `Location` — a signed request goes only where it was pointed.
public final class HTTPTransport: Transport, Sendable {

    /// The server's base URL, e.g. `https://api.binance.com` or `http://127.0.0.1:8080`.
    public let baseURL: URL?
    /// Seconds to wait for a response before ``TransportError/timedOut``.
    public let timeout: TimeInterval
    private let session: URLSession
    private let root: String

    /// A transport to `baseURL` with a per-request `timeout` (s) and up to `maxConnections` kept-alive connections.
    ///
    /// Throws an input error for a URL that is not http(s) with a host, and for a Binance host
    /// (``MarginClient/Configuration/isBinanceHost(_:)``) over plain `http://`: keys and signed requests never go in clear.
    public init(baseURL: URL, timeout: TimeInterval = 10, maxConnections: Int = 4) throws {
        guard let scheme = baseURL.scheme?.lowercased(), scheme == "http" || scheme == "https", baseURL.host != nil else {
            throw BinanceError.invalidInput("baseURL", "\(baseURL.absoluteString) is not an http(s) URL with a host",
                hint: "e.g. https://api.binance.com or http://127.0.0.1:8080")
        }
        if scheme == "http" && MarginClient.Configuration.isBinanceHost(baseURL) {
            throw BinanceError.invalidInput("baseURL", "\(baseURL.absoluteString) is a Binance host over plain http://; Binance is reached only over https://",
                hint: "write https://\(baseURL.host ?? "api.binance.com")")
        }
        guard timeout > 0 else { throw BinanceError.invalidInput("timeout", "timeout must be positive, got \(timeout)") }
        self.baseURL = baseURL
        self.timeout = timeout
        var root = baseURL.absoluteString
        while root.hasSuffix("/") { root.removeLast() }
        self.root = root
        self.session = HTTPTransport.session(timeout: timeout, maxConnections: max(1, maxConnections))
    }

    /// A session that never follows a redirect.
    static func session(timeout: TimeInterval, maxConnections: Int) -> URLSession {
        URLSession(configuration: sessionConfiguration(timeout: timeout, maxConnections: maxConnections),
                   delegate: NoRedirects(), delegateQueue: nil)
    }

    static func sessionConfiguration(timeout: TimeInterval, maxConnections: Int) -> URLSessionConfiguration {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout * 3
        configuration.httpMaximumConnectionsPerHost = maxConnections
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        return configuration
    }

    deinit { session.finishTasksAndInvalidate() }

    /// Sends the request and returns the response, whatever its status; throws ``TransportError`` when none arrived.
    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        guard let url = URL(string: root + request.target) else {
            throw TransportError.connectionFailed("cannot form a URL from \(request.path)")
        }
        var urlRequest = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method.rawValue
        for header in request.headers { urlRequest.addValue(header.value, forHTTPHeaderField: header.name) }
        if !request.body.isEmpty {
            urlRequest.httpBody = Data(request.body.utf8)
            if request.header("Content-Type") == nil {
                urlRequest.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
            }
        }
        // A state-changing request rides a one-shot session, so it is never on a reused connection
        // that libcurl could retry behind our back (see the type's documentation).
        let oneShot: URLSession?
        if request.method == .get {
            oneShot = nil
        } else {
            urlRequest.setValue("close", forHTTPHeaderField: "Connection")
            oneShot = HTTPTransport.session(timeout: timeout, maxConnections: 1)
        }
        defer { oneShot?.finishTasksAndInvalidate() }
        do {
            let (data, response) = try await HTTPTransport.data(for: urlRequest, on: oneShot ?? session)
            guard let http = response as? HTTPURLResponse else {
                throw TransportError.connectionLost("the response was not HTTP")
            }
            var headers: [String: String] = [:]
            for (key, value) in http.allHeaderFields {
                headers[String(describing: key).lowercased()] = String(describing: value)
            }
            return TransportResponse(status: http.statusCode, headers: headers, body: data)
        } catch let error as TransportError {
            throw error
        } catch let error as URLError {
            throw HTTPTransport.map(error)
        } catch is CancellationError {
            throw TransportError.cancelled
        } catch {
            throw TransportError.connectionLost(error.localizedDescription)
        }
    }

    /// `session.data(for:)` with a cancellation that cannot deadlock: FoundationNetworking's own cancels the task while
    /// holding the awaiting task's status lock, and a response completing at that moment takes the two locks the
    /// other way round (swift-corelibs-foundation#5412). Here the cancel is handed to another thread first.
    static func data(for request: URLRequest, on session: URLSession) async throws -> (Data, URLResponse) {
        let box = TaskBox()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<(Data, URLResponse), any Error>) in
                let task = session.dataTask(with: request) { data, response, error in
                    if let data, let response { continuation.resume(returning: (data, response)) } else {
                        continuation.resume(throwing: error ?? URLError(.badServerResponse))
                    }
                }
                box.set(task)
                task.resume()
            }
        } onCancel: {
            DispatchQueue.global().async { box.cancel() }
        }
    }

    /// URLError → TransportError: could not connect → connectionFailed (certainly not processed);
    /// time-out → timedOut; cancelled → cancelled; anything else → connectionLost (outcome unknown).
    static func map(_ error: URLError) -> TransportError {
        switch error.code {
        case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet,
             .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected,
             .unsupportedURL, .badURL, .appTransportSecurityRequiresSecureConnection:
            return .connectionFailed(error.localizedDescription)
        case .timedOut:
            return .timedOut
        case .cancelled:
            return .cancelled
        default:
            return .connectionLost(error.localizedDescription)
        }
    }
}

/// The session delegate that refuses every redirect: the 3xx response itself is returned to the caller.
final class NoRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}

/// The data task of one request, cancellable from another thread before or after it exists.
final class TaskBox: Sendable {
    private let state = Mutex<(task: URLSessionDataTask?, cancelled: Bool)>((nil, false))

    /// Keeps `task`; cancels it at once if a cancel came first.
    func set(_ task: URLSessionDataTask) {
        let cancelled = state.withLock { state in
            state.task = task
            return state.cancelled
        }
        if cancelled { task.cancel() }
    }

    /// Cancels the task, or remembers to when it is set.
    func cancel() {
        let task = state.withLock { state in
            state.cancelled = true
            return state.task
        }
        task?.cancel()
    }
}
