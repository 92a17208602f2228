/// Client order ids: generation (`mops-` + 22 random base-62 characters) and validation.
public enum ClientOrderID {
    /// The prefix of generated ids.
    public static let prefix = "mops-"

    /// The characters Binance allows in a client order id (`^[\.A-Z\:/a-z0-9_-]{1,36}$`).
    static func isAllowed(_ byte: UInt8) -> Bool {
        PercentEncoding.isUnreserved(byte) && byte != UInt8(ascii: "~") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "/")
    }

    /// A fresh id: `mops-` followed by 22 random characters of `[A-Za-z0-9]` (27 in all).
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }

    /// A fresh id drawn from `generator`.
    public static func generate<G: RandomNumberGenerator>(using generator: inout G) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        return prefix + String((0..<22).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// Whether `id` is a valid client order id: 1…36 characters of `[A-Za-z0-9._:/-]` (the one rule;
    /// the mops checker asks it of a literal `id "…"`).
    public static func isValid(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 36 && id.utf8.allSatisfy(isAllowed)
    }

    /// Throws an input error unless `id` is 1…36 characters of `[A-Za-z0-9._:/-]`.
    public static func validate(_ id: String, field: String = "clientOrderId") throws {
        guard isValid(id) else {
            throw BinanceError.invalidInput(field, "\(field) \"\(id)\" is not a valid client order id",
                hint: "use 1 to 36 characters of A–Z, a–z, 0–9, '.', '_', ':', '/' or '-'")
        }
    }
}
