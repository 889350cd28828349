import Foundation

/// What the preview shows at one moment: the served folder's build
/// generation and, after a failed build, the overlay to put over it.
public struct PreviewState: Sendable, Equatable {
    /// Counts finished builds, good or not; pages compare it on connect.
    public var generation = 0
    /// A good build exists in the served folder.
    public var hasSite = false
    /// The latest build's failure, with its overlay markup.
    public var problem: BuildProblem?
    public var overlay: String?

    public init(generation: Int = 0, hasSite: Bool = false, problem: BuildProblem? = nil, overlay: String? = nil) {
        self.generation = generation; self.hasSite = hasSite; self.problem = problem; self.overlay = overlay
    }
}

/// Turns a request into a response from the served folder and the preview
/// state. No sockets: the HTTP server calls it, tests call it directly.
public enum PreviewResponder {
    public static func respond(to request: HTTPRequest, state: PreviewState, resolver: PathResolver) -> HTTPResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            var response = HTTPResponse.text(405, "Alleen GET en HEAD.\n")
            response.headers.append(("Allow", "GET, HEAD"))
            return response
        }
        if PathResolver.pathPart(request.target) == LiveReload.eventsPath {
            var response = HTTPResponse(status: 200, headers: [("Content-Type", "text/event-stream; charset=utf-8"),
                                                               ("Cache-Control", "no-store")])
            response.isEventStream = true
            return response
        }
        let script = LiveReload.script(generation: state.generation)
        guard state.hasSite else {
            // No good build yet: the overlay on every path, or a short wait page.
            let body: String
            let status: Int
            if let overlay = state.overlay {
                body = ErrorOverlay.page(fragment: overlay, liveReload: script)
                status = 500
            } else {
                body = ErrorOverlay.waitPage(liveReload: script)
                status = 503
            }
            return finish(HTTPResponse(status: status, contentType: MIMEType.forPath("x.html"), body: Array(body.utf8)))
        }
        switch resolver.resolve(request.target) {
        case .redirect(let location):
            var response = HTTPResponse.text(302, "Zie \(location)\n")
            response.headers.append(("Location", location))
            return finish(response)
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else { return notFound(state, resolver, script) }
            let type = MIMEType.forPath(path)
            var body = [UInt8](data)
            if MIMEType.isHTML(type) { body = decorate(body, state: state, script: script) }
            return finish(HTTPResponse(status: 200, contentType: type, body: body))
        case .notFound:
            return notFound(state, resolver, script)
        }
    }

    /// The site's own `404.html`, with status 404; plain text without one.
    static func notFound(_ state: PreviewState, _ resolver: PathResolver, _ script: String) -> HTTPResponse {
        if case .file(let path) = resolver.resolve("/404.html"), let data = FileManager.default.contents(atPath: path) {
            let body = decorate([UInt8](data), state: state, script: script)
            return finish(HTTPResponse(status: 404, contentType: MIMEType.forPath(path), body: body))
        }
        return finish(HTTPResponse.text(404, "Pagina niet gevonden.\n"))
    }

    /// The live-reload script and, after a failed build, the overlay.
    static func decorate(_ html: [UInt8], state: PreviewState, script: String) -> [UInt8] {
        LiveReload.inject((state.overlay ?? "") + script, into: html)
    }

    static func finish(_ response: HTTPResponse) -> HTTPResponse {
        var response = response
        // A preview must never show yesterday's page from the cache.
        response.headers.append(("Cache-Control", "no-store"))
        response.headers.append(("X-Content-Type-Options", "nosniff"))
        return response
    }
}

extension ErrorOverlay {
    /// Shown while the first build runs; reloads itself when it is done.
    static func waitPage(liveReload: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="nl">
        <head><meta charset="utf-8"><title>Bezig met bouwen – vios serve</title></head>
        <body><main><h1>vios serve</h1><p role="status">De site wordt gebouwd; deze pagina laadt vanzelf opnieuw.</p></main>
        \(liveReload)</body>
        </html>

        """
    }
}
