import VIOSCore

/// Why the latest build did not replace the served site.
public struct BuildProblem: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Content errors (or warnings under --strict).
        case content
        /// Templates that cannot be used (VIOS801).
        case templates
        /// Anything else: unreadable root, unwritable folder.
        case failure
    }

    public var kind: Kind
    /// Sorted as the spec prescribes.
    public var diagnostics: [Diagnostic]
    /// The failure's message, for `.failure`.
    public var message: String?
    /// Documents checked (for the terminal's summary line).
    public var documents: Int

    public init(kind: Kind, diagnostics: [Diagnostic] = [], message: String? = nil, documents: Int = 0) {
        self.kind = kind
        self.diagnostics = diagnostics.sortedForOutput()
        self.message = message
        self.documents = documents
    }

    /// The heading the overlay and the terminal share.
    public var headline: String {
        switch kind {
        case .content:
            let e = diagnostics.errorCount, w = diagnostics.warningCount
            var parts = ["\(e) \(e == 1 ? "fout" : "fouten")"]
            if w > 0 { parts.append("\(w) \(w == 1 ? "waarschuwing" : "waarschuwingen")") }
            return "De site is niet bijgewerkt: " + parts.joined(separator: ", ")
        case .templates:
            return "De site is niet bijgewerkt: fout in de sjablonen"
        case .failure:
            return "De site kon niet worden gebouwd"
        }
    }
}

/// The error overlay of `vios serve`: every diagnostic of a failed build
/// with its file, line, column, severity, code, message and source line,
/// over the last good page. A modal alert dialog: focus moves to its close
/// button, Esc or the button closes it; black on white, all text escaped.
public enum ErrorOverlay {
    /// The overlay markup to put into a served page.
    public static func fragment(_ problem: BuildProblem, hasGoodSite: Bool,
                                sourceLine: (String, Int) -> String?) -> String {
        var items = ""
        for d in problem.diagnostics {
            let place = "\(d.location.file):\(d.location.line):\(d.location.column)"
            var snippet = ""
            if let line = sourceLine(d.location.file, d.location.line) {
                let number = String(d.location.line)
                let gutter = String(repeating: " ", count: max(4, number.count + 1) - number.count)
                let shown = line.replacingTabs()
                let caret = String(repeating: " ", count: max(0, d.location.column - 1)) + "^"
                snippet = "<pre class=\"vios-source\" aria-label=\"regel \(number)\">"
                    + HTMLText.escape("\(gutter)\(number) | \(shown)\n\(String(repeating: " ", count: gutter.count + number.count)) | \(caret)")
                    + "</pre>"
            }
            let suggestion = d.suggestion.map { "<p class=\"vios-hint\">\(HTMLText.escape($0))</p>" } ?? ""
            items += """
            <li class="vios-\(d.severity.rawValue)"><p><code class="vios-place">\(HTMLText.escape(place))</code> \
            <strong class="vios-severity">\(HTMLText.escape(d.severity.dutch)) \(HTMLText.escape(d.code.rawValue))</strong>: \
            \(HTMLText.escape(d.message))</p>\(snippet)\(suggestion)</li>

            """
        }
        if let message = problem.message {
            items += "<li class=\"vios-error\"><p><strong class=\"vios-severity\">fout</strong>: \(HTMLText.escape(message))</p></li>\n"
        }
        let behind = hasGoodSite
            ? "Achter deze melding staat de laatste versie die wel lukte."
            : "Er is nog geen versie van de site die lukte."
        return """
        <div id="vios-overlay" role="alertdialog" aria-modal="true" aria-labelledby="vios-overlay-title" aria-describedby="vios-overlay-summary">
        <style>
        #vios-overlay{position:fixed;inset:0;z-index:2147483647;background:rgba(0,0,0,.72);overflow:auto;padding:2rem 1rem;box-sizing:border-box;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;text-align:left}
        #vios-overlay *{box-sizing:border-box;max-width:none;width:auto;float:none;letter-spacing:normal;text-transform:none;text-align:left}
        #vios-overlay .vios-panel{max-width:60rem;margin:0 auto;background:#fff;color:#111;border-top:.5rem solid #b00020;border-radius:.25rem;padding:1.5rem;box-shadow:0 .5rem 2rem rgba(0,0,0,.5)}
        #vios-overlay h2{font:700 1.4rem/1.3 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 0 .5rem;color:#111}
        #vios-overlay p{margin:.25rem 0;color:#111}
        #vios-overlay ol{list-style:none;margin:1rem 0;padding:0}
        #vios-overlay li{border-left:.3rem solid #b00020;padding:.5rem .75rem;margin:0 0 1rem;background:#fff}
        #vios-overlay li.vios-warning{border-left-color:#7a4d00}
        #vios-overlay .vios-severity{color:#b00020}
        #vios-overlay li.vios-warning .vios-severity{color:#7a4d00}
        #vios-overlay code,#vios-overlay pre{font:14px/1.4 ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;color:#111}
        #vios-overlay pre{background:#f2f2f2;padding:.5rem;margin:.5rem 0 0;overflow:auto;white-space:pre}
        #vios-overlay .vios-hint{font-style:italic}
        #vios-overlay button{font:inherit;color:#fff;background:#111;border:2px solid #111;border-radius:.25rem;padding:.4rem 1rem;cursor:pointer}
        #vios-overlay button:focus-visible{outline:3px solid #b00020;outline-offset:2px}
        </style>
        <div class="vios-panel">
        <h2 id="vios-overlay-title">\(HTMLText.escape(problem.headline))</h2>
        <p id="vios-overlay-summary">\(HTMLText.escape(behind)) Verbeter het bestand en sla het op: deze pagina laadt dan vanzelf opnieuw.</p>
        <ol>
        \(items)</ol>
        <button type="button" id="vios-overlay-close">Sluiten (Esc)</button>
        </div>
        <script>
        (function () {
          var overlay = document.getElementById("vios-overlay");
          var close = function () { overlay.remove(); };
          document.getElementById("vios-overlay-close").addEventListener("click", close);
          document.addEventListener("keydown", function (event) { if (event.key === "Escape") close(); });
          // WAI-ARIA alertdialog: focus goes to the dialog's safe action.
          document.getElementById("vios-overlay-close").focus();
        })();
        </script>
        </div>

        """
    }

    /// A whole page holding only the overlay: served on every path while
    /// there is no good build yet.
    public static func page(fragment: String, liveReload: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="nl">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Fout bij het bouwen – vios serve</title>
        </head>
        <body>
        <main><h1>vios serve</h1><p>De site kon niet worden gebouwd.</p></main>
        \(fragment)\(liveReload)</body>
        </html>

        """
    }
}

extension String {
    func replacingTabs() -> String {
        contains("\t") ? String(map { $0 == "\t" ? " " : $0 }) : self
    }
}
