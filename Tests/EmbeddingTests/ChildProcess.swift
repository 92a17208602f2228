import Foundation
import ProcessTestSupport
import Synchronization

/// A child process whose standard output is read as it arrives, so a test can wait for a line
/// (a banner, the first tick) before acting — no sleeps, no timing.
final class ChildProcess: Sendable {
    private let process: Process
    private let text = Mutex<(output: String, ended: Bool)>(("", false))
    private let arrived = DispatchSemaphore(value: 0)
    private let stderrReader: PipeReader

    /// Starts `executable` with `arguments` and `environment` (the whole environment of the child).
    init(_ executable: URL, _ arguments: [String], environment: [String: String]) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        self.process = process
        stderrReader = PipeReader(err)
        try process.run()
        let handle = out.fileHandleForReading
        Thread { [self] in
            while true {
                let chunk = handle.availableData
                text.withLock {
                    if chunk.isEmpty { $0.ended = true } else { $0.output += String(decoding: chunk, as: UTF8.self) }
                }
                arrived.signal()
                if chunk.isEmpty { return }
            }
        }.start()
    }

    /// Everything written to standard output so far.
    var output: String { text.withLock { $0.output } }

    /// Blocks until a line of standard output satisfies `matches` and returns it, or returns nil when output ends or
    /// `timeout` seconds pass first.
    func waitForLine(timeout: Double = 60, where matches: (String) -> Bool) -> String? {
        let deadline = DispatchTime.now() + timeout
        while true {
            let (output, ended) = text.withLock { ($0.output, $0.ended) }
            if let line = output.split(separator: "\n").first(where: { matches(String($0)) }) { return String(line) }
            if ended || arrived.wait(timeout: deadline) == .timedOut { return nil }
        }
    }

    /// Sends `signal` to the child.
    func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for the child to exit; returns its status, standard output and standard error.
    /// A child still running after `timeout` seconds is terminated (the test then fails on its output).
    func finish(timeout: Double = 60) -> (status: Int32, stdout: String, stderr: String) {
        _ = waitForLine(timeout: timeout) { _ in false }
        if process.isRunning { process.terminate() }
        let status = process.waitForExit()
        _ = waitForLine(timeout: 5) { _ in false }
        return (status, output, String(decoding: stderrReader.result(), as: UTF8.self))
    }
}
