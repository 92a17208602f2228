import Foundation

/// File-name completion for `:load`: the entries of a directory that start with what was typed.
public enum FileNames {
    /// Paths completing `partial` (relative to the current directory, `~/` expanded for reading
    /// but kept as typed); directories end with `/`; hidden files only when the name starts with `.`.
    @Sendable public static func matching(_ partial: String) -> [String] {
        let slash = partial.lastIndex(of: "/")
        let typedDirectory = slash.map { String(partial[...$0]) } ?? ""
        let namePrefix = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
        var directory = typedDirectory.isEmpty ? "." : typedDirectory
        if directory.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] {
            directory = home + directory.dropFirst(1)
        }
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: directory) else { return [] }
        return names.filter { $0.hasPrefix(namePrefix) && (namePrefix.hasPrefix(".") || !$0.hasPrefix(".")) }
            .map { name in
                var isDirectory: ObjCBool = false
                let full = (directory.hasSuffix("/") ? directory : directory + "/") + name
                _ = manager.fileExists(atPath: full, isDirectory: &isDirectory)
                return typedDirectory + name + (isDirectory.boolValue ? "/" : "")
            }
            .sorted()
    }
}
