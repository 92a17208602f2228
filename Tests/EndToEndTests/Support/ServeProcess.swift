import Foundation

/// `mops sim serve` as a child process: started on port 0, its base URL read from its banner.
struct ServeProcess: ~Copyable {
    let process: Process
    let url: URL

    /// The `mops` executable: `$MOPS_BIN`, or the one SwiftPM built beside the test bundle.
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["MOPS_BIN"] { return URL(fileURLWithPath: path) }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if directory.pathExtension == "xctest" || directory.path.contains(".xctest/") {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("mops")
    }

    /// Starts `mops sim serve --host 127.0.0.1 --port 0` with `arguments` and waits for its banner.
    static func start(_ arguments: [String]) async throws -> ServeProcess {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["sim", "serve", "--host", "127.0.0.1", "--port", "0"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let reader = output.fileHandleForReading
        let url: URL? = await withCheckedContinuation { continuation in
            Thread {
                var text = ""
                while true {
                    let chunk = reader.availableData
                    if chunk.isEmpty { continuation.resume(returning: nil); return }
                    text += String(decoding: chunk, as: UTF8.self)
                    if let line = text.split(separator: "\n").first(where: { $0.contains("Base URL") }),
                       let value = line.split(separator: " ").last, let url = URL(string: String(value)) {
                        continuation.resume(returning: url)
                        return
                    }
                }
            }.start()
        }
        guard let url else {
            process.terminate()
            throw ServeProcessError(message: "mops sim serve \(arguments.joined(separator: " ")) printed no base URL")
        }
        return ServeProcess(process: process, url: url)
    }

    /// SIGKILL: no shutdown code runs, exactly like a crash.
    consuming func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM, then waits: the clean shutdown path. Returns the exit status.
    consuming func terminate() -> Int32 {
        stop(with: SIGTERM)
    }

    /// Sends `signal` (SIGINT is Ctrl-C), then waits. Returns the exit status; a server still running after 60 s
    /// is killed (SIGKILL, status 9), so the test fails on the status instead of hanging the suite.
    consuming func stop(with signal: Int32) -> Int32 {
        kill(process.processIdentifier, signal)
        let deadline = Date(timeIntervalSinceNow: 60)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

struct ServeProcessError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
