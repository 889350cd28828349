import ArgumentParser

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Maak een nieuw document met alle verplichte velden en secties."
    )

    @OptionGroup var options: CommonOptions

    @Argument(help: "Soort document: veiligheidsplan, incidentprotocol, convenant, handreiking, gemeente of element.")
    var type: String

    @Argument(help: "Slug (kleine letters, cijfers en '-').")
    var slug: String

    func run() throws {
        Terminal.fail("vios new is nog niet beschikbaar")
    }
}
