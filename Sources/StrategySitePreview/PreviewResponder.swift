import Foundation
import StrategySite

/// Answers every request from the site held in memory: no path from a URL ever reaches the
/// file system.
struct PreviewResponder: Sendable {
    let site: ServedSite
    let hub: EventHub
    let hostCheck: HostCheck

    /// The answer to `head`. For HEAD it is the GET's (its `Content-Length` included); the
    /// connection leaves the body out.
    func respond(to head: RequestHead) -> PreviewResponse {
        let authority: String?, target: String
        switch RequestHeadCheck.judge(head, check: hostCheck) {
        case .refuse(let reason):
            return Self.text(400, "400 Bad Request: \(reason)\n")
        case .accept(let named, let origin):
            (authority, target) = (named, origin)
        }
        guard hostCheck.allows(authority) else {
            return Self.text(403, "403 Forbidden: this preview answers only requests for 127.0.0.1, localhost or the address it listens on.\n")
        }
        guard head.method == "GET" || head.method == "HEAD" else {
            var response = Self.text(405, "405 Method Not Allowed\n")
            response.headers.append(("Allow", "GET, HEAD"))
            return response
        }
        switch RequestTarget(target) {
        case .refused(let status, let reason):
            return Self.text(status, "\(status) \(PreviewResponse.reason(for: status)): \(reason)\n")
        case .events:
            return PreviewResponse(status: 200, headers: [("Content-Type", "text/event-stream; charset=utf-8"), ("Cache-Control", "no-store")],
                                   body: .events(hub))
        case .file(let path):
            return file(path)
        }
    }

    // MARK: Files

    func file(_ requested: String) -> PreviewResponse {
        let path = requested.isEmpty || requested.hasSuffix("/") ? requested + "index.html" : requested
        if let bytes = site.file(at: path) {
            return Self.bytes(200, bytes, type: Self.contentType(of: path))
        }
        if site.file(at: path + "/index.html") != nil {
            var response = Self.text(301, "Moved to /\(path)/\n")
            let encoded = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
            response.headers.append(("Location", "/" + encoded + "/"))
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
            return Self.bytes(404, Data(html.utf8), type: "text/html; charset=utf-8")
        }
        return Self.text(404, "404 Not Found\n")
    }

    /// No build has succeeded yet: say so, with the errors, on a page that reloads when fixed.
    func unbuilt() -> PreviewResponse {
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
        return Self.bytes(503, Data(html.utf8), type: "text/html; charset=utf-8")
    }

    // MARK: Responses

    static func bytes(_ status: Int, _ data: Data, type: String) -> PreviewResponse {
        PreviewResponse(status: status, headers: [("Content-Type", type), ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff")],
                        body: .bytes(data))
    }

    static func text(_ status: Int, _ text: String) -> PreviewResponse {
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
