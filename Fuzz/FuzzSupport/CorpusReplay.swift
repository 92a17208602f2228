import Foundation

/// Feeds saved inputs to a fuzz target without libFuzzer: the regression and smoke driver.
///
/// `arguments` are files or folders (every regular file inside, sorted); each file's bytes go to
/// `target` once. Returns how many inputs ran. A crash stops the process, as under libFuzzer, so the
/// input that caused it is the last name printed with `--verbose`.
public func replayCorpus(_ arguments: [String], verbose: Bool = false,
                         target: (UnsafeRawBufferPointer) -> Void) throws -> Int {
    var count = 0
    for path in arguments {
        for file in try inputFiles(at: path) {
            if verbose { FileHandle.standardError.write(Data("replay: \(file)\n".utf8)) }
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            data.withUnsafeBytes { target($0) }
            count += 1
        }
    }
    return count
}

/// The files at `path`: the path itself, or the files directly in the folder (not its subfolders), by name.
func inputFiles(at path: String) throws -> [String] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw ReplayError(message: "no such file or folder: \(path)")
    }
    guard isDirectory.boolValue else { return [path] }
    return try FileManager.default.contentsOfDirectory(atPath: path)
        .filter { !$0.hasPrefix(".") }
        .sorted()
        .map { path + "/" + $0 }
        .filter { file in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: file, isDirectory: &isFolder) && !isFolder.boolValue
        }
}

/// A replay argument that names nothing readable.
public struct ReplayError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
