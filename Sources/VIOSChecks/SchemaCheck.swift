import VIOSCore

/// Frontmatter against the field table of its kind: missing, unknown and
/// mistyped fields, identifiers and the Wet veiligheid op school roles.
enum SchemaCheck {
    static func run(_ document: Document, frontmatter: YAMLNode, context: CheckContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        guard let typeNode = frontmatter["type"] else {
            out.append(Diagnostic(.vios201, at: document.start, "type",
                                  "; toegestaan: " + DocumentKind.allCases.map(\.rawValue).joined(separator: ", ")))
            return out
        }
        if typeNode.isNull {
            out.append(Diagnostic(.vios201, at: document.location(of: frontmatter.pair("type")!.key), "type",
                                  ": vul een waarde in; toegestaan: " + DocumentKind.allCases.map(\.rawValue).joined(separator: ", ")))
            return out
        }
        guard let kind = document.kind else {
            let allowed = DocumentKind.allCases.map(\.rawValue)
            out.append(Diagnostic(.vios206, at: document.location(of: typeNode), Hints.clip(typeNode.string ?? "?"),
                                  allowed.joined(separator: ", "),
                                  Hints.didYouMean(typeNode.string ?? "", in: allowed, maxDistance: 3)))
            return out
        }
        if let collection = document.collection, collection != kind.collection {
            out.append(Diagnostic(.vios202, at: document.location(of: typeNode),
                                  "een document van type '\(kind.rawValue)' hoort in Content/\(kind.collection.rawValue)/, niet in Content/\(collection.rawValue)/"))
        } else if document.collection == nil, let folder = Self.folder(of: document.path) {
            // `Content/Gemeenten/arnhem.md`: an unknown folder, most often a
            // collection spelled with a capital or a typo.
            out.append(Diagnostic(.vios202, at: document.location(of: typeNode),
                                  "een document van type '\(kind.rawValue)' hoort in Content/\(kind.collection.rawValue)/, niet in Content/\(folder)/; hernoem of verplaats de map"))
        }
        var walker = FieldWalker(document: document, context: context)
        walker.check(frontmatter, against: FieldSchema.fields(for: kind), where: "")
        out += walker.diagnostics
        if kind == .veiligheidsplan, let contacts = frontmatter.pair("contacten"), let items = contacts.value.items {
            let roles = Set(items.compactMap { $0["rol"]?.string.map(TextFolding.slugify) })
            for role in FieldSchema.requiredRoles where !roles.contains(role) {
                out.append(Diagnostic(.vios208, at: document.location(of: contacts.key), role))
            }
        }
        if [.veiligheidsplan, .incidentprotocol].contains(kind),
           let adopted = frontmatter["vastgesteld"]?.date, let next = frontmatter["volgende-evaluatie"],
           let nextDate = next.date, nextDate <= adopted {
            out.append(Diagnostic(.vios203, at: document.location(of: next),
                                  "'volgende-evaluatie' (\(nextDate)) moet na 'vastgesteld' (\(adopted)) liggen"))
        }
        if kind == .convenant, let signed = frontmatter["ondertekend"]?.date {
            for name in ["geldig-tot", "volgende-evaluatie"] {
                if let node = frontmatter[name], let date = node.date, date <= signed {
                    out.append(Diagnostic(.vios203, at: document.location(of: node),
                                          "'\(name)' (\(date)) moet na 'ondertekend' (\(signed)) liggen"))
                }
            }
        }
        return out
    }

    /// The folder below `Content/` a document sits in, if any.
    static func folder(of path: String) -> String? {
        let parts = path.split(separator: "/")
        return parts.count > 2 ? String(parts[1]) : nil
    }

    static func checkSiteConfig(_ node: YAMLNode, path: String) -> [Diagnostic] {
        let document = Document(path: path, collection: nil, slug: "site")
        var walker = FieldWalker(document: document, context: nil)
        walker.check(node, against: FieldSchema.siteConfig, where: "")
        return walker.diagnostics
    }
}

/// Walks a mapping against a field list, recursing into lists and maps.
struct FieldWalker {
    let document: Document
    let context: CheckContext?
    var diagnostics: [Diagnostic] = []
    /// "Did you mean" hints left for this document.
    private var hints = Hints.perDocument

    init(document: Document, context: CheckContext?) {
        self.document = document
        self.context = context
    }

    mutating func check(_ mapping: YAMLNode, against fields: [Field], where place: String) {
        guard let pairs = mapping.pairs else { return }
        let names = fields.map(\.name)
        var seen = Set<String>()
        for pair in pairs {
            let key = pair.key.string ?? ""
            seen.insert(key)
            guard let field = fields.first(where: { $0.name == key }) else {
                hints -= 1
                diagnostics.append(Diagnostic(.vios204, at: document.location(of: pair.key), Hints.clip(key),
                                              hints >= 0 ? Hints.didYouMean(key, in: names) : ""))
                continue
            }
            if pair.value.isNull {
                if field.required {
                    diagnostics.append(Diagnostic(.vios201, at: document.location(of: pair.key), Hints.clip(key), ": vul een waarde in"))
                }
                continue
            }
            check(value: pair.value, field: field)
        }
        for field in fields where field.required && !seen.contains(field.name) {
            // A missing top-level field is reported at the start of the
            // frontmatter; a missing nested one at its list item or map.
            let location = place.isEmpty ? document.start : document.location(of: mapping)
            diagnostics.append(Diagnostic(.vios201, at: location, field.name, place))
        }
    }

    private mutating func wrongType(_ node: YAMLNode, _ field: Field, _ expected: String) {
        diagnostics.append(Diagnostic(.vios202, at: document.location(of: node),
                                      "veld '\(field.name)' moet \(expected) zijn"))
    }

