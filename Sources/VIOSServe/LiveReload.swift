/// The live-reload client: a few lines of script that `vios serve` puts into
/// the HTML it serves (never into files `vios build` writes). The page
/// listens on an EventSource and reloads on `reload`; `hello` carries the
/// build generation, so a page that missed a rebuild (it loaded just
/// before, or the server restarted) reloads as soon as it connects.
public enum LiveReload {
    public static let eventsPath = "/__vios/events"

    public static func script(generation: Int) -> String {
        """
        <script data-vios-live-reload>
        (function () {
          if (!window.EventSource) return;
          var build = "\(generation)";
          var source = new EventSource("\(eventsPath)");
          source.addEventListener("hello", function (event) { if (event.data !== build) location.reload(); });
          source.addEventListener("reload", function () { source.close(); location.reload(); });
        })();
        </script>

        """
    }

    /// `snippet` inserted before the last `</body>` (any case), or appended
    /// when the page has none.
    public static func inject(_ snippet: String, into html: [UInt8]) -> [UInt8] {
        let insert = Array(snippet.utf8)
        guard let at = lastBodyClose(html) else { return html + insert }
        var out = [UInt8]()
        out.reserveCapacity(html.count + insert.count)
        out += html[..<at]
        out += insert
        out += html[at...]
        return out
    }

    /// Index of the `<` of the last `</body`, case-insensitive.
    static func lastBodyClose(_ html: [UInt8]) -> Int? {
        let needle = Array("</body".utf8)
        guard html.count >= needle.count else { return nil }
        var i = html.count - needle.count
        while i >= 0 {
            var match = true
            for j in 0..<needle.count {
                var byte = html[i + j]
                if byte >= 65 && byte <= 90 { byte += 32 }
                if byte != needle[j] { match = false; break }
            }
            if match { return i }
            i -= 1
        }
        return nil
    }
}

/// The one escaping helper for the markup `vios serve` adds to pages.
enum HTMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
