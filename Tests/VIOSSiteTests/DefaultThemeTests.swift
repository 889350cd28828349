import Foundation
import Testing
@testable import VIOSSite

/// The built-in default theme is the repository's `Templates/`, byte for
/// byte. After changing a template, regenerate it with
/// `VIOS_UPDATE_DEFAULT_THEME=1 swift test --filter DefaultTheme`.
@Suite(.serialized) struct DefaultThemeTests {
    static var templatesFolder: String { SiteFixture.packageRoot + "/Templates" }

    static func onDisk() -> [(path: String, bytes: [UInt8])] {
        TemplateSet.listFiles(templatesFolder).map { path in
            (path, [UInt8](FileManager.default.contents(atPath: templatesFolder + "/" + path) ?? Data()))
        }
    }

    /// The Swift source of `DefaultTheme.swift` for the given files.
    static func source(_ files: [(path: String, bytes: [UInt8])]) -> String {
        var lines = [
            "// Generated from Templates/ by Tests/VIOSSiteTests/DefaultThemeTests.swift",
            "// (VIOS_UPDATE_DEFAULT_THEME=1 swift test --filter DefaultTheme). Do not edit by hand.",
            "import Foundation", "",
            "/// The default theme, built into vios: the repository's `Templates/`, used",
            "/// for a site that has no `Templates/` folder of its own.",
            "enum DefaultTheme {",
            "    static let files: [(path: String, bytes: [UInt8])] = encoded.map { ($0.0, [UInt8](Data(base64Encoded: $0.1)!)) }",
            "",
            "    private static let encoded: [(String, String)] = [",
        ]
        for file in files { lines.append("        (\"\(file.path)\", \"\(Data(file.bytes).base64EncodedString())\"),") }
        lines += ["    ]", "}", ""]
        return lines.joined(separator: "\n")
    }

    @Test func builtInThemeMatchesTemplatesFolder() throws {
        let disk = Self.onDisk()
        if ProcessInfo.processInfo.environment["VIOS_UPDATE_DEFAULT_THEME"] != nil {
            try Data(Self.source(disk).utf8).write(to: URL(fileURLWithPath: SiteFixture.packageRoot + "/Sources/VIOSSite/DefaultTheme.swift"))
            return
        }
        #expect(DefaultTheme.files.map(\.path) == disk.map(\.path),
                "Templates/ changed: run VIOS_UPDATE_DEFAULT_THEME=1 swift test --filter DefaultTheme")
        for (builtIn, file) in zip(DefaultTheme.files, disk) {
            #expect(builtIn.bytes == file.bytes, "\(file.path) differs from the built-in default theme; regenerate it")
        }
    }

    @Test func siteWithoutTemplatesUsesTheDefaultTheme() throws {
        let site = try SiteFixture()
        defer { site.cleanUp() }
        try site.build(output: "MetThema")
        try FileManager.default.removeItem(atPath: site.root + "/Templates")
        try site.build(output: "ZonderThema")
        let a = SiteFixture.snapshot(site.root + "/MetThema"), b = SiteFixture.snapshot(site.root + "/ZonderThema")
        #expect(a.keys.sorted() == b.keys.sorted())
        for (path, bytes) in a { #expect(b[path] == bytes, "\(path)") }
    }
}
