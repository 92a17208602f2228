import ArgumentParser
import Dispatch
import Foundation
import Mops
import Synchronization

/// `mops watch`: tails the account's events from any backend — a line each, or `-o json` lines — until Ctrl-C,
/// `--for`, or `--count`.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Tail the account's events (fills, orders, balances, debts, margin status) from the backend.",
        discussion: """
        The embedded simulator streams its engine's events; over the network (--base-url, --live) mops reads the \
        backend's user-data and risk streams, and polls the account (balances, debts, margin status) every \
        --interval only when none of them connects within 10s — the banner on stderr says which.
        Exit codes: 0 when --for or --count ends it, 64 usage, 69 backend unavailable (polled), 130 Ctrl-C.
        """)

    @OptionGroup var backend: BackendOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("for"), help: ArgumentHelp("Stop after this much real time (500ms, 30s, 10m, 1h, 1d).", valueName: "duration"))
    var duration: String?

    @Option(help: ArgumentHelp("Stop after this many events.", valueName: "n"))
    var count: Int?

    @Option(help: ArgumentHelp("How often to read the account when it is polled: the streams did not connect (default 2s).", valueName: "duration"))
    var interval: String = "2s"

    func validate() throws {
        if let count, count < 1 { throw ValidationError("--count must be at least 1, got \(count)") }
        if let duration, WatchCommand.milliseconds(duration) == nil { throw ValidationError("--for \(duration) is not a duration; write e.g. 30s, 10m, 1h") }
        guard let ms = WatchCommand.milliseconds(interval), ms >= 50 else {
            throw ValidationError("--interval \(interval) is not a duration of at least 50ms; write e.g. 500ms, 2s")
        }
    }

    func run() async throws {
        let connection: BackendConnection
        switch await BackendConnection.connectReportingFailure(backend) {
        case .success(let connected): connection = connected
        case .failure(let failure): throw ArgumentParser.ExitCode(failure.exitCode)
        }
        let tail = await EventTail.start(connection, interval: .milliseconds(WatchCommand.milliseconds(interval) ?? 2_000))
        let banner = "mops: watching \(connection.backend) (events \(tail.how)); Ctrl-C stops\n"
        let code = await WatchLoop(tail: tail, format: output.format, count: count,
                                   limit: duration.flatMap(WatchCommand.milliseconds)).run(banner: banner)
        if code != 0 { throw ArgumentParser.ExitCode(code) }
    }

    /// `500ms`, `30s`, `10m`, `1h`, `1d` in milliseconds; nil for anything else.
    static func milliseconds(_ text: String) -> Int64? {
        let units: [(String, Int64)] = [("ms", 1), ("s", 1_000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000)]
        for (unit, size) in units where text.hasSuffix(unit) {
            guard let n = Int64(text.dropLast(unit.count)), n >= 0 else { continue }
            let (ms, overflow) = n.multipliedReportingOverflow(by: size)
            return overflow ? nil : ms
        }
        return nil
    }
}

/// Prints the tail's events until the count, the time limit or Ctrl-C; the exit code.
struct WatchLoop {
    let tail: EventTail
    let format: OutputOptions.Format
    let count: Int?
    let limit: Int64?

    /// Prints `banner` on stderr once Ctrl-C is handled (the signal source registered), then the events.
    func run(banner: String) async -> Int32 {
        let (tail, format, count) = (self.tail, self.format, self.count)
        let printer = Task { () -> Int in
            var printed = 0
            for await item in tail.items {
                if WatchLoop.show(item, format: format) { printed += 1 }
                if let count, printed >= count { break }
            }
            return printed
        }
        let timer = limit.map { ms in Task { try? await Task.sleep(for: .milliseconds(ms)); printer.cancel() } }
        let interrupt = await ArmedInterrupt.armed()
        interrupt.onInterrupt { printer.cancel() }
        ScriptOutput.writeError(banner)
        _ = await printer.value
        interrupt.disarm()
        timer?.cancel()
        tail.stop()
        if tail.dropped > 0 { ScriptOutput.writeError("mops: watch: \(tail.dropped) events were dropped: the terminal fell behind\n") }
        if interrupt.interrupted { return ExitStatus.interrupted }
        if let failure = tail.failure {
            ScriptOutput.writeError("mops: watch: cannot read the backend: \(failure)\n")
            return ExitStatus.unavailable
        }
        return ExitStatus.ok
    }

    /// Prints one event; false when it is not shown (market data). A notice about the stream goes to stderr.
    static func show(_ item: EventTail.Item, format: OutputOptions.Format) -> Bool {
        guard case .event(let event, let isolatedSymbol) = item else {
            if case .notice(let text) = item { ScriptOutput.writeError("mops: watch: events: \(text)\n") }
            return false
        }
        switch format {
        case .text:
            guard let line = EventText.line(event, isolatedSymbol: isolatedSymbol) else { return false }
            ScriptOutput.write(line + "\n")
        case .json:
            guard let object = EventText.json(event, isolatedSymbol: isolatedSymbol) else { return false }
            ScriptOutput.writeJSON(object)
        }
        return true
    }
}
