import ArgumentParser

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Bouw de site, toon hem op http://127.0.0.1:8000 en bouw opnieuw bij elke wijziging."
    )

    @OptionGroup var options: CommonOptions

    func run() async throws {
        Terminal.fail("vios serve is nog niet beschikbaar")
    }
}
