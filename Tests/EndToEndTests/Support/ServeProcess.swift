import Foundation
import ProcessTestSupport

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
            await process.exited(timeout: .seconds(10))
            throw ServeProcessError(message: "mops sim serve \(arguments.joined(separator: " ")) printed no base URL")
        }
        return ServeProcess(process: process, url: url)
    }

    /// SIGKILL: no shutdown code runs, exactly like a crash. Waits for the end without holding a thread.
    consuming func kill9() async {
        kill(process.processIdentifier, SIGKILL)
        await process.exited(timeout: .seconds(10))
    }

    /// SIGTERM, then waits: the clean shutdown path. Returns the exit status.
    consuming func terminate() async -> Int32 {
        await stop(with: SIGTERM)
    }

    /// Sends `signal` (SIGINT is Ctrl-C), then waits without holding a thread. Returns the exit status; a server
    /// still running after 60 s is killed (SIGKILL, status 9), so the test fails on the status instead of hanging
    /// the suite (-1: its end was never seen).
    consuming func stop(with signal: Int32) async -> Int32 {
        kill(process.processIdentifier, signal)
        return await process.exited(timeout: .seconds(60))
    }
}

struct ServeProcessError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
