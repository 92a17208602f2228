import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Recognises the names and addresses that can only mean this machine: `127.0.0.0/8`, `::1` (also
/// IPv4-mapped, `::ffff:127.x.y.z`) and `localhost`, in any letter case and with a trailing dot.
///
/// It answers two questions: is a bind address loopback-only (then no one else can connect), and is
/// a request's `Host` header a loopback name (a page that got its name re-resolved to 127.0.0.1 —
/// DNS rebinding — still sends its own name, e.g. `Host: evil.example`).
enum LoopbackName {
    /// Whether `host` — a `Host` header value, with or without a port, IPv6 in brackets — names
    /// this machine's loopback interface.
    static func isLoopbackHostHeader(_ host: String) -> Bool {
        guard let name = hostPart(of: host) else { return false }
        return isLoopbackName(name)
    }

    /// Whether binding `address` (the `--host` value: a name or an address, IPv6 with or without
    /// brackets) serves loopback only.
    static func isLoopbackBindAddress(_ address: String) -> Bool {
        var name = address
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        return isLoopbackName(name)
    }

    /// `localhost`, an IPv4 address in 127.0.0.0/8 or the IPv6 loopback (bare, no brackets or port).
    static func isLoopbackName(_ raw: String) -> Bool {
        var name = raw.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        if name == "localhost" { return true }
        if let octets = ipv4Octets(name) { return octets[0] == 127 }
        return isIPv6Loopback(name)
    }

    /// The host part of a `Host` value: `[v6]` or `[v6]:port` → `v6`; `name` or `name:port` → `name`.
    /// `nil` when the value is malformed (a bare IPv6 address, a port that is not digits, empty).
    static func hostPart(of value: String) -> String? {
        // Foundation's trimming costs more than the rest of a request's checks; skip it when no end is
        // blank (`isWhitespace` covers every character `.whitespaces` trims, so nothing changes).
        let blankEnds = value.first?.isWhitespace == true || value.last?.isWhitespace == true
        let text = blankEnds ? value.trimmingCharacters(in: .whitespaces) : value
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let rest = text[text.index(after: close)...]
            guard rest.isEmpty || isPortSuffix(rest) else { return nil }
            return String(text[text.index(after: text.startIndex)..<close])
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return text.isEmpty ? nil : text
        case 2: return !parts[0].isEmpty && isPortSuffix(":" + parts[1]) ? String(parts[0]) : nil
        default: return nil
        }
    }

    /// `:` followed by one to five digits.
    private static func isPortSuffix<S: StringProtocol>(_ text: S) -> Bool {
        let digits = text.dropFirst()
        return text.first == ":" && (1...5).contains(digits.count) && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The four octets of a strict dotted-quad (no leading zeros, each 0…255), else `nil`.
    static func ipv4Octets(_ text: String) -> [Int]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var octets: [Int] = []
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }),
                  part.count == 1 || part.first != "0", let value = Int(part), value <= 255 else { return nil }
            octets.append(value)
        }
        return octets
    }

    /// `::1` in any spelling, or an IPv4-mapped loopback (`::ffff:127.0.0.1`).
    private static func isIPv6Loopback(_ text: String) -> Bool {
        guard text.contains(":") else { return false }
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return false }
        let bytes = withUnsafeBytes(of: address) { Array($0) }
        let loopback = [UInt8](repeating: 0, count: 15) + [1]
        let mapped = [UInt8](repeating: 0, count: 10) + [0xff, 0xff]
        return bytes == loopback || (Array(bytes.prefix(12)) == mapped && bytes[12] == 127)
    }
}
