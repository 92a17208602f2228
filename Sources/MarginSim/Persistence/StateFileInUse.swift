/// A state file another simulator already writes: a second writer would silently lose updates, so
/// it is refused. Thrown by ``MarginSimulator/init(stateFile:scenario:seed:clock:)``.
public struct StateFileInUse: Error, Sendable, Hashable, CustomStringConvertible {
    /// The state file.
    public var path: String
    /// The process holding it, when its lock file says (it may be this very process).
    public var holder: Int32?

    /// The error for `path`, held by `holder`.
    public init(path: String, holder: Int32?) {
        self.path = path
        self.holder = holder
    }

    public var description: String {
        let who = holder.map { "process \($0)" } ?? "another process"
        return "the simulator state file \(path) is in use by \(who) (lock \(path).lock); one process writes a state file at a time: stop that one, or use another file"
    }
}
