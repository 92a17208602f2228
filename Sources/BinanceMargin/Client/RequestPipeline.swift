import Foundation
import Logging

// The one path every request takes: rate-limit gate → time sync → build and sign → send →
// record headers → map errors → retry (GET/DELETE only) or re-sync once on -1021.

/// `{"code":-2010,"msg":"…"}`.
struct APIErrorBody: Decodable {
    let code: Int
    let msg: String?
}

/// What one ``MarginClient/execute(_:_:delivery:)`` did, for callers that act on a lost answer:
/// how many transport-level tries it made, and the `timestamp` of the last signed request it sent
/// (an order is valid until that timestamp + recvWindow, however long the client waited before sending it).
struct Delivery {
    /// Transport-level tries (1 = no retry).
    var attempts = 0
    /// The `timestamp` parameter of the last signed request handed to the transport.
    var lastTimestamp: Int64?
}

extension MarginClient {
    /// Sends `endpoint` with `params` and returns the successful (2xx) response; throws ``BinanceError``.
    func execute(_ endpoint: Endpoint, _ params: Parameters = Parameters()) async throws -> TransportResponse {
        var delivery = Delivery()
        return try await execute(endpoint, params, delivery: &delivery)
    }

    /// As ``execute(_:_:)``, recording what was sent in `delivery` (also when it throws).
    func execute(_ endpoint: Endpoint, _ params: Parameters, delivery: inout Delivery) async throws -> TransportResponse {
        try checkAllowed(endpoint)
        if endpoint.security == .simulator { simulatorControls.increment() }
        var attempt = 1        // transport-level tries (retries after network errors and 5xx)
        var sends = 0          // every request handed to the transport, -1021 re-sends included
        var resynced = false
        while true {
            delivery.attempts = attempt
            sends += 1
            try await passRateLimitGate(endpoint)
            if endpoint.security == .signed && configuration.synchronizesTime
                && timeSync.needsSync(now: configuration.clock.now()) {
                try await syncTime()
            }
            let timestamp = timeSync.serverTime(at: configuration.clock.now())
            let request = try buildRequest(endpoint, params, timestamp: timestamp)
            if endpoint.security == .signed { delivery.lastTimestamp = timestamp }
            // Described (signature redacted) only for an observer or a debug log: a simulated minute is a few µs.
            let summary = configuration.observer != nil || logger.logLevel <= .debug
                ? RequestSummary(endpoint: endpoint.name, method: endpoint.method, path: endpoint.path,
                                 query: RequestSummary.redact(request.query), body: RequestSummary.redact(request.body),
                                 attempt: sends)
                : nil
            if let summary {
                configuration.observer?(.sent(summary))
                logger.debug("→ \(summary)", metadata: ["endpoint": "\(endpoint.name)", "apiKey": "<redacted>"])
            }

            let response: TransportResponse
            do {
                response = try await configuration.transport.send(request)
            } catch {
                let failure = (error as? TransportError) ?? (error is CancellationError ? .cancelled : .connectionLost("\(error)"))
                if let summary { configuration.observer?(.failed(summary, failure)) }
                logger.warning("✗ \(endpoint): \(failure)")
                if endpoint.isRetriable && attempt < configuration.retryPolicy.maxAttempts
                    && failure != .cancelled && !Task.isCancelled {
                    try await pause(configuration.retryPolicy.backoff(beforeAttempt: attempt + 1))
                    attempt += 1
                    continue
                }
                throw networkError(failure, endpoint)
            }

            let now = configuration.clock.now()
            rateLimitUsage.record(headers: response.headers, at: now)
            if let observer = configuration.observer, let summary {
                observer(.received(summary, status: response.status, body: RequestSummary.redactAnswer(String(decoding: response.body, as: UTF8.self))))
            }
            logger.debug("← \(response.status) \(endpoint)", metadata: ["endpoint": "\(endpoint.name)"])

            if (200..<300).contains(response.status) { return response }

            let error = mapError(response, endpoint, at: now)
            if error.code == -1021 && endpoint.security == .signed && !resynced {
                resynced = true
                logger.notice("-1021 from \(endpoint): re-syncing server time and retrying once")
                try await syncTime()
                continue
            }
            if endpoint.isRetriable && response.status >= 500 && attempt < configuration.retryPolicy.maxAttempts {
                try await pause(configuration.retryPolicy.backoff(beforeAttempt: attempt + 1))
                attempt += 1
                continue
            }
            throw error
        }
    }

