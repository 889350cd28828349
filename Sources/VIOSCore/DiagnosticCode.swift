import Foundation

/// The one diagnostics catalog: code, default severity and Dutch message
/// template. `{0}`, `{1}` … are filled from the rule's arguments. Rules refer
/// to codes, never to message text.
public enum DiagnosticCode: String, Sendable, Codable, CaseIterable, Hashable {
    case vios101 = "VIOS101", vios102 = "VIOS102", vios103 = "VIOS103", vios104 = "VIOS104"
    /// Extension: a symlink in `Content/` or `Templates/` that leaves the site root.
    case vios105 = "VIOS105"
    case vios201 = "VIOS201", vios202 = "VIOS202", vios203 = "VIOS203", vios204 = "VIOS204"
    case vios205 = "VIOS205", vios206 = "VIOS206", vios207 = "VIOS207", vios208 = "VIOS208"
    case vios301 = "VIOS301", vios302 = "VIOS302", vios303 = "VIOS303", vios304 = "VIOS304"
    case vios305 = "VIOS305"
    case vios401 = "VIOS401", vios402 = "VIOS402", vios403 = "VIOS403", vios404 = "VIOS404"
    case vios501 = "VIOS501", vios502 = "VIOS502", vios503 = "VIOS503", vios504 = "VIOS504"
    case vios601 = "VIOS601", vios602 = "VIOS602", vios603 = "VIOS603"
    case vios701 = "VIOS701", vios702 = "VIOS702"
    /// Extension: a template in `Templates/` cannot be used (syntax error,
    /// unknown partial). Fails the build with exit 2.
    case vios801 = "VIOS801"

    struct Entry {
        let severity: Severity
        let template: String
    }

    static let catalog: [DiagnosticCode: Entry] = [
        .vios101: Entry(severity: .error, template: "{0}"),
        .vios102: Entry(severity: .error, template: "frontmatter is geen geldige YAML: {0}"),
        .vios103: Entry(severity: .error, template: "bestand is geen geldige UTF-8 (ongeldige byte op positie {0})"),
        .vios104: Entry(severity: .error, template: "frontmatter is geen lijst van velden (mapping), maar {0}"),
        .vios105: Entry(severity: .error, template: "'{0}' is een symbolische link naar een bestand buiten de site; die wordt niet gelezen"),
        .vios201: Entry(severity: .error, template: "verplicht veld '{0}' ontbreekt{1}"),
        .vios202: Entry(severity: .error, template: "{0}"),
        .vios203: Entry(severity: .error, template: "{0}"),
        .vios204: Entry(severity: .warning, template: "onbekend veld '{0}'{1}"),
        .vios205: Entry(severity: .error, template: "ongeldige BRIN-code '{0}': verwacht 2 cijfers en 2 hoofdletters, eventueel gevolgd door 2 cijfers (bijv. 12AB of 12AB00)"),
        .vios206: Entry(severity: .error, template: "onbekend documenttype '{0}'; toegestaan: {1}{2}"),
        .vios207: Entry(severity: .error, template: "{0}"),
        .vios208: Entry(severity: .error, template: "verplichte contactrol '{0}' ontbreekt in 'contacten' (Wet veiligheid op school)"),
        .vios301: Entry(severity: .error, template: "sectie '{0}' ontbreekt (structuur {1})"),
        .vios302: Entry(severity: .warning, template: "sectie '{0}' staat niet op de volgorde van structuur {1}; hoort vóór '{2}'"),
        .vios303: Entry(severity: .error, template: "sectie '{0}' heeft geen inhoud"),
        .vios304: Entry(severity: .error, template: "sectie '{0}' komt twee keer voor (eerder op regel {1})"),
        .vios305: Entry(severity: .warning, template: "kop '{0}' hoort bij geen sectie van structuur {1}{2}"),
        .vios401: Entry(severity: .error, template: "{0} '{1}' bestaat niet{2}"),
        .vios402: Entry(severity: .error, template: "link '{0}' verwijst naar {1}"),
        .vios403: Entry(severity: .error, template: "slug '{0}' komt twee keer voor in {1} (ook in {2})"),
        .vios404: Entry(severity: .error, template: "bestand '{0}' bestaat niet"),
        .vios501: Entry(severity: .error, template: "'{0}' lijkt een burgerservicenummer (BSN, voldoet aan de elfproef); haal persoonsgegevens weg"),
        .vios502: Entry(severity: .warning, template: "e-mailadres '{0}' in de tekst; zet contactgegevens in 'contacten'"),
        .vios503: Entry(severity: .warning, template: "telefoonnummer '{0}' in de tekst; zet contactgegevens in 'contacten'"),
        .vios504: Entry(severity: .error, template: "'{0}' lijkt een geldig IBAN-rekeningnummer; haal persoonsgegevens weg"),
        .vios601: Entry(severity: .warning, template: "volgende evaluatie ({0}) is verstreken: het document is toe aan zijn PDCA-evaluatie"),
        .vios602: Entry(severity: .warning, template: "convenant is verlopen: 'geldig-tot' {0} ligt in het verleden"),
        .vios603: Entry(severity: .warning, template: "{0}"),
        .vios701: Entry(severity: .warning, template: "HTML in de tekst wordt niet gepubliceerd: {0}"),
        .vios702: Entry(severity: .error, template: "link met onveilig schema '{0}' wordt niet gepubliceerd"),
        .vios801: Entry(severity: .error, template: "sjabloonfout: {0}"),
    ]

    public var severity: Severity { Self.catalog[self]!.severity }

    public func message(_ arguments: [String]) -> String {
        var text = Self.catalog[self]!.template
        for index in 0..<10 {
            let token = "{\(index)}"
            guard text.contains(token) else { continue }
            text = text.replacingOccurrences(of: token, with: index < arguments.count ? arguments[index] : "")
        }
        return text
    }
}
