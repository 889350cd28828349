import ArgumentParser
import Foundation
import VIOSCore

/// Options every command takes (cli.md).
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "Map van de site (met Content/ en Templates/).")
    var root: String = "."

    @Flag(name: .long, help: "Waarschuwingen tellen als fouten.")
    var strict = false

    @Option(name: .long, help: "Datum van vandaag (JJJJ-MM-DD) voor de actualiteitscontroles; anders VIOS_TODAY of de systeemdatum.")
    var today: String?

    @Option(name: .long, help: "Uitvoer van meldingen: text, json of github.")
    var format: OutputFormat = .text

    @Flag(name: .long, help: "Alleen meldingen, geen voortgang of samenvatting.")
    var quiet = false

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json, github
    }

    /// Absolute, standardised root.
    var rootPath: String {
        let url = root.hasPrefix("/") ? URL(fileURLWithPath: root)
            : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(root)
        return url.standardizedFileURL.path
    }

    func validate() throws {
        if let today, CalendarDate(iso: today) == nil {
            throw ValidationError("ongeldige datum voor --today: '\(today)'; gebruik JJJJ-MM-DD")
        }
    }

    /// --today, else VIOS_TODAY, else the system date (UTC).
    func resolvedToday() throws -> CalendarDate {
        if let today {
            guard let date = CalendarDate(iso: today) else {
                throw ValidationError("ongeldige datum voor --today: '\(today)'; gebruik JJJJ-MM-DD")
            }
            return date
        }
        if let value = ProcessInfo.processInfo.environment["VIOS_TODAY"], !value.isEmpty {
            guard let date = CalendarDate(iso: value) else {
                throw ValidationError("ongeldige datum in VIOS_TODAY: '\(value)'; gebruik JJJJ-MM-DD")
            }
            return date
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
