/// The demo API key of the default scenario: safe to print, useless anywhere but the simulator.
public enum DemoCredentials {
    /// The `X-MBX-APIKEY` value the default scenario accepts.
    public static let apiKey = "mopsDemoKey00000000000000000000000000000000000000000000000000SIM"
    /// The HMAC-SHA256 secret that goes with ``apiKey``.
    public static let secret = "mopsDemoSecret00000000000000000000000000000000000000000000000SIM"
}
