import Foundation
import ProcessTestSupport

/// A `mops` child whose output is collected as it arrives, so a test can wait — with a bound — for a line before it
/// acts (Ctrl-C, a request), and whose end is awaited with a bound too: a child that runs on is terminated, and the
/// test then fails on its output instead of holding the suite.
final class RunningMops: @unchecked Sendable {  // the output buffers are guarded by `condition`
    enum Stream { case stdout, stderr }

    private let process = Process()
    private let condition = NSCondition()
    private var output = (stdout: Data(), stderr: Data())
    private var open = 2

    /// Starts `mops ARGUMENTS` with `environment` added to this process's own (the API key variables removed);
    /// `closingStdout`: nobody reads its stdout (the pipe's reading end is closed at once, as `| head` does once done).
    init(_ arguments: [String], environment: [String: String] = [:], closingStdout: Bool = false) throws {
        process.executableURL = MopsProcess.binary
        process.arguments = arguments
        process.environment = MopsProcess.environment(adding: environment)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        if closingStdout {
            try out.fileHandleForReading.close()
            open = 1
        } else {
            collect(out.fileHandleForReading, into: .stdout)
        }
        collect(err.fileHandleForReading, into: .stderr)
    }

    /// Everything written to `stream` so far.
    func text(_ stream: Stream) -> String {
        condition.lock()
        defer { condition.unlock() }
        return String(decoding: stream == .stdout ? output.stdout : output.stderr, as: UTF8.self)
    }

    /// Waits until `stream` contains `text`; false when the output ended or `timeout` passed first.
    @discardableResult
    func waitFor(_ text: String, in stream: Stream = .stdout, timeout: TimeInterval = 60) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while true {
            let data = stream == .stdout ? output.stdout : output.stderr
            if String(decoding: data, as: UTF8.self).contains(text) { return true }
            if open == 0 || !condition.wait(until: deadline) { return false }
        }
    }

    /// Sends Ctrl-C (SIGINT).
    func interrupt() { process.interrupt() }

    /// Waits for the end (terminating the child after `timeout`) and returns its status and whole output.
    func finish(timeout: TimeInterval = 60) -> MopsProcess.Result {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        while open > 0 && condition.wait(until: deadline) {}
        condition.unlock()
        if process.isRunning { process.terminate() }
        let status = process.waitForExit(timeout: 10)
        condition.lock()
        let drained = Date(timeIntervalSinceNow: 5)   // the pipes close with the child; their last bytes are read
        while open > 0 && condition.wait(until: drained) {}
        condition.unlock()
        return MopsProcess.Result(status: status, stdout: text(.stdout), stderr: text(.stderr))
    }

    private func collect(_ handle: FileHandle, into stream: Stream) {
        Thread { [self] in
            while true {
                let chunk = handle.availableData
                condition.lock()
                if chunk.isEmpty { open -= 1 } else if stream == .stdout { output.stdout += chunk } else { output.stderr += chunk }
                condition.broadcast()
                condition.unlock()
                if chunk.isEmpty { return }
            }
        }.start()
    }
}
