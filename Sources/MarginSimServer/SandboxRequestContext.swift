import Hummingbird
import Logging
import NIOCore

/// What the sandbox's responder knows about a request besides the request itself: its logger and
/// the connection it came on (closed without a response by the `drop` fault).
struct SandboxRequestContext: InitializableFromSource {
    let channel: any Channel
    let logger: Logger

    init(source: ApplicationRequestContextSource) {
        self.channel = source.channel
        self.logger = source.logger
    }
}