    /// Sends and decodes a 2xx response as `T`.
    func call<T: Decodable>(_ endpoint: Endpoint, _ params: Parameters = Parameters(), as type: T.Type = T.self) async throws -> T {
        let response = try await execute(endpoint, params)
        return try decode(T.self, from: response, endpoint)
    }

    /// Measures the server-time offset now (`GET /api/v3/time`). Concurrent callers share one measurement.
    public func syncTime() async throws {
        if let pending = pendingTimeSync { return try await pending.value }
        let task = Task { try await self.measureServerTime() }
        pendingTimeSync = task
        defer { pendingTimeSync = nil }
        try await task.value
    }

    private func measureServerTime() async throws {
        let sentAt = configuration.clock.now()
        let response = try await execute(Endpoints.serverTime)
        let receivedAt = configuration.clock.now()
        let time = try decode(ServerTime.self, from: response, Endpoints.serverTime)
        try timeSync.record(serverTime: time.serverTime, sentAt: sentAt, receivedAt: receivedAt)
        logger.debug("server time offset \(timeSync.offset ?? 0) ms (round trip \(timeSync.roundTrip ?? 0) ms)")
    }

    // MARK: Building

    func checkAllowed(_ endpoint: Endpoint) throws {
        if endpoint.security == .simulator && configuration.isLive {
            throw BinanceError(category: .refused, message: "simulator control (\(endpoint.path)) is refused: this client talks to live Binance",
                               endpoint: endpoint.description,
                               hint: "point the client at the embedded simulator or at `mops sim serve` to use sim commands")
        }
        if endpoint.security == .signed && configuration.credentials == nil {
            throw BinanceError(category: .auth, message: "\(endpoint) needs an API key and secret, and none are configured",
                               endpoint: endpoint.description,
                               hint: "set BINANCE_API_KEY and BINANCE_API_SECRET (or BINANCE_PRIVATE_KEY_FILE), or pass Credentials")
        }
    }

    /// The wire request: all parameters in the query string (as Binance's official SDK sends them),
    /// then `recvWindow` and `timestamp` for signed endpoints, then `signature` last; the body is empty.
    /// The signed payload is exactly the query string sent (query + empty body). `timestamp` is the
    /// estimated server time the request is stamped with.
    func buildRequest(_ endpoint: Endpoint, _ params: Parameters, timestamp: Int64) throws -> TransportRequest {
        var query = params.encoded
        var headers: [(name: String, value: String)] = []
        switch endpoint.security {
        case .signed:
            guard let credentials = configuration.credentials else { throw BinanceError(category: .auth, message: "no credentials") }
            // Digits and `-` only: nothing to percent-encode. Written into one string sized up front.
            var signed = String()
            signed.reserveCapacity(query.utf8.count + 128)
            signed += query
            if !query.isEmpty { signed += "&" }
            if let window = configuration.recvWindow { signed += "recvWindow="; signed += String(window); signed += "&" }
            signed += "timestamp="; signed += String(timestamp)
            let signature = try credentials.signature(for: signed)
            signed += "&signature="; signed += signature
            query = signed
            headers.append((name: "X-MBX-APIKEY", value: credentials.apiKey))
        case .apiKey:
            if let credentials = configuration.credentials { headers.append((name: "X-MBX-APIKEY", value: credentials.apiKey)) }
        case .none, .simulator:
            break
        }
        return TransportRequest(method: endpoint.method, path: endpoint.path, query: query, body: "", headers: headers)
    }

    // MARK: Rate limits

    func passRateLimitGate(_ endpoint: Endpoint) async throws {
        let now = configuration.clock.now()
        if let until = rateLimitUsage.bannedUntil {
            if until > now {
                let seconds = until.saturatingSubtracting(now).secondsRoundedUp
                throw BinanceError(category: .ipBanned, httpStatus: 418, message: "this IP is banned by Binance for another \(seconds) s; nothing was sent",
                                   endpoint: endpoint.description, retryAfterSeconds: seconds,
                                   hint: "the ban followed repeated 429s; wait it out — every request during a ban lengthens it")
            }
            rateLimitUsage.bannedUntil = nil
        }
        if let until = rateLimitUsage.retryAfterUntil {
            let wait = until.saturatingSubtracting(now)
            if wait > configuration.maxRetryAfterWait.saturatingMultiplied(by: 1000) {
                let seconds = wait.secondsRoundedUp
                throw BinanceError(category: .rateLimit, httpStatus: 429, message: "rate limit: Binance asked to wait \(seconds) s before the next request; nothing was sent",
                                   endpoint: endpoint.description, retryAfterSeconds: seconds)
            }
            if wait > 0 {
                logger.notice("waiting \(wait) ms (Retry-After) before \(endpoint)")
                try await pause(wait)
            }
            rateLimitUsage.retryAfterUntil = nil
        }
    }

