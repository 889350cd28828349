/// A page's output is a pure function of its template set and its Mustache
/// context, so a hash of both names the page: when it equals the previous
/// build's, the previous file is the page and rendering is skipped. This
/// needs no knowledge of which document feeds which page (cards, indexes,
/// summaries, breadcrumbs): whatever the page shows is in its context.
///
/// The context is serialised in a canonical form (keys sorted, every value
/// tagged with its type and length) and hashed. A value of a type the
/// serialiser does not know makes the page unfingerprintable: it is then
/// always rendered, never wrongly reused.
enum ContextFingerprint {
    static func of(template: String, context: [String: Any], seed: ContentHash) -> ContentHash? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4096)
        append(seed.a, to: &bytes)
        append(seed.b, to: &bytes)
        append(string: template, to: &bytes)
        guard serialise(context, into: &bytes) else { return nil }
        return bytes.withUnsafeBytes { ContentHash($0) }
    }

    private static func serialise(_ value: Any, into bytes: inout [UInt8]) -> Bool {
        switch value {
        case let text as String:
            bytes.append(1)
            append(string: text, to: &bytes)
        case let flag as Bool:
            bytes.append(flag ? 2 : 3)
        case let number as Int:
            bytes.append(4)
            append(UInt64(bitPattern: Int64(number)), to: &bytes)
        case let dictionary as [String: Any]:
            bytes.append(5)
            append(UInt64(dictionary.count), to: &bytes)
            for key in dictionary.keys.sorted() {
                append(string: key, to: &bytes)
                guard serialise(dictionary[key]!, into: &bytes) else { return false }
            }
        case let list as [[String: Any]]:
            bytes.append(6)
            append(UInt64(list.count), to: &bytes)
            for item in list { guard serialise(item, into: &bytes) else { return false } }
        case let list as [String]:
            bytes.append(7)
            append(UInt64(list.count), to: &bytes)
            for item in list { append(string: item, to: &bytes) }
        case let list as [Any]:
            bytes.append(8)
            append(UInt64(list.count), to: &bytes)
            for item in list { guard serialise(item, into: &bytes) else { return false } }
        default:
            return false
        }
        return true
    }

    private static func append(string: String, to bytes: inout [UInt8]) {
        var text = string
        text.withUTF8 { utf8 in
            append(UInt64(utf8.count), to: &bytes)
            bytes.append(contentsOf: utf8)
        }
    }

    private static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
