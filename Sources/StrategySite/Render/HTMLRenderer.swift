/// Renders a document's Markdown tree to HTML.
///
/// Plain cmark has no heading ids, tables or notes, so the site renders cmark's tree itself
/// instead of calling `cmark_render_html`. The output follows cmark's renderer element for
/// element (a test compares the two on plain CommonMark) and keeps its safe mode: raw HTML is
/// dropped, unsafe URLs become empty, and every text and attribute is escaped.
public struct HTMLRenderer: Sendable {
    /// Maps `doc:`, `theme:` and `indicator:` targets to relative URLs for the page being
    /// rendered; returns nil for a target that does not exist (the link stage has reported it).
    public var resolve: @Sendable (String) -> String?

    public init(resolve: @escaping @Sendable (String) -> String? = { _ in nil }) {
        self.resolve = resolve
    }

    /// Schemes whose links are references inside the site, resolved at build time.
    public static let referenceSchemes = ["doc:", "theme:", "indicator:"]

    /// - Parameters:
    ///   - beforeHeading: HTML to place before a top-level heading, given its anchor (the
    ///     document page puts "back to contents" links there after long sections).
    ///   - afterHeading: HTML to place after a top-level heading (the section's themes).
    ///   Both must return escaped, finished HTML.
    public func render(_ nodes: [MarkdownNode], beforeHeading: (String) -> String = { _ in "" },
                       afterHeading: (String) -> String = { _ in "" }) -> String {
        var state = State()
        state.noteNumbers = Self.noteNumbers(in: nodes)
        for node in nodes {
            if node.isHeading { state.html += beforeHeading(node.literal) }
            render(node, into: &state, tight: false)
            if node.isHeading { state.html += afterHeading(node.literal) }
        }
        return state.html
    }

    /// Notes are numbered in the order their definitions are written.
    static func noteNumbers(in nodes: [MarkdownNode]) -> [String: Int] {
        var numbers: [String: Int] = [:]
        for node in nodes where node.kind == .noteList {
            for definition in node.children {
                if case .noteDefinition(let label) = definition.kind, numbers[label] == nil {
                    numbers[label] = numbers.count + 1
                }
            }
        }
        return numbers
    }

    private struct State {
        var html = ""
        var noteNumbers: [String: Int] = [:]
        var referenceCounts: [String: Int] = [:]
        mutating func cr() {
            if !html.isEmpty, html.last != "\n" { html += "\n" }
        }
    }

    private func href(_ destination: String) -> String? {
        if Self.referenceSchemes.contains(where: { destination.hasPrefix($0) }) {
            return resolve(destination).map(HTML.escapeURL)
        }
        return HTML.isSafeURL(destination) ? HTML.escapeURL(destination) : ""
    }

