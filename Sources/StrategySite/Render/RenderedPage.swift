import Foundation

/// One file of the finished site.
public struct RenderedPage: Sendable, Hashable {
    /// A page's bytes: its text, or parts to be written one after the other. The search data
    /// is in parts, one per document, so `serve` can replace one document's part and keep
    /// the rest without copying the whole library's text on every edit.
    public enum Body: Sendable, Hashable {
        case text(String)
        /// UTF-8 bytes as the templates wrote them.
        case bytes([UInt8])
        case parts([[UInt8]])
    }

    /// Path under the output directory, e.g. `documents/2010-drug-strategy.html`.
    public var path: String
    public var body: Body
    /// The template the page was rendered with ("" for data files).
    public var template: String

    public init(path: String, contents: String, template: String) {
        self.init(path: path, body: .text(contents), template: template)
    }

    public init(path: String, body: Body, template: String) {
        self.path = path
        self.body = body
        self.template = template
    }

    /// The page as text.
    public var contents: String {
        switch body {
        case .text(let text): text
        case .bytes(let bytes): String(decoding: bytes, as: UTF8.self)
        case .parts(let parts): String(decoding: Array(parts.joined()), as: UTF8.self)
        }
    }

    /// The page's bytes, as written to disk or served.
    public var data: Data {
        switch body {
        case .text(let text): return Data(text.utf8)
        case .bytes(let bytes): return Data(bytes)
        case .parts(let parts):
            var data = Data(capacity: parts.reduce(0) { $0 + $1.count })
            for part in parts { data.append(contentsOf: part) }
            return data
        }
    }
}
