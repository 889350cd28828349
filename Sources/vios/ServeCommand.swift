import ArgumentParser
import Foundation
import VIOSCore
import VIOSServe
import VIOSSite

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Bouw de site, toon hem op http://127.0.0.1:8000 en bouw opnieuw bij elke wijziging.",
        discussion: """
        Bouwt in een eigen map (.vios-cache/serve; Output/ blijft onaangeroerd tenzij u --output geeft), \
        houdt Content/ en Templates/ in de gaten en laat open pagina's vanzelf opnieuw laden. \
        Gaat een bouw mis, dan blijft de laatste goede versie zichtbaar met de meldingen erover heen.

        Stoppen: Ctrl-C.
        """
    )

    @OptionGroup var options: CommonOptions

    @Option(name: .long, help: "Poort (0: een vrije poort).")
    var port: Int = 8000

    @Option(name: .long, help: "Adres om op te luisteren.")
    var host: String = "127.0.0.1"

    @Flag(name: .long, help: "Neem ook concepten (concept: true) op.")
    var drafts = false

    @Option(name: .long, help: "Bouw in deze map (relatief aan --root) in plaats van de eigen map van serve.")
    var output: String?

    /// The private build folder: never `Output/`, which `vios build` owns.
    static let privateOutput = ".vios-cache/serve"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("ongeldige poort \(port); gebruik 1–65535 (of 0)") }
    }

    func run() async throws {
        let today = try options.resolvedToday()
        let root = options.rootPath
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root + "/Content", isDirectory: &isDirectory), isDirectory.boolValue else {
            Terminal.fail("geen map Content/ gevonden (\(root)/Content); geef de map van de site met --root")
        }
        let folder = output ?? Self.privateOutput
        let outputPath = URL(fileURLWithPath: folder.hasPrefix("/") ? folder : root + "/" + folder).standardizedFileURL.path
        // Building into a watched folder would rebuild for ever.
        for watched in ["Content", "Templates"] where outputPath == root + "/" + watched || outputPath.hasPrefix(root + "/" + watched + "/") {
            Terminal.fail("--output mag niet in \(watched)/ liggen: die map wordt in de gaten gehouden")
        }
        if outputPath == root {
            Terminal.fail("--output mag niet de map van de site zelf zijn")
        }
        let configuration = DevServer.Configuration(root: root, host: host, port: port, output: outputPath,
                                                    today: today, drafts: drafts, strict: options.strict)
        let printer = ServePrinter(options: options)
        signal(SIGPIPE, SIG_IGN)
        let server: DevServer
        do {
            server = try DevServer(configuration) { printer.show($0) }
        } catch {
            Terminal.fail(error.message)
        }
        // Ctrl-C and `kill` stop the server cleanly: sockets closed, exit 0.
        StopSignal.install { server.stop() }
        server.start()
        if !server.isStopped {
            // Always printed, also with --quiet: it is what the command is for.
            Terminal.out("vios serve: \(server.url)  (stoppen: Ctrl-C)\n")
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let waiter = Thread {
                server.waitUntilStopped()
                continuation.resume()
            }
            waiter.start()
        }
        printer.say("vios serve: gestopt\n")
    }
}

/// What `vios serve` prints about each build: the same diagnostics, in the
/// same format, as `vios check` and `vios build`.
struct ServePrinter: Sendable {
    let options: CommonOptions

    func say(_ text: String) {
        if !options.quiet { Terminal.out(text) }
    }

    func show(_ event: DevServer.Event) {
        let reporter = Reporter(options: options)
        switch event {
        case .rebuilding(let changed):
            let what = changed.count == 1 ? changed[0] : "\(changed.count) bestanden"
            say("Gewijzigd: \(what); opnieuw bouwen …\n")
        case .built(let summary, let seconds, _):
            if !summary.diagnostics.isEmpty {
                reporter.report(documents: summary.documents, diagnostics: summary.diagnostics)
            }
            var note = ""
            if let pages = summary.pages, let rendered = summary.pagesRendered { note = BuildCommand.renderedNote(rendered, of: pages) }
            say("Gebouwd in \(Self.seconds(seconds)): \(summary.files) bestanden\(note)\n")
        case .failed(let problem, let seconds, _):
            switch problem.kind {
            case .content, .templates:
                reporter.report(documents: problem.documents, diagnostics: problem.diagnostics)
            case .failure:
                Terminal.err("vios: fout: \(problem.message ?? "onbekende fout")\n")
            }
            say("\(problem.headline) (\(Self.seconds(seconds))); de laatste goede versie blijft zichtbaar.\n")
        }
    }

    static func seconds(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return String(format: "%.2f s", rounded).replacingOccurrences(of: ".", with: ",")
    }
}
