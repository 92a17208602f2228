import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The account's events as lines the REPL shows above its prompt (`:watch on|off`, docs/repl.md, "Events").
///
/// Any thread may ``post(_:urgent:)`` a line; the line editor, blocked reading the user's keys, is woken through a
/// pipe and prints what waits above the prompt without disturbing the line being edited (``LibEditLineEditor``).
/// Lines are kept only while watching — except urgent ones (a forced liquidation), which always show — and at
/// most ``capacity`` wait; older ones are dropped and counted in the next line shown.
public final class EventBoard: Sendable {
    /// The most lines kept waiting.
    public let capacity: Int
    private let state: Mutex<(watching: Bool, lines: [String], dropped: Int)>
    private let from: Mutex<String?>
    private let wake: (read: Int32, write: Int32)

    /// A board, showing events from the start when `watching`; `source` says where they come from.
    public init(watching: Bool = false, capacity: Int = 1_000, source: String? = nil) {
        self.capacity = max(1, capacity)
        self.from = Mutex(source)
        self.state = Mutex((watching, [], 0))
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        }
        self.wake = (fds[0], fds[1])
    }

    deinit {
        close(wake.read)
        close(wake.write)
    }

    /// Whether every event is shown (`:watch on`), or only urgent ones.
    public var watching: Bool {
        get { state.withLock { $0.watching } }
        set { state.withLock { $0.watching = newValue } }
    }

    /// Where the events come from, for `:watch on`'s line: `streamed from the embedded simulator`,
    /// `streamed from ws://127.0.0.1:8765 (user data, risk, trades of 1 pair(s))`, `polled every 2s: …` (nil: not said).
    public var source: String? {
        get { from.withLock { $0 } }
        set { from.withLock { $0 = newValue } }
    }

    /// Adds a line to show (ignored while not watching, unless `urgent`) and wakes the line editor.
    public func post(_ line: String, urgent: Bool = false) {
        let kept = state.withLock { s -> Bool in
            guard s.watching || urgent else { return false }
            if s.lines.count >= capacity {
                s.lines.removeFirst()
                s.dropped += 1
            }
            s.lines.append(line)
            return true
        }
        guard kept else { return }
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
    }

    /// The file descriptor that becomes readable when lines wait (the line editor polls it beside the keyboard).
    public var wakeDescriptor: Int32 { wake.read }

    /// The lines waiting (with a note of any dropped), emptying the board and the wake pipe.
    public func take() -> [String] {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(wake.read, &buffer, buffer.count) > 0 {}
        return state.withLock { s in
            defer { s.lines = []; s.dropped = 0 }
            return (s.dropped > 0 ? ["(\(s.dropped) earlier events not shown)"] : []) + s.lines
        }
    }
}
