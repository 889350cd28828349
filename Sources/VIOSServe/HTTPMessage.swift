/// The HTTP/1.1 subset a local preview server needs: GET and HEAD with
/// keep-alive, plain responses and one long-lived event stream.
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    /// The request target exactly as sent (not normalised).
    public var target: String
    public var version: String
    /// Header names lowercased.
    public var headers: [(name: String, value: String)]

    public init(method: String, target: String, version: String = "HTTP/1.1",
                headers: [(name: String, value: String)] = []) {
        self.method = method; self.target = target; self.version = version; self.headers = headers
    }

    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name == lower }?.value
    }

    /// HTTP/1.1 keeps the connection unless told to close; 1.0 the reverse.
    public var keepAlive: Bool {
        let connection = header("connection")?.lowercased() ?? ""
        if version == "HTTP/1.0" { return connection.contains("keep-alive") }
        return !connection.contains("close")
    }

    public var contentLength: Int { header("content-length").flatMap { Int($0) } ?? 0 }

    public static func == (a: HTTPRequest, b: HTTPRequest) -> Bool {
        a.method == b.method && a.target == b.target && a.version == b.version
            && a.headers.map(\.name) == b.headers.map(\.name) && a.headers.map(\.value) == b.headers.map(\.value)
    }

    public enum ParseError: Error, Equatable { case malformed, unsupportedVersion }

    /// Parses a request head: the bytes up to (not including) the blank line.
    public static func parse(head: ArraySlice<UInt8>) throws(ParseError) -> HTTPRequest {
        let text = String(decoding: head, as: UTF8.self)
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
        if lines.count == 1 { lines = text.split(separator: "\n", omittingEmptySubsequences: false) }
        guard let first = lines.first else { throw .malformed }
        let parts = first.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 3 else { throw .malformed }
        let version = String(parts[2])
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else { throw .unsupportedVersion }
        var request = HTTPRequest(method: String(parts[0]), target: String(parts[1]), version: version)
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { throw .malformed }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
            request.headers.append((name, String(value.reversed().drop { $0 == " " || $0 == "\t" }.reversed())))
        }
        return request
    }
}

public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// A `text/event-stream` response: headers now, events later.
    public var isEventStream = false

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status; self.headers = headers; self.body = body
    }

    public init(status: Int, contentType: String, body: [UInt8]) {
        self.init(status: status, headers: [("Content-Type", contentType)], body: body)
    }

    public static func text(_ status: Int, _ text: String) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "text/plain; charset=utf-8", body: Array(text.utf8))
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 204: return "No Content"
        case 301: return "Moved Permanently"
        case 302: return "Found"
        case 400: return "Bad Request"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 413: return "Content Too Large"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 503: return "Service Unavailable"
        case 505: return "HTTP Version Not Supported"
        default: return "Status"
        }
    }

    /// Status line and headers; `Content-Length` unless it is a stream.
    public func head(keepAlive: Bool) -> [UInt8] {
        var text = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if isEventStream {
            text += "Connection: keep-alive\r\n"
        } else {
            text += "Content-Length: \(body.count)\r\n"
            text += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n"
        }
        text += "\r\n"
        return Array(text.utf8)
    }
}
