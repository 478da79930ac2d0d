import Foundation
import HTTPTypes
import Hummingbird
import ServiceLifecycle
import StrategySite

/// Answers every request from the site held in memory: no path from a URL ever reaches the
/// file system.
struct PreviewResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let site: ServedSite
    let hub: EventHub
    let address: BoundAddress

    func respond(to request: Request, context: Context) async throws -> Response {
        let response = handle(request)
        return request.method == .head ? response.createHeadResponse() : response
    }

    func handle(_ request: Request) -> Response {
        if let reason = request.headers[Self.refused] {
            return Self.text(.badRequest, "400 Bad Request: \(reason)\n")
        }
        guard let check = address.hostCheck, check.allows(request.head.authority) else {
            return Self.text(.forbidden, "403 Forbidden: this preview answers only requests for 127.0.0.1, localhost or the address it listens on.\n")
        }
        guard request.method == .get || request.method == .head else {
            var response = Self.text(.methodNotAllowed, "405 Method Not Allowed\n")
            response.headers[.allow] = "GET, HEAD"
            return response
        }
        switch RequestTarget(request.head.path ?? "/") {
        case .refused(let code, let reason):
            let status: HTTPResponse.Status = code == 404 ? .notFound : .badRequest
            return Self.text(status, "\(status.code) \(status.reasonPhrase): \(reason)\n")
        case .events:
            return events()
        case .file(let path):
            return file(path)
        }
    }

    // MARK: Files

    func file(_ requested: String) -> Response {
        let path = requested.isEmpty || requested.hasSuffix("/") ? requested + "index.html" : requested
        if let bytes = site.file(at: path) {
            return Self.bytes(.ok, bytes, type: Self.contentType(of: path))
        }
        if site.file(at: path + "/index.html") != nil {
            var response = Self.text(.movedPermanently, "Moved to /\(path)/\n")
            let encoded = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
            response.headers[.location] = "/" + encoded + "/"
            return response
        }
        guard site.file(at: SitePaths.home) != nil else { return unbuilt() }
        if let page = site.file(at: SitePaths.notFound) {
            var html = String(decoding: page, as: UTF8.self)
            if path.contains("/") {
                // The 404 page links relative to the site root: make that hold below it too,
                // keeping in-page links (the skip link) on this page.
                let here = "/" + (path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "")
                html = html.replacingOccurrences(of: "href=\"#", with: "href=\"\(here)#")
                if let head = html.range(of: "<head>") { html.replaceSubrange(head, with: "<head>\n<base href=\"/\">") }
            }
            return Self.bytes(.notFound, Data(html.utf8), type: "text/html; charset=utf-8")
        }
        return Self.text(.notFound, "404 Not Found\n")
    }

    /// No build has succeeded yet: say so, with the errors, on a page that reloads when fixed.
    func unbuilt() -> Response {
        let errors = site.lastDiagnostics.filter { $0.severity == .error }
        let html = """
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>The site has errors</title></head>
            <body style="font-family:system-ui,sans-serif;margin:2rem">
            <h1>The site could not be built</h1>
            <p>Fix these errors; this page reloads when the site builds.</p>
            <pre>\(Self.escape(PreviewServer.errorText(errors)))</pre>
            \(ReloadScript.html)
            </body>
            </html>

            """
        return Self.bytes(.serviceUnavailable, Data(html.utf8), type: "text/html; charset=utf-8")
    }

    // MARK: Events

    func events() -> Response {
        let hub = self.hub
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            let (id, events) = hub.subscribe()
            defer { hub.unsubscribe(id) }
            try await writer.write(ByteBuffer(string: "retry: 1000\n: connected\n\n"))
            try await withGracefulShutdownHandler {
                for await event in events {
                    try await writer.write(ByteBuffer(string: EventHub.encode(event)))
                }
            } onGracefulShutdown: {
                hub.unsubscribe(id)
            }
            try await writer.finish(nil)
        })
    }

    // MARK: Responses

    static let noSniff = HTTPField.Name("X-Content-Type-Options")!
    static let refused = HTTPField.Name(RequestHeadCheck.refusalHeader)!

    static func bytes(_ status: HTTPResponse.Status, _ data: Data, type: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "no-store"
        headers[noSniff] = "nosniff"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func text(_ status: HTTPResponse.Status, _ text: String) -> Response {
        bytes(status, Data(text.utf8), type: "text/plain; charset=utf-8")
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static let contentTypes: [String: String] = [
        "html": "text/html; charset=utf-8", "htm": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "mjs": "text/javascript; charset=utf-8",
        "json": "application/json", "xml": "application/xml; charset=utf-8", "txt": "text/plain; charset=utf-8",
        "svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
        "webp": "image/webp", "avif": "image/avif", "ico": "image/x-icon",
        "woff": "font/woff", "woff2": "font/woff2", "ttf": "font/ttf", "otf": "font/otf",
        "pdf": "application/pdf", "map": "application/json", "webmanifest": "application/manifest+json",
    ]

    static func contentType(of path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
        return contentTypes[name[name.index(after: dot)...].lowercased()] ?? "application/octet-stream"
    }
}

/// The address the server listens on, known once it is bound (the port may be 0 until then).
final class BoundAddress: @unchecked Sendable {
    private let lock = NSLock()
    private var check: HostCheck?

    var hostCheck: HostCheck? {
        lock.lock()
        defer { lock.unlock() }
        return check
    }

    func bind(host: String, port: Int) {
        lock.lock()
        check = HostCheck(boundHost: host, port: port)
        lock.unlock()
    }
}
