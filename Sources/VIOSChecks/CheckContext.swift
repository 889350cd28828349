import VIOSCore
import VIOSSource

/// Everything a rule may know besides the document itself: decided before
/// any document is parsed, so rules run inside the parallel parse.
public struct CheckContext: Sendable {
    public var today: CalendarDate
    /// Plan structures by slug: built-in plus `Content/structuren/`.
    public var planStructures: [String: SectionStructure]
    /// Fixed section lists of the other kinds.
    public var kindStructures: [DocumentKind: SectionStructure]
    /// Slugs per collection, from the inventory (for references).
    public var slugs: [Collection: Set<String>]
    /// School slugs that have a veiligheidsplan / incidentprotocol file.
    public var assets: Set<String>
    public var documentPaths: Set<String>

    public init(today: CalendarDate, planStructures: [String: SectionStructure] = StructureReader.builtIn.plans,
                kindStructures: [DocumentKind: SectionStructure] = StructureReader.builtIn.kinds,
                inventory: ContentInventory? = nil) {
        self.today = today
        self.planStructures = planStructures
        self.kindStructures = kindStructures
        var slugs: [Collection: Set<String>] = [:]
        for entry in inventory?.documents ?? [] {
            if let collection = entry.collection { slugs[collection, default: []].insert(entry.slug) }
        }
        self.slugs = slugs
        self.assets = inventory?.assets ?? []
        self.documentPaths = Set(inventory?.documents.map(\.path) ?? [])
    }
}
