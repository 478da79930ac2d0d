/// What a request's target (the path of its first line) asks the preview for.
///
/// The preview serves only the site held in memory, so no URL can name a file on disk. Targets
/// that could mean something else on a file server are still refused outright, so that nothing
/// depends on how a later change looks paths up: `..` and `.` segments, empty segments (`//`),
/// backslashes, encoded slashes and NUL, control characters, and anything but an origin-form path.
public enum RequestTarget: Equatable, Sendable {
    /// A file of the site: the path relative to the site root, percent-decoded. Empty or ending in
    /// `/` for a folder (the responder adds `index.html`).
    case file(String)
    /// The server-sent events stream that tells open pages to reload.
    case events
    /// Refused with this status (400 or 404) and reason.
    case refused(status: Int, reason: String)

    /// The path of the events stream.
    public static let eventsPath = "/__strategy-site/events"
    /// Paths under this prefix belong to the preview itself.
    public static let reservedPrefix = "/__strategy-site/"

    public init(_ target: String) {
        self = Self.resolve(target)
    }

    static func resolve(_ target: String) -> RequestTarget {
        guard target.utf8.count <= 4096 else { return .refused(status: 400, reason: "request target too long") }
        guard target.hasPrefix("/") else { return .refused(status: 400, reason: "only paths starting with / are served") }
        let raw = String(target.prefix { $0 != "?" && $0 != "#" })
        let lowered = raw.lowercased()
        if raw.contains("\\") || lowered.contains("%5c") { return .refused(status: 400, reason: "backslashes are not allowed in paths") }
        if lowered.contains("%2f") { return .refused(status: 400, reason: "encoded slashes are not allowed in paths") }
        if lowered.contains("%00") { return .refused(status: 400, reason: "NUL is not allowed in paths") }
        guard let decoded = raw.removingPercentEncoding else { return .refused(status: 400, reason: "invalid percent-encoding") }
        if decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return .refused(status: 400, reason: "control characters are not allowed in paths")
        }
        // After decoding, a slash can only be one that was written as a slash.
        let segments = decoded.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            if segment == "." || segment == ".." { return .refused(status: 400, reason: "dot segments are not allowed in paths") }
            if segment.isEmpty && index != segments.count - 1 { return .refused(status: 400, reason: "empty path segments are not allowed") }
        }
        if decoded == eventsPath { return .events }
        if decoded.hasPrefix(reservedPrefix) { return .refused(status: 404, reason: "not found") }
        return .file(String(decoded.dropFirst()))
    }
}
