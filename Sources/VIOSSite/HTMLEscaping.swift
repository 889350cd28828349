import Mustache

/// The escaping of `{{name}}` in every template. swift-mustache's own HTML
/// escaping looks each Character up in a dictionary: a sixth of a national
/// build's CPU went there. Worse, it compares grapheme clusters, so a `"`
/// followed by a combining mark is one Character that is not `"`, and is
/// written unescaped: a browser's tokenizer still sees the quote and ends
/// the attribute. This escapes bytes: the five characters `<>&"'` are
/// ASCII and never part of a longer UTF-8 sequence.
struct HTMLEscaping: MustacheContentType {
    static let name = "VIOS_HTML"
    /// Put before every template text, on a line of its own: a standalone
    /// tag, so the line itself produces no output.
    static let pragma = "{{% CONTENT_TYPE: \(name) }}\n"

    /// Registers the content type once per process.
    static let registered: Bool = {
        MustacheContentTypes.register(HTMLEscaping(), named: name)
        return true
    }()

    func escapeText(_ text: String) -> String { Self.escape(text) }

    static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard bytes.contains(where: { $0 == 60 || $0 == 62 || $0 == 38 || $0 == 34 || $0 == 39 }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            for byte in bytes {
                switch byte {
                case 60: out.append(contentsOf: [38, 108, 116, 59])            // &lt;
                case 62: out.append(contentsOf: [38, 103, 116, 59])            // &gt;
                case 38: out.append(contentsOf: [38, 97, 109, 112, 59])        // &amp;
                case 34: out.append(contentsOf: [38, 113, 117, 111, 116, 59])  // &quot;
                case 39: out.append(contentsOf: [38, 35, 51, 57, 59])          // &#39;
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }
}
