#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The process's standard output or error, written the way a Unix tool writes them.
///
/// All of the bytes, retried when interrupted; when the reader has gone (EPIPE, `mops watch | head -1`) the process
/// ends by SIGPIPE, as it does whenever that signal is not ignored — SwiftNIO, which the network backends load, ignores
/// it, and `FileHandle.write(_:)` then trapped instead. Any other failure (a closed descriptor, `2>&-`) drops the text:
/// there is nowhere left to say so.
public enum StandardStream: Sendable {
    case output
    case error

    /// Writes `text` (UTF-8), all of it.
    public func write(_ text: String) {
        var text = text
        text.withUTF8 { writeAll(UnsafeRawBufferPointer($0), to: descriptor) }
    }

    /// Writes `data`, all of it.
    public func write(_ data: Data) {
        data.withUnsafeBytes { writeAll($0, to: descriptor) }
    }

    private var descriptor: Int32 { self == .output ? STDOUT_FILENO : STDERR_FILENO }
}

/// `write(2)` until every byte is out, the reader has gone (the process ends by SIGPIPE) or the descriptor fails.
private func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) {
    guard let base = bytes.baseAddress else { return }
    var offset = 0
    while offset < bytes.count {
        let written = write(descriptor, base + offset, bytes.count - offset)
        if written > 0 { offset += written; continue }
        guard written < 0 else { return }
        switch errno {
        case EINTR: continue
        case EAGAIN:   // a descriptor someone made non-blocking: wait until it takes more
            var ready = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            _ = poll(&ready, 1, -1)
        case EPIPE: endByBrokenPipe()
        default: return
        }
    }
}

/// Ends the process as SIGPIPE's default action does (status 141 in a shell).
private func endByBrokenPipe() -> Never {
    signal(SIGPIPE, SIG_DFL)
    raise(SIGPIPE)
    exit(128 + SIGPIPE)   // reached only while this thread blocks the signal
}
