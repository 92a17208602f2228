import Foundation

/// How a ``JournalRecord`` sits in a journal frame: binary since issue 11's last change (cheaper to write
/// on the actor and ~cheaper to replay at start-up than JSONDecoder), JSON before — both are read.
///
/// Binary layout (``SnapshotWriter``'s primitives): the tag byte 0x01 (a JSON record starts with `{`),
/// the kind's name, the time, method and path (optional strings), the parameters (a count + 1, or 0
/// for none, then name and value strings), the clock offset (a flag byte, then the value), and a
/// reset's fresh state as JSON (its length + 1, or 0, then the bytes).
extension JournalRecord {
    static let binaryTag: UInt8 = 0x01

    /// The record's payload in a journal frame.
    func payload() throws(StateFile.Failure) -> [UInt8] {
        var writer = SnapshotWriter(capacity: 256)
        writer.byte(JournalRecord.binaryTag)
        writer.name(kind)
        writer.int(time)
        writer.optionalString(method)
        writer.optionalString(path)
        if let parameters {
            writer.count(parameters.count + 1)
            for (name, value) in parameters {
                writer.string(name)
                writer.string(value)
            }
        } else {
            writer.count(0)
        }
        writer.bool(clockOffset != nil)
        if let clockOffset { writer.int(clockOffset) }
        if let state {
            let json: Data
            do { json = try JSONEncoder().encode(state) } catch { throw StateFile.Failure(description: "cannot encode a journal record: \(error)") }
            writer.count(json.count + 1)
            writer.append(Array(json))
        } else {
            writer.count(0)
        }
        return writer.bytes
    }

    /// Reads a frame's payload: this version's binary record or an earlier version's JSON.
    init(payload: Data) throws {
        guard payload.first == JournalRecord.binaryTag else {
            self = try JSONDecoder().decode(JournalRecord.self, from: payload)
            return
        }
        let bytes = Array(payload)
        var reader = SnapshotReader(bytes, from: 1, to: bytes.count)
        self.init(kind: try reader.name(Kind.self), time: try reader.int())
        method = try reader.optionalString()
        path = try reader.optionalString()
        let parameterCount = try reader.count()
        if parameterCount > 0 {
            var parameters: [String: String] = [:]
            parameters.reserveCapacity(parameterCount - 1)
            for _ in 1..<parameterCount { parameters[try reader.string()] = try reader.string() }
            self.parameters = parameters
        }
        if try reader.bool() { clockOffset = try reader.int() }
        if let stateLength = try reader.optionalLength() {
            state = try JSONDecoder().decode(Exchange.self, from: Data(try reader.bytes(stateLength)))
        }
        guard reader.isAtEnd else { throw reader.failure("bytes after the record") }
    }
}

extension SnapshotReader.Malformed: CustomStringConvertible {
    var description: String { "malformed at byte \(offset) of the record: \(what)" }
}
