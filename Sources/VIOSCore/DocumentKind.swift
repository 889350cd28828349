/// The six document kinds of spec section 3, by their `type` value.
public enum DocumentKind: String, Sendable, Codable, CaseIterable, Hashable {
    case veiligheidsplan, incidentprotocol, convenant, handreiking, gemeente, element

    /// The collection folder a document of this kind lives in.
    public var collection: Collection {
        switch self {
        case .veiligheidsplan, .incidentprotocol: return .scholen
        case .convenant: return .convenanten
        case .handreiking: return .handreikingen
        case .gemeente: return .gemeenten
        case .element: return .elementen
        }
    }

    /// Dutch label for pages and search results.
    public var label: String {
        switch self {
        case .veiligheidsplan: return "Veiligheidsplan"
        case .incidentprotocol: return "Incidentprotocol"
        case .convenant: return "Convenant"
        case .handreiking: return "Handreiking"
        case .gemeente: return "Gemeente"
        case .element: return "Element van de aanpak"
        }
    }

    public var pluralLabel: String {
        switch self {
        case .veiligheidsplan: return "Veiligheidsplannen"
        case .incidentprotocol: return "Incidentprotocollen"
        case .convenant: return "Convenanten"
        case .handreiking: return "Handreikingen"
        case .gemeente: return "Gemeenten"
        case .element: return "Elementen van de aanpak"
        }
    }
}

/// The folders under `Content/` (spec 1).
public enum Collection: String, Sendable, Codable, CaseIterable, Hashable {
    case gemeenten, scholen, convenanten, handreikingen, elementen
}
