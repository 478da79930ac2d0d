/// A Markdown syntax tree as plain Swift values.
///
/// cmark's tree is converted once, right after parsing, so that every later stage works on
/// immutable, `Sendable` values and no stage has to think about C memory. The kinds after
/// `image` are the two extensions the content contract adds on top of CommonMark (pipe tables
/// and numbered notes); they are produced by ``DocumentParser``, never by cmark.
public struct MarkdownNode: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case document
        case blockQuote
        case list(ordered: Bool, start: Int, tight: Bool)
        case item
        case codeBlock(info: String)
        case htmlBlock
        case paragraph
        case heading(level: Int)
        case thematicBreak
        case text
        case softBreak
        case lineBreak
        case code
        case htmlInline
        case emphasis
        case strong
        case link(destination: String, title: String)
        case image(source: String, title: String)
        case table(alignments: [TableAlignment])
        case tableRow(isHeader: Bool)
        case tableCell
        case noteReference(label: String)
        /// The numbered notes of a document, placed where its first definition was written.
        case noteList
        case noteDefinition(label: String)
    }

    public enum TableAlignment: Hashable, Sendable { case none, left, center, right }

    public var kind: Kind
    /// Text of leaf nodes (text, code, code blocks, raw HTML); for a heading, the anchor
    /// ``DocumentParser`` gave it.
    public var literal: String
    public var children: [MarkdownNode]
    /// 1-based position in the Markdown text that was parsed (not the file: see ``DocumentParser``).
    public var line: Int
    public var column: Int
    public var endLine: Int

    public init(_ kind: Kind, literal: String = "", children: [MarkdownNode] = [], line: Int = 0, column: Int = 0, endLine: Int = 0) {
        self.kind = kind
        self.literal = literal
        self.children = children
        self.line = line
        self.column = column
        self.endLine = endLine
    }

    /// The text a reader sees, without markup: used for heading anchors, titles and excerpts.
    public var plainText: String {
        switch kind {
        case .text, .code: return literal
        case .softBreak, .lineBreak: return " "
        case .htmlInline, .htmlBlock: return ""
        case .noteReference, .noteList, .noteDefinition: return ""
        default: return children.map(\.plainText).joined()
        }
    }

    /// Like ``plainText``, with a space between blocks (paragraphs, list items, cells), so
    /// words of neighbouring blocks do not run together in excerpts and the search index.
    public var readableText: String {
        switch kind {
        case .document, .blockQuote, .list, .item, .table, .tableRow, .noteList, .noteDefinition:
            return children.map(\.readableText).filter { !$0.isEmpty }.joined(separator: " ")
        default:
            return plainText
        }
    }

    public var isHeading: Bool {
        if case .heading = kind { return true }
        return false
    }

    public var headingLevel: Int? {
        if case .heading(let level) = kind { return level }
        return nil
    }
}
