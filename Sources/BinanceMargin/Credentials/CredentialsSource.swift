import Foundation

/// Where credentials come from: the environment or a private config file.
///
/// - `BINANCE_API_KEY` with `BINANCE_API_SECRET` (HMAC) or `BINANCE_PRIVATE_KEY_FILE` (Ed25519/RSA PEM);
/// - a config file of `name = value` lines (`api_key`, `api_secret`, `private_key_file`; `#` comments),
///   refused when its mode lets group or others read it.
public enum CredentialsSource {
    /// Credentials from the environment, nil when `BINANCE_API_KEY` is unset; throws when they are incomplete or unreadable.
    public static func environment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Credentials? {
        guard let apiKey = environment["BINANCE_API_KEY"], !apiKey.isEmpty else {
            if environment["BINANCE_API_SECRET"] != nil || environment["BINANCE_PRIVATE_KEY_FILE"] != nil {
                throw BinanceError.invalidInput("BINANCE_API_KEY", "BINANCE_API_KEY is not set, but a secret or key file is",
                    hint: "export BINANCE_API_KEY=<your API key> as well")
            }
            return nil
        }
        if let path = environment["BINANCE_PRIVATE_KEY_FILE"], !path.isEmpty {
            return try Credentials.privateKey(apiKey: apiKey, file: URL(fileURLWithPath: path))
        }
        if let secret = environment["BINANCE_API_SECRET"] {
            return try Credentials.hmac(apiKey: apiKey, secret: secret)
        }
        throw BinanceError.invalidInput("BINANCE_API_SECRET", "BINANCE_API_KEY is set but neither BINANCE_API_SECRET nor BINANCE_PRIVATE_KEY_FILE is",
            hint: "export BINANCE_API_SECRET=<secret> (HMAC key) or BINANCE_PRIVATE_KEY_FILE=<path to PKCS#8 PEM> (Ed25519/RSA key)")
    }

    /// The default config file: `$XDG_CONFIG_HOME/mops/credentials`, else `~/.config/mops/credentials`.
    public static func defaultFile(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty {
            return URL(fileURLWithPath: config).appendingPathComponent("mops/credentials")
        }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".config/mops/credentials")
    }

    /// The credentials to use: the environment's, else the default config file's when it exists, else nil.
    public static func resolve(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Credentials? {
        if let credentials = try self.environment(environment) { return credentials }
        let file = defaultFile(environment)
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        return try self.file(file)
    }

    /// Credentials from a config file (see the type's documentation); refused unless only its owner can read it.
    public static func file(_ url: URL) throws -> Credentials {
        let text = try CredentialsFile.readPrivate(url, what: "credentials file")
        var values: [String: String] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("[") { continue }
            guard let eq = line.firstIndex(of: "=") else {
                throw BinanceError.invalidInput("\(url.path):\(index + 1)", "line \(index + 1) of \(url.path) is not `name = value`",
                    hint: "write e.g. api_key = <key>")
            }
            let name = line[..<eq].trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_")
            var value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\"") && value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            values[name] = value
        }
        guard let apiKey = values["api_key"] ?? values["apikey"] else {
            throw BinanceError.invalidInput("api_key", "\(url.path) has no api_key line", hint: "add: api_key = <your API key>")
        }
        if let path = values["private_key_file"] ?? values["privatekeyfile"] {
            let keyURL = path.hasPrefix("/") ? URL(fileURLWithPath: path) : url.deletingLastPathComponent().appendingPathComponent(path)
            return try Credentials.privateKey(apiKey: apiKey, file: keyURL)
        }
        if let secret = values["api_secret"] ?? values["apisecret"] ?? values["secret"] {
            return try Credentials.hmac(apiKey: apiKey, secret: secret)
        }
        throw BinanceError.invalidInput("api_secret", "\(url.path) has neither api_secret nor private_key_file",
            hint: "add: api_secret = <secret> (HMAC) or private_key_file = <path to PKCS#8 PEM>")
    }
}

/// Reads files that hold secrets, refusing those that group or others can read.
enum CredentialsFile {
    static func readPrivate(_ url: URL, what: String) throws -> String {
        let path = url.path
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw BinanceError.invalidInput(path, "cannot read the \(what) \(path): it does not exist or is not accessible")
        }
        if let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
            throw BinanceError.invalidInput(path, "the \(what) \(path) is accessible to other users (mode \(String(mode & 0o777, radix: 8)))",
                hint: "it holds a secret: run chmod 600 \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw BinanceError.invalidInput(path, "cannot read the \(what) \(path) as UTF-8 text")
        }
        return text
    }
}
