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
    ///     the query, body or headers, which carry signatures and API keys).
    public init(simulator: MarginSimulator, host: String = "127.0.0.1", port: Int = 0,
                logger: Logger = Logger(label: "mops.sim.server")) {
        self.init(host: host, port: port, logger: logger) { request in
            let reply = await simulator.serve(request)
            return SandboxReply(response: reply.response, delayMilliseconds: reply.delayMilliseconds,
                                dropsConnection: reply.dropConnection)
        }
    }
}
