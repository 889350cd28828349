import VIOSCore

/// Is the document still alive? PDCA reviews, covenant terms and the yearly
/// safety measurement (spec 5, VIOS6xx).
enum CurrencyCheck {
    static func run(_ document: Document, today: CalendarDate) -> [Diagnostic] {
        guard let fm = document.frontmatter, let kind = document.kind else { return [] }
        var out: [Diagnostic] = []
        if let node = fm["volgende-evaluatie"], let date = node.date, date < today {
            out.append(Diagnostic(.vios601, at: document.location(of: node), date.description))
        }
        if kind == .convenant, let node = fm["geldig-tot"], let date = node.date, date < today {
            out.append(Diagnostic(.vios602, at: document.location(of: node), date.description))
        }
        // Wet veiligheid op school: po, vo, so and vso monitor perceived
        // safety every year; mbo falls under other rules.
        if kind == .veiligheidsplan, let level = fm["onderwijs"], let value = level.string,
           ["po", "vo", "so", "vso"].contains(value) {
            let yearAgo = today.adding(months: -12)
            if let measured = fm["monitoring"]?["laatste-meting"] {
                if let date = measured.date, date < yearAgo {
                    out.append(Diagnostic(.vios603, at: document.location(of: measured),
                                          "laatste veiligheidsmeting (\(date)) is meer dan 12 maanden oud; de Wet veiligheid op school vraagt een jaarlijkse meting"))
                }
            } else {
                let anchor = fm.pair("monitoring")?.key ?? fm.pair("onderwijs")!.key
                out.append(Diagnostic(.vios603, at: document.location(of: anchor),
                                      "geen 'monitoring.laatste-meting' voor een \(value)-school; de Wet veiligheid op school vraagt een jaarlijkse meting van de veiligheidsbeleving"))
            }
        }
        return out
    }
}
