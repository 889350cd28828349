import VIOSCore
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
        var key = KeyBytes(capacity: 4096)
        key.add(seed)
        key.add(template)
        guard serialise(context, into: &key) else { return nil }
        return key.hash
    }

    private static func serialise(_ value: Any, into key: inout KeyBytes) -> Bool {
        // The types contexts are made of, by exact type first: `as?` casts
        // from `Any` to arrays and dictionaries are far slower.
        let type = Swift.type(of: value)
        if type == String.self {
            key.tag(1)
            key.add(value as! String)
            return true
        }
        if type == Bool.self {
            key.tag((value as! Bool) ? 2 : 3)
            return true
        }
        if type == PageBody.self {
            // The HTML's digest stands for it.
            key.tag(9)
            if let html = (value as! PageBody).html { key.tag(1); key.add(html.digest) } else { key.tag(0) }
            return true
        }
        if type == [String: Any].self { return serialise(dictionary: value as! [String: Any], into: &key) }
        if type == [[String: Any]].self {
            let list = value as! [[String: Any]]
            key.tag(6)
            key.add(UInt64(list.count))
            for item in list { guard serialise(dictionary: item, into: &key) else { return false } }
            return true
        }
        // Anything else by cast: an optional holding a string, a
        // `[String: String]` read as `[String: Any]`.
        switch value {
        case let text as String:
            key.tag(1)
            key.add(text)
        case let flag as Bool:
            key.tag(flag ? 2 : 3)
        case let number as Int:
            key.tag(4)
            key.add(UInt64(bitPattern: Int64(number)))
        case let dictionary as [String: Any]:
            return serialise(dictionary: dictionary, into: &key)
        case let list as [[String: Any]]:
            key.tag(6)
            key.add(UInt64(list.count))
            for item in list { guard serialise(item, into: &key) else { return false } }
        case let list as [String]:
            key.tag(7)
            key.add(list)
        case let list as [Any]:
            key.tag(8)
            key.add(UInt64(list.count))
            for item in list { guard serialise(item, into: &key) else { return false } }
        default:
            return false
        }
        return true
    }

    private static func serialise(dictionary: [String: Any], into key: inout KeyBytes) -> Bool {
        key.tag(5)
        key.add(UInt64(dictionary.count))
        // Sorting positions by name: copying (name, value) pairs into an
        // array to sort them, or hashing every name again to look its
        // value up, was half of all fingerprinting.
        var order = Array(dictionary.indices)
        order.sort { dictionary.keys[$0] < dictionary.keys[$1] }
        for index in order {
            key.add(dictionary.keys[index])
            guard serialise(dictionary.values[index], into: &key) else { return false }
        }
        return true
    }
}
