import BinanceMargin

/// A request taken as far as it goes without the exchange's state: routed, its parameters parsed,
/// its weight known, and its API key and signature checked.
///
/// ``MarginSimulator/serve(_:)`` prepares each request on the caller's task, so these checks —
/// the HMAC above all — run in parallel for concurrent requests; only the state they need (rate
/// limits, faults, the clock, the exchange) is touched inside the actor. Errors found here are
/// answered in Binance's order all the same: a parameter error after the weight is charged, a key
/// or signature error after the weight check, a time error after the signature.
struct PreparedRequest: Sendable {
    /// What the key and signature checks found.
    enum Access: Sendable {
        /// Nothing left to check (a public endpoint, or a known API key).
        case granted
        /// Key and signature verified; the time window is checked inside the actor, against its clock.
        case signed(Authenticator.SignedTime)
        /// Refused: -2014, -2015, -1022, or a malformed `timestamp`, `recvWindow` or `signature`.
        case refused(ExchangeError)
    }

    let request: TransportRequest
    let endpoint: Endpoint
    /// The parsed parameters, or the -1101 (duplicate) error.
    let parameters: Result<RequestParameters, ExchangeError>
    /// The weight to charge (with no parameters when they could not be parsed).
    let weight: Weight
    /// The outcome of the checks, made with the keys of edition ``keyEdition``.
    let access: Access
    let keyEdition: UInt64

    /// Parses and checks `request` for `endpoint` with the keys `keys`.
    init(_ request: TransportRequest, for endpoint: Endpoint, keys: Keyring.Edition) {
        self.request = request
        self.endpoint = endpoint
        self.keyEdition = keys.number
        do throws(ExchangeError) {
            let parameters = try RequestParameters(query: request.query, body: request.body)
            self.parameters = .success(parameters)
            self.weight = endpoint.weight(parameters)
            self.access = PreparedRequest.check(request, endpoint.security, parameters, keys.authenticator)
        } catch {
            self.parameters = .failure(error)
            self.weight = endpoint.weight(RequestParameters([:]))
            self.access = .refused(error)
        }
    }

    /// The key and signature checks of `security` with `authenticator`'s keys.
    static func check(_ request: TransportRequest, _ security: Security, _ parameters: RequestParameters,
                      _ authenticator: Authenticator) -> Access {
        do throws(ExchangeError) {
            switch security {
            case .none: return .granted
            case .apiKey:
                _ = try authenticator.key(for: request)
                return .granted
            case .apiKeyOptionallySigned:
                guard parameters.string("signature") != nil else {
                    _ = try authenticator.key(for: request)
                    return .granted
                }
                return .signed(try authenticator.verifySignature(request, parameters))
            case .signed: return .signed(try authenticator.verifySignature(request, parameters))
            }
        } catch {
            return .refused(error)
        }
    }
}
