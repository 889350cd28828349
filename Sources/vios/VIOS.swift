import ArgumentParser
import Foundation

/// `vios`: the command-line face of the pipeline. Parsing errors exit 2
/// (cli.md), not ArgumentParser's default 64.
struct VIOS: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vios",
        abstract: "Kennisbank Veilig in en om School: controleer documenten en bouw de website met factsheets.",
        discussion: """
        Werkt vanuit de map van de site (met Content/, Templates/ en Output/), of geef --root.
        Exitcodes: 0 gelukt, 1 fouten in de inhoud (of waarschuwingen met --strict), 2 gebruiksfout,
        onleesbare map, sjabloonfout of interne fout.
        """,
        subcommands: [CheckCommand.self, BuildCommand.self, ServeCommand.self, NewCommand.self]
    )
}

@main
enum Main {
    static func main() async {
        do {
            var command = try VIOS.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = VIOS.exitCode(for: error)
            let message = VIOS.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                exit(0)
            }
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            // Usage errors (ArgumentParser's EX_USAGE, 64) are exit 2 here.
            exit(code.rawValue == 64 ? 2 : code.rawValue)
        }
    }
}
