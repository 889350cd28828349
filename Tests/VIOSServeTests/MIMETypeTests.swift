import Testing
@testable import VIOSServe

@Suite struct MIMETypeTests {
    @Test(arguments: [
        ("index.html", "text/html; charset=utf-8"),
        ("assets/vios.css", "text/css; charset=utf-8"),
        ("assets/zoek.js", "text/javascript; charset=utf-8"),
        ("data/documenten.json", "application/json; charset=utf-8"),
        ("sitemap.xml", "application/xml; charset=utf-8"),
        ("feed.xml", "application/atom+xml; charset=utf-8"),
        ("img/logo.svg", "image/svg+xml"),
        ("img/plein.PNG", "image/png"),
        ("img/foto.jpg", "image/jpeg"),
        ("img/foto.jpeg", "image/jpeg"),
        ("docs/plan.pdf", "application/pdf"),
        ("fonts/a.woff2", "font/woff2"),
        ("fonts/a.woff", "font/woff"),
        ("favicon.ico", "image/x-icon"),
        ("robots.txt", "text/plain; charset=utf-8"),
        ("LICENSE", "application/octet-stream"),
        ("archief.onbekend", "application/octet-stream"),
        (".htaccess", "application/octet-stream"),
    ])
    func typeByExtension(path: String, type: String) {
        #expect(MIMEType.forPath(path) == type)
    }

    @Test func htmlIsRecognised() {
        #expect(MIMEType.isHTML(MIMEType.forPath("a.html")))
        #expect(!MIMEType.isHTML(MIMEType.forPath("a.css")))
    }
}
