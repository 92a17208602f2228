import Foundation
import NIOCore
import NIOPosix

/// A client connection a test keeps open: to send requests (or parts of one) when it likes, hold
/// several at once, and see whether and when the server closes it.
struct HeldConnection: ~Copyable {
    private var reader: ResponseReader
    private let writer: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private let channel: any Channel

    /// Connects to 127.0.0.1:`port`, runs `body`, closes.
    static func with<T: Sendable>(port: Int, _ body: (inout HeldConnection) async throws -> T) async throws -> T {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var connection = HeldConnection(reader: ResponseReader(iterator: inbound.makeAsyncIterator()),
                                            writer: outbound, channel: channel.channel)
            return try await body(&connection)
        }
    }

    private init(reader: ResponseReader, writer: NIOAsyncChannelOutboundWriter<ByteBuffer>, channel: any Channel) {
        self.reader = reader
        self.writer = writer
        self.channel = channel
    }

    /// Writes `text` as is (a whole request, or a piece of one).
    func send(_ text: String) async throws {
        try await writer.write(ByteBuffer(string: text))
    }

    /// The next response, or `nil` when the server closed the connection first.
    mutating func response() async throws -> RawHTTPResponse? {
        try await reader.next()
    }

    /// Sends `request` and reads its response.
    mutating func exchange(_ request: String) async throws -> RawHTTPResponse? {
        try await send(request)
        return try await response()
    }

    /// Whether the server closes the connection within `limit` (polled every 20 ms; bounded).
    func closes(within limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if !channel.isActive { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return !channel.isActive
    }
}
