import Foundation

/// Who may drive a sandbox: the rules that keep web pages (cross-origin form posts, DNS rebinding)
/// and, when it serves other machines, anyone without its control token away from it.
///
/// The rules, checked before a request reaches the exchange (a refusal is HTTP 403, code `-1002`,
/// with a message naming the fix):
///
/// 1. With a ``controlToken`` (always when bound to a non-loopback address), every request must
///    carry it in ``tokenHeader``.
/// 2. Bound to a loopback address, every request's `Host` must be a loopback name (`127.0.0.0/8`,
///    `[::1]`, `localhost`, any port): a page whose name was re-resolved to 127.0.0.1 (DNS
///    rebinding) still sends its own name. A request without `Host` (HTTP/1.0) comes from no browser.
/// 3. `/sim/*` never accepts a request carrying `Origin` or a `Sec-Fetch-Site` other than `none`:
///    browsers send them, mops, curl and scripts do not, and no page is served by the sandbox, so
///    a browser request to a control endpoint is always another site's (a form post needs no CORS
///    preflight). Binance paths are left to their own defence: the signed ones need the
///    `X-MBX-APIKEY` header, which a cross-origin page cannot send without a preflight the
///    sandbox never grants.
public struct SandboxAccessPolicy: Sendable, Hashable {
    /// The header that carries the control token.
    public static let tokenHeader = "X-Mops-Control-Token"
    /// The environment variable mops (server and client) reads the control token from.
    public static let tokenEnvironmentVariable = "MOPS_SIM_CONTROL_TOKEN"

    /// The token every request must carry, or `nil` when none is required.
    public var controlToken: String?
    /// Whether `Host` must name loopback (true when the server is bound to a loopback address).
    public var requiresLoopbackHost: Bool
    /// The address the server is bound to, for messages.
    public var boundAddress: String

    /// The policy for a server bound to `host`: a non-loopback address always gets a token
    /// (`controlToken`, or a fresh random one).
    public init(host: String, controlToken: String?) {
        let loopback = LoopbackName.isLoopbackBindAddress(host)
        self.boundAddress = host
        self.requiresLoopbackHost = loopback
        self.controlToken = controlToken ?? (loopback ? nil : SandboxAccessPolicy.randomToken())
    }

    /// A fresh control token: 32 random bytes, hex.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
    }

    /// Why the request is refused, or `nil` when it may go on.
    ///
    /// - Parameters:
    ///   - path: the request's path (`/sim/reset`).
    ///   - hosts: every `Host` the request carried (normally one; none from HTTP/1.0 clients).
    ///   - header: the request's header fields by name, case-insensitively.
    public func refusal(path: String, hosts: [String], header: (String) -> String?) -> String? {
        if let controlToken {
            guard let presented = header(Self.tokenHeader) else {
                return "This sandbox (bound to \(boundAddress)) requires its control token: send the header \(Self.tokenHeader) with the token printed in the `mops sim serve` banner (mops reads it from \(Self.tokenEnvironmentVariable))."
            }
            guard Self.constantTimeEqual(presented, controlToken) else {
                return "The \(Self.tokenHeader) header does not match this sandbox's control token; use the token printed in the `mops sim serve` banner."
            }
        }
        if requiresLoopbackHost, let foreign = hosts.first(where: { !LoopbackName.isLoopbackHostHeader($0) }) {
            return "Host '\(Self.shown(foreign))' is not a loopback name: this sandbox answers only requests addressed to 127.0.0.1, [::1] or localhost (a guard against DNS rebinding). Use http://127.0.0.1:PORT, or serve other machines with --host ADDRESS and the control token."
        }
        if path.hasPrefix("/sim/") || path == "/sim" {
            if let origin = header("Origin") {
                return "/sim/* control endpoints refuse requests from web pages (Origin: \(Self.shown(origin))); send them with mops, curl or a script, which send no Origin header."
            }
            if let site = header("Sec-Fetch-Site"), site.lowercased() != "none" {
                return "/sim/* control endpoints refuse requests from web pages (Sec-Fetch-Site: \(Self.shown(site))); send them with mops, curl or a script."
            }
        }
        return nil
    }

    /// A header value as a message shows it: at most 100 characters.
    private static func shown(_ value: String) -> String {
        value.count <= 100 ? value : String(value.prefix(100)) + "…"
    }

    /// Equality whose time depends only on the lengths, not on where the strings differ.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var difference = UInt8(truncatingIfNeeded: x.count ^ y.count)
        for index in 0..<max(x.count, y.count) {
            difference |= (index < x.count ? x[index] : 0) ^ (index < y.count ? y[index] : 0)
        }
        return difference == 0 && x.count == y.count
    }
}
