import ArgumentParser
import Foundation
import Mops

/// `mops run FILE`: check a script whole, then run it against the backend.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a .mops script (checked whole first: with any error nothing is sent).",
        discussion: """
        Exit codes: 0 ok, 1 failed assert, 64 usage, 65 parse/check error, 66 cannot read the file, \
        69 backend unavailable, 70 runtime error, 130 interrupted; `exit N` in the script exits with N.

        The default backend is the embedded simulator; the backend used is named on stderr.
        """)

    @Argument(help: ArgumentHelp("The script to run; - reads standard input.", valueName: "file"))
    var file: String

    @OptionGroup var runOptions: RunOptions
    @OptionGroup var backend: BackendOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let source: Source
        do {
            source = try ScriptFile.read(file)
        } catch let error as CLIError {
            ScriptOutput.writeError("mops: \(error)\n")
            throw ArgumentParser.ExitCode(error.exitCode)
        }
        let code = await ScriptRunner(source: source, backendOptions: backend, output: ScriptOutput(format: output.format),
                                      options: runOptions).run()
        if code != 0 { throw ArgumentParser.ExitCode(code) }
    }
}

/// Reads a script file (or stdin for `-`) with a clear error.
enum ScriptFile {
    static func read(_ path: String) throws -> Source {
        if path == "-" { return try standardInput() }
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            throw CLIError.noInput(exists ? (isDirectory.boolValue ? "\(path) is a directory, not a script" : "cannot read \(path): permission denied")
                                          : "no such file: \(path)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CLIError.noInput("\(path) is not UTF-8 text")
        }
        return Source(name: path, text: text)
    }

    /// The script on standard input, read to its end; a closed or unreadable stdin is ``CLIError/noInput(_:)``
    /// (`FileHandle.readDataToEndOfFile()` trapped on it).
    static func standardInput() throws(CLIError) -> Source {
        do {
            let data = try FileHandle.standardInput.readToEnd() ?? Data()
            return Source(name: "<stdin>", text: String(decoding: data, as: UTF8.self))
        } catch {
            throw .noInput("cannot read the script from standard input (\(ScriptFile.reason(error))); is it closed?")
        }
    }

    /// The system's words for why a read failed (`Bad file descriptor`), else the error's own description.
    private static func reason(_ error: Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let code = underlying?.code ?? ((error as NSError).domain == NSPOSIXErrorDomain ? (error as NSError).code : nil) {
            return String(cString: strerror(Int32(code)))
        }
        return error.localizedDescription
    }
}