    /// Waits `milliseconds` on the injected clock; a cancelled wait is a ``BinanceError`` too.
    func pause(_ milliseconds: Int64) async throws {
        do {
            try await configuration.clock.sleep(milliseconds)
        } catch {
            throw BinanceError(category: .network, message: "cancelled while waiting \(milliseconds) ms",
                               hint: "the task was cancelled; nothing further was sent")
        }
    }

    /// Waits like ``pause(_:)`` but reports cancellation as `false` instead of throwing (for reconciliation,
    /// which must end with its own unknown-outcome error).
    func pauseUnlessCancelled(_ milliseconds: Int64) async -> Bool {
        do { try await configuration.clock.sleep(milliseconds); return true } catch { return false }
    }

    // MARK: Errors

    func networkError(_ failure: TransportError, _ endpoint: Endpoint) -> BinanceError {
        let unknown = !failure.requestCertainlyNotProcessed && endpoint.method != .get
        return BinanceError(category: .network, message: failure.description, endpoint: endpoint.description,
                            outcomeUnknown: unknown,
                            hint: failure.requestCertainlyNotProcessed
                                ? "the server could not be reached; check the URL and that it is running"
                                : (unknown ? "the request may have been executed; check its effect before repeating it" : nil))
    }

    /// Maps a non-2xx response to a ``BinanceError``, recording 429 waits and 418 bans.
    func mapError(_ response: TransportResponse, _ endpoint: Endpoint, at now: Int64) -> BinanceError {
        let status = response.status
        let retryAfter = MarginClient.retryAfterSeconds(response.header("retry-after"))
        // A 429 without Retry-After (the order-count limit) still earns a one-second pause.
        if status == 429 { rateLimitUsage.retryAfterUntil = now.saturatingAdding((retryAfter ?? 1) * 1000) }
        if status == 418 { rateLimitUsage.bannedUntil = now.saturatingAdding((retryAfter ?? 120) * 1000) }
        let unknownIfServer = status >= 500 && endpoint.method != .get
        if (300..<400).contains(status) { return redirectError(response, endpoint) }

        if let body = try? decoder.decode(APIErrorBody.self, from: response.body) {
            let message = body.msg ?? "(no message)"
            var category = ErrorCatalog.category(for: body.code, message: message)
            if status == 418 { category = .ipBanned } else if status == 429 { category = .rateLimit }
            let unknown = unknownIfServer || (ErrorCatalog.entry(for: body.code)?.outcomeUnknown ?? false)
            return BinanceError(category: category, httpStatus: status, code: body.code, message: message,
                                endpoint: endpoint.description, retryAfterSeconds: retryAfter, outcomeUnknown: unknown)
        }

        let excerpt = MarginClient.excerpt(response.body)
        let category = ErrorCatalog.category(forStatus: status)
        var message = "HTTP \(status)"
        if !excerpt.isEmpty { message += ": " + excerpt }
        let hint: String?
        switch status {
        case 401: hint = "the API key was refused; check it and its permissions"
        case 403: hint = "Binance's web application firewall blocked the request; slow down and check the request"
        case 404: message = "the server does not serve \(endpoint.path) (HTTP 404)"
                  hint = "the URL may be wrong, or the server lacks margin endpoints (the spot testnet has no /sapi); use Binance or `mops sim serve`"
        case 418: hint = "this IP is banned after repeated 429s; wait \(retryAfter ?? 120) s — every request during a ban lengthens it"
        case 429: hint = "too many requests; the client waits out Retry-After before the next one"
        case 500...599: hint = unknownIfServer ? "Binance failed internally; the request may or may not have been executed — check before repeating it"
                                               : "Binance failed internally; try again shortly"
        default: hint = nil
        }
        return BinanceError(category: category, httpStatus: status, message: message, endpoint: endpoint.description,
                            retryAfterSeconds: retryAfter, outcomeUnknown: unknownIfServer, hint: hint)
    }

    /// A 3xx: redirects are never followed (a signed request goes only where it was pointed). The error
    /// names the `Location`; for anything but a GET the outcome is unknown (a 303 may follow an executed request).
    func redirectError(_ response: TransportResponse, _ endpoint: Endpoint) -> BinanceError {
        let location = response.header("location").map { "to \($0)" } ?? "without a Location"
        let unknown = endpoint.method != .get
        return BinanceError(category: .refused, httpStatus: response.status,
                            message: "the server redirects \(location) (HTTP \(response.status)); redirects are never followed",
                            endpoint: endpoint.description, outcomeUnknown: unknown,
                            hint: "point the base URL at the server that answers itself, if you trust it"
                                + (unknown ? "; the request may have been executed before the redirect — check before repeating it" : ""))
    }