    private func render(_ node: MarkdownNode, into state: inout State, tight: Bool) {
        func children(tight: Bool = false) {
            for child in node.children { render(child, into: &state, tight: tight) }
        }
        switch node.kind {
        case .document:
            children()
        case .blockQuote:
            state.cr(); state.html += "<blockquote>\n"; children(); state.cr(); state.html += "</blockquote>\n"
        case .list(let ordered, let start, let isTight):
            state.cr()
            if ordered {
                state.html += start == 1 ? "<ol>\n" : "<ol start=\"\(start)\">\n"
            } else {
                state.html += "<ul>\n"
            }
            for item in node.children { render(item, into: &state, tight: isTight) }
            state.cr(); state.html += ordered ? "</ol>\n" : "</ul>\n"
        case .item:
            state.cr(); state.html += "<li>"; children(tight: tight); state.html += "</li>\n"
        case .codeBlock(let info):
            state.cr()
            let language = info.split(separator: " ").first.map(String.init) ?? ""
            state.html += language.isEmpty ? "<pre><code>" : "<pre><code class=\"language-\(HTML.escape(language))\">"
            state.html += HTML.escape(node.literal) + "</code></pre>\n"
        case .htmlBlock, .htmlInline:
            break // safe mode: raw HTML never reaches a page
        case .paragraph:
            if tight { children() } else {
                state.cr(); state.html += "<p>"; children(); state.html += "</p>\n"
            }
        case .heading(let level):
            state.cr()
            let anchor = HTML.escape(node.literal)
            state.html += anchor.isEmpty ? "<h\(level)>" : "<h\(level) id=\"\(anchor)\">"
            children()
            if !anchor.isEmpty {
                state.html += " <a class=\"anchor\" href=\"#\(anchor)\" aria-label=\"Link to this section\">#</a>"
            }
            state.html += "</h\(level)>\n"
        case .thematicBreak:
            state.cr(); state.html += "<hr>\n"
        case .text:
            state.html += HTML.escape(node.literal)
        case .softBreak:
            state.html += "\n"
        case .lineBreak:
            state.html += "<br>\n"
        case .code:
            state.html += "<code>" + HTML.escape(node.literal) + "</code>"
        case .emphasis:
            state.html += "<em>"; children(); state.html += "</em>"
        case .strong:
            state.html += "<strong>"; children(); state.html += "</strong>"
        case .link(let destination, let title):
            guard let url = href(destination) else { children(); return }
            state.html += "<a href=\"\(url)\""
            if !title.isEmpty { state.html += " title=\"\(HTML.escape(title))\"" }
            state.html += ">"; children(); state.html += "</a>"
        case .image(let source, let title):
            state.html += "<img src=\"\(href(source) ?? "")\" alt=\"\(HTML.escape(node.plainText))\""
            if !title.isEmpty { state.html += " title=\"\(HTML.escape(title))\"" }
            state.html += ">"
        case .table(let alignments):
            // A wide table scrolls inside its own labelled region instead of widening the page.
            let columns = node.children.first?.children.map { $0.plainText }.joined(separator: ", ") ?? ""
            state.cr(); state.html += "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table: \(HTML.escape(columns))\">\n<table>\n"
            let header = node.children.prefix { $0.kind == .tableRow(isHeader: true) }
            let body = node.children.dropFirst(header.count)
            if !header.isEmpty {
                state.html += "<thead>\n"
                for row in header { renderRow(row, alignments: alignments, cell: "th", into: &state) }
                state.html += "</thead>\n"
            }
            if !body.isEmpty {
                state.html += "<tbody>\n"
                for row in body { renderRow(row, alignments: alignments, cell: "td", into: &state) }
                state.html += "</tbody>\n"
            }
            state.html += "</table>\n</div>\n"
        case .tableRow, .tableCell:
            children() // rendered by renderRow
        case .noteReference(let label):
            guard let number = state.noteNumbers[label] else { state.html += HTML.escape("[^\(label)]"); return }
            let count = state.referenceCounts[label, default: 0] + 1
            state.referenceCounts[label] = count
            let id = Self.referenceID(label, occurrence: count)
            state.html += "<sup class=\"note-ref\"><a id=\"\(id)\" href=\"#\(Self.noteID(label))\" aria-label=\"Note \(number)\">\(number)</a></sup>"
        case .noteList:
            state.cr(); state.html += "<ol class=\"notes\">\n"
            for definition in node.children {
                guard case .noteDefinition(let label) = definition.kind else { continue }
                state.html += "<li id=\"\(Self.noteID(label))\">"
                for child in definition.children { render(child, into: &state, tight: true) }
                let uses = max(state.referenceCounts[label, default: 0], 1)
                for occurrence in 1...uses {
                    let number = state.noteNumbers[label] ?? 0
                    let suffix = uses > 1 ? " (\(occurrence))" : ""
                    state.html += " <a class=\"note-back\" href=\"#\(Self.referenceID(label, occurrence: occurrence))\" aria-label=\"Back to reference \(number)\(suffix)\">↩</a>"
                }
                state.html += "</li>\n"
            }
            state.html += "</ol>\n"
        case .noteDefinition:
            children()
        }
    }

    private func renderRow(_ row: MarkdownNode, alignments: [MarkdownNode.TableAlignment], cell: String, into state: inout State) {
        state.html += "<tr>\n"
        for (index, content) in row.children.enumerated() {
            let alignment = index < alignments.count ? alignments[index] : .none
            let style: String
            switch alignment {
            case .none: style = ""
            case .left: style = " class=\"align-left\""
            case .center: style = " class=\"align-center\""
            case .right: style = " class=\"align-right\""
            }
            let scope = cell == "th" ? " scope=\"col\"" : ""
            state.html += "<\(cell)\(scope)\(style)>"
            for child in content.children { render(child, into: &state, tight: true) }
            state.html += "</\(cell)>\n"
        }
        state.html += "</tr>\n"
    }

    static func noteID(_ label: String) -> String { "note-" + Slugger.slug(label) }

    static func referenceID(_ label: String, occurrence: Int) -> String {
        "note-ref-" + Slugger.slug(label) + (occurrence > 1 ? "-\(occurrence)" : "")
    }
}
