import Foundation

/// The executable `product` of the build the running tests come from: beside the test bundle in
/// `.build/<config>/` (or one folder up, where a bundle is a folder); nil when that build did not make it.
///
/// Never another configuration's: `swift test -c release` must not run a stale debug `mops`.
public func builtProduct(_ product: String) -> URL? {
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for directory in [bundle, bundle.deletingLastPathComponent()] {
        let candidate = directory.appendingPathComponent(product)
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
}

/// A folder of this test process's own for the files its tests write (scripts, state files), made on first use and
/// removed when the process exits — so a run leaves nothing behind in the temporary directory.
public let testScratchFolder: URL = {
    let folder = scratchFolder(of: getpid())
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(at: scratchFolder(of: getpid())) }
    return folder
}()

private func scratchFolder(of process: pid_t) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("mops-tests-\(process)")
}