    /// A `Retry-After` header's whole seconds, at most ``retryAfterCap`` (a hostile or absurd figure
    /// is still a long wait, which the rate-limit gate refuses); nil when absent, negative or not a number.
    static func retryAfterSeconds(_ header: String?) -> Int64? {
        guard let text = header?.trimmingCharacters(in: .whitespaces), !text.isEmpty,
              text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return Int64(text).map { Swift.min($0, retryAfterCap) } ?? retryAfterCap   // all digits: only too large fails
    }

    /// The longest `Retry-After` taken at its word, s (about 31 years).
    static let retryAfterCap: Int64 = 1_000_000_000

    /// Up to 200 characters of a body, on one line, for error messages.
    static func excerpt(_ body: Data) -> String {
        let text = String(decoding: body.prefix(200), as: UTF8.self)
            .replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
        return body.count > 200 ? text + "…" : text
    }

    // MARK: Decoding

    /// Decodes a 2xx body as `T`. A state-changing request (anything but GET) whose 2xx answer cannot be
    /// read is an unknown outcome — never "failed", never "succeeded": the error says so and how to check.
    func decode<T: Decodable>(_ type: T.Type, from response: TransportResponse, _ endpoint: Endpoint) throws -> T {
        do {
            return try decodeBody(T.self, from: response, endpoint)
        } catch var error as BinanceError where endpoint.method != .get {
            error.httpStatus = response.status
            error.outcomeUnknown = true
            error.message = "the exchange answered HTTP \(response.status) but the answer cannot be read, so whether it was executed is unknown: " + error.message
            error.hint = "check its effect before repeating it; the server answered in an unexpected shape"
            throw error
        }
    }

    private func decodeBody<T: Decodable>(_ type: T.Type, from response: TransportResponse, _ endpoint: Endpoint) throws -> T {
        // A plain answer of a type with a byte-level reader (the clock's, or one whose content is ignored) is read
        // without JSONDecoder (PlainJSONDecodable.swift); anything else, and anything unusual, goes to JSONDecoder.
        if let plain = T.self as? any PlainJSONDecodable.Type, let value = plain.init(plainJSON: response.body) as? T { return value }
        do {
            return try decoder.decode(T.self, from: response.body)
        } catch let error as DecodingError {
            throw MarginClient.decodingError(error, endpoint: endpoint, body: response.body)
        } catch {
            throw BinanceError(category: .decoding, httpStatus: response.status, message: "malformed response: \(error)",
                               endpoint: endpoint.description)
        }
    }

    /// A JSON-flavoured name for the type a decoder expected.
    static func describe(_ type: Any.Type) -> String {
        let name = String(describing: type)
        if type == Number.self { return "a decimal string" }
        if name.hasPrefix("Array") { return "a JSON array" }
        if name.hasPrefix("Dictionary") { return "a JSON object" }
        if type == String.self { return "a string" }
        if type == Bool.self { return "true or false" }
        if type == Int64.self || type == Int.self { return "an integer" }
        return name
    }

    static func decodingError(_ error: DecodingError, endpoint: Endpoint, body: Data) -> BinanceError {
        func path(_ keys: [any CodingKey]) -> String {
            var text = ""
            for key in keys {
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return text
        }
        let field: String
        let problem: String
        switch error {
        case .keyNotFound(let key, let context):
            field = path(context.codingPath + [key])
            problem = "the field is missing"
        case .valueNotFound(_, let context):
            field = path(context.codingPath)
            problem = "the value is null"
        case .typeMismatch(let type, let context):
            field = path(context.codingPath)
            problem = "expected " + describe(type)
        case .dataCorrupted(let context):
            field = path(context.codingPath)
            problem = context.codingPath.isEmpty ? "the body is not valid JSON: \(excerpt(body))" : context.debugDescription
        @unknown default:
            field = ""
            problem = "\(error)"
        }
        let shown = field.isEmpty ? "the response" : "response field `\(field)`"
        return BinanceError(category: .decoding, message: "malformed response: \(shown): \(problem)",
                            endpoint: endpoint.description, field: field.isEmpty ? nil : field,
                            hint: "the server answered in an unexpected shape; if it is Binance, its API may have changed")
    }
}
