/// Text of values with a size bound: what ``Value/description`` prints, but given up as soon as
/// it would pass a limit, so printing a huge (or widely shared) list never builds a huge string.
extension Value {
    /// The text `description` gives, or nil when it would be longer than `limit` UTF-8 bytes.
    func text(limit: Int = Limits.stringBytes) -> String? {
        var out = ""
        return Value.write(self, quoted: false, into: &out, limit: limit, depth: 0) ? out : nil
    }

    /// The text at `range`, or the "string too long" runtime error.
    func text(at range: SourceRange) throws -> String {
        guard let text = text() else {
            throw RuntimeFailure("the text of this value is too long: the limit is \(Limits.stringBytes) bytes (16 MiB)", range,
                                 hint: "print a part of it, e.g. xs[0] or len(xs)")
        }
        return text
    }

    /// A short form for error messages: at most about 60 characters.
    var excerpt: String {
        if let short = text(limit: 60) { return short }
        return (text(limit: 200).map { String($0.prefix(57)) } ?? String(type.spoken.prefix(57))) + "…"
    }

    private static func write(_ value: Value, quoted: Bool, into out: inout String, limit: Int, depth: Int) -> Bool {
        switch value {
        case .string(let s) where quoted: out += "\"" + s + "\""
        case .list(let items):
            guard depth < Limits.nesting else { return false }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += ", " }
                guard write(item, quoted: true, into: &out, limit: limit, depth: depth + 1) else { return false }
            }
            out += "]"
        case .record(let r):
            guard depth < Limits.nesting else { return false }
            out += r.kind + "{"
            for (i, field) in r.fields.enumerated() {
                if i > 0 { out += ", " }
                out += field.name + ": "
                guard write(field.value, quoted: true, into: &out, limit: limit, depth: depth + 1) else { return false }
            }
            out += "}"
        default: out += value.description
        }
        return out.utf8.count <= limit
    }
}