    mutating func check(value node: YAMLNode, field: Field) {
        switch field.type {
        case .list(let element, let minimum):
            // A single value where a list is expected is accepted as a list of one.
            let items = node.items ?? (node.string != nil ? [node] : nil)
            guard let items else { return wrongType(node, field, "een lijst") }
            if items.count < minimum {
                diagnostics.append(Diagnostic(.vios202, at: document.location(of: node),
                                              "veld '\(field.name)' moet ten minste \(minimum) \(minimum == 1 ? "item" : "items") hebben"))
            }
            for item in items {
                check(value: item, field: Field(field.name, element))
            }
        case .map(let fields):
            guard node.pairs != nil else { return wrongType(node, field, "een lijst van velden (naam: waarde)") }
            check(node, against: fields, where: " in '\(field.name)'")
        default:
            guard let text = node.string else {
                return wrongType(node, field, node.items != nil ? "één waarde, geen lijst" : "één waarde")
            }
            checkScalar(text, node: node, field: field)
        }
    }

    private mutating func checkScalar(_ text: String, node: YAMLNode, field: Field) {
        // Quoted in messages: never more than a line's worth.
        let quoted = Hints.clip(text)
        switch field.type {
        case .string:
            break
        case .bool:
            if node.bool == nil { wrongType(node, field, "true of false") }
        case .integer:
            if node.int == nil { wrongType(node, field, "een geheel getal") }
        case .date:
            if CalendarDate(iso: text) == nil {
                diagnostics.append(Diagnostic(.vios203, at: document.location(of: node),
                                              "ongeldige datum '\(quoted)' in '\(field.name)': gebruik JJJJ-MM-DD, bijv. 2025-09-01"))
            }
        case .yearOrMonth:
            if !Self.isYearOrMonth(text) {
                diagnostics.append(Diagnostic(.vios203, at: document.location(of: node),
                                              "ongeldige datum '\(quoted)' in '\(field.name)': gebruik JJJJ of JJJJ-MM, bijv. 2019 of 2019-09"))
            }
        case .url:
            if !(text.hasPrefix("https://") || text.hasPrefix("http://")) || text.count < 10 {
                wrongType(node, field, "een volledige URL (https://…)")
            }
        case .email:
            if !Identifiers.isEmail(text) {
                diagnostics.append(Diagnostic(.vios207, at: document.location(of: node),
                                              "ongeldig e-mailadres '\(quoted)'"))
            }
        case .phone:
            if !Identifiers.isPhone(text) {
                diagnostics.append(Diagnostic(.vios207, at: document.location(of: node),
                                              "ongeldig telefoonnummer '\(quoted)': gebruik 10 cijfers (bijv. 026-1234567) of +31…"))
            }
        case .brin:
            if !Identifiers.isBRIN(text) {
                diagnostics.append(Diagnostic(.vios205, at: document.location(of: node), quoted))
            }
        case .cbsCode:
            if !Identifiers.isCBSCode(text) {
                diagnostics.append(Diagnostic(.vios202, at: document.location(of: node),
                                              "ongeldige CBS-code '\(quoted)' in '\(field.name)': verwacht GM en 4 cijfers, bijv. GM0202"))
            }
        case .slug:
            if !TextFolding.isValidSlug(text) {
                let fixed = Hints.clip(TextFolding.slugify(text))
                diagnostics.append(Diagnostic(.vios202, at: document.location(of: node),
                                              "'\(quoted)' in '\(field.name)' is geen geldige slug (kleine letters a-z, cijfers, '-')"
                                              + (fixed.isEmpty ? "" : "; bedoelt u '\(fixed)'?")))
            }
        case .oneOf(let allowed):
            if !allowed.contains(text) {
                diagnostics.append(Diagnostic(.vios202, at: document.location(of: node),
                                              "ongeldige waarde '\(quoted)' voor '\(field.name)'; toegestaan: \(allowed.joined(separator: ", "))"
                                              + Hints.didYouMean(text, in: allowed, maxDistance: 3)))
            }
        case .reference(let collection):
            guard let context else { return }
            let known = context.slugs[collection] ?? []
            if !known.contains(text) {
                let what: String
                switch collection {
                case .gemeenten: what = "gemeente"
                case .convenanten: what = "convenant"
                case .scholen: what = "school"
                default: what = collection.rawValue
                }
                diagnostics.append(Diagnostic(.vios401, at: document.location(of: node), what, quoted,
                                              " (verwacht Content/\(collection.rawValue)/\(quoted)\(collection == .scholen ? "/" : ".md"))"
                                              + Hints.didYouMean(text, in: known.count <= Hints.candidateLimit ? known.sorted() : [], maxDistance: 3)))
            }
        case .structure:
            guard let context else { return }
            if context.planStructures[text] == nil {
                let allowed = context.planStructures.keys.sorted()
                diagnostics.append(Diagnostic(.vios202, at: document.location(of: node),
                                              "onbekende structuur '\(quoted)'; toegestaan: \(allowed.joined(separator: ", ")) of een eigen structuur in Content/structuren/"
                                              + Hints.didYouMean(text, in: allowed, maxDistance: 3)))
            }
        case .list, .map:
            break
        }
    }

    static func isYearOrMonth(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func digits(_ r: Range<Int>) -> Bool { r.allSatisfy { bytes[$0] >= 48 && bytes[$0] <= 57 } }
        if bytes.count == 4 { return digits(0..<4) }
        if bytes.count == 7, bytes[4] == 45, digits(0..<4), digits(5..<7) {
            let month = Int(text.suffix(2)) ?? 0
            return (1...12).contains(month)
        }
        return false
    }
}
