import Foundation

/// A `/sim/*` control request to a sandbox on 127.0.0.1 over a plain socket, synchronously and bounded (10 s per read
/// or write): no URLSession, whose async API can deadlock under load and hang the suite.
public enum SandboxControlPost {
    /// POSTs the form `body` to `path` on the sandbox at `url` (`http://127.0.0.1:PORT`); its status line.
    public static func post(_ url: String, _ path: String, _ body: String) throws -> String {
        guard let port = URL(string: url)?.port else { throw CocoaError(.fileReadUnknown) }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw CocoaError(.fileReadUnknown) }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        for option in [SO_RCVTIMEO, SO_SNDTIMEO] {
            setsockopt(fd, SOL_SOCKET, option, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw CocoaError(.fileReadUnknown) }
        let request = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        let bytes = Array(request.utf8)
        guard bytes.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == bytes.count else { throw CocoaError(.fileWriteUnknown) }
        var answer = [UInt8](), buffer = [UInt8](repeating: 0, count: 4096)
        while answer.count < 1 << 20 {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }   // the end (Connection: close), an error or the 10 s timeout
            answer += buffer[0..<n]
        }
        return String(decoding: answer, as: UTF8.self).split(separator: "\r\n").first.map(String.init) ?? ""
    }
}
