import Logging
import MarginSim

extension SandboxServer {
    /// A server in front of `simulator`, honouring its injected `delay` and `drop` faults.
    ///
    /// - Parameters:
    ///   - simulator: the exchange that answers every request.
    ///   - host: the address to bind; the default serves loopback only.
    ///   - port: the port to bind; `0` picks a free port.
    ///   - logger: where the server logs (one debug line per request: method, path, status; never
    ///     the query, body or headers, which carry signatures, API keys and the control token).
    ///   - controlToken: a token every request must carry (``SandboxAccessPolicy``); `nil` needs
    ///     none on loopback and makes a random one for any other `host`.
    ///   - idleTimeout: how long an idle connection stays open (`nil`: forever).
    ///   - maximumConnections: how many connections are served at once.
    ///   - streams: the WebSocket streams served on the same port (default: the simulator's, docs/streams.md).
    public init(simulator: MarginSimulator, host: String = "127.0.0.1", port: Int = 0,
                logger: Logger = Logger(label: "mops.sim.server"), controlToken: String? = nil,
                idleTimeout: Duration? = SandboxServer.defaultIdleTimeout,
                maximumConnections: Int = SandboxServer.defaultMaximumConnections, streams: SandboxStreams? = nil) {
        self.init(host: host, port: port, logger: logger, controlToken: controlToken, idleTimeout: idleTimeout,
                  maximumConnections: maximumConnections,
                  streams: streams ?? SandboxStreams(simulator: simulator)) { request in
            let reply = await simulator.serve(request)
            return SandboxReply(response: reply.response, delayMilliseconds: reply.delayMilliseconds,
                                dropsConnection: reply.dropConnection)
        }
    }
}
