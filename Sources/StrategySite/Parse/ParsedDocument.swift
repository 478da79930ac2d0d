/// A document after parsing: its body already written as HTML, and what the later stages need
/// to know about it, all collected in the same walk over cmark's tree.
public struct ParsedDocument: Sendable {
    public let source: SourceDocument
    public let body: DocumentBody
    /// Every top-level heading, in order, with the themes that apply to its section.
    public let sections: [Section]
    /// Every id in the body a `doc:slug#anchor` link may name: headings, notes, citable blocks.
    public let anchors: Set<String>
    /// The text before the first heading, for the search index.
    public let opening: String
    /// `doc:`, `theme:` and `indicator:` links, and theme comments, with where they were written.
    public let references: [Reference]
    /// Indicators named in the text (by code or by an `indicator:` link), with their section.
    public let mentions: [Mention]
    /// What other pages show of it, made once here rather than by every page that lists it.
    public let card: DocumentCard
    /// Every citable block, in document order, with its id and text.
    public let passages: [Passage]
    /// The plain text of each note shown after the body, in order (`fn:1` first).
    public let notes: [String]
    /// Unique to this parse, so what is made from a document can be kept and known to be
    /// current without comparing the document (``SearchFragments``).
    public let revision: Int

    public var slug: String { source.slug }
    public var metadata: DocumentMetadata { source.metadata }

    init(source: SourceDocument, body: DocumentBody, sections: [Section], anchors: Set<String>, opening: String,
         references: [Reference], mentions: [Mention], passages: [Passage] = [], notes: [String] = []) {
        self.source = source
        self.body = body
        self.sections = sections
        self.anchors = anchors
        self.opening = opening
        self.references = references
        self.mentions = mentions
        self.passages = passages
        self.notes = notes
        card = DocumentCard(slug: source.slug, metadata: source.metadata, sections: sections)
        revision = Self.revisions.next()
    }

    private static let revisions = Counter()

    public func section(_ anchor: String) -> Section? { card.position(of: anchor).map { sections[$0] } }

    /// The text of note `fn:N`.
    public func note(_ anchor: String) -> String? {
        guard anchor.hasPrefix("fn:"), let number = Int(anchor.dropFirst(3)), number >= 1, number <= notes.count else { return nil }
        return notes[number - 1]
    }

    /// The citable block with this id (`p:…`).
    public func passage(_ id: String) -> Passage? {
        guard id.hasPrefix("p:") else { return nil }
        return passages.first { $0.id == id }
    }
}

/// A document's body as HTML, with the places where the document page adds its own blocks.
public struct DocumentBody: Sendable, Hashable {
    /// A top-level heading: the bytes `start..<end` of `html` are its `<hN>` element.
    public struct Heading: Sendable, Hashable {
        public var anchor: String
        public var start: Int
        public var end: Int
    }

    public var html: [UInt8]
    public var headings: [Heading]

    /// The body with `before(anchor)` placed before and `after(anchor)` after each top-level
    /// heading; both must return finished, escaped HTML.
    public func assembled(before: (String) -> String = { _ in "" }, after: (String) -> String = { _ in "" }) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(html.count + headings.count * 256)
        var cursor = 0
        for heading in headings {
            out.append(contentsOf: html[cursor..<heading.start])
            out.append(contentsOf: before(heading.anchor).utf8)
            out.append(contentsOf: html[heading.start..<heading.end])
            out.append(contentsOf: after(heading.anchor).utf8)
            cursor = heading.end
        }
        out.append(contentsOf: html[cursor...])
        return String(decoding: out, as: UTF8.self)
    }

    public var string: String { String(decoding: html, as: UTF8.self) }
}

/// A heading and the text under it, up to the next heading of the same or a higher level.
public struct Section: Sendable, Hashable {
    public var anchor: String
    public var title: String
    public var level: Int
    /// Themes named in the section's comment, or inherited from its parent section.
    public var themes: [String]
    /// Whether `themes` were named on this heading rather than inherited.
    public var themesDeclared: Bool
    public var parentAnchor: String?
    /// Indicators the heading names by code (ids, in order): the heading stays unlinked, so
    /// the block under it links them.
    public var headingIndicators: [String] = []
    /// `doc:slug#anchor` targets an editor named as its counterparts
    /// (`<!-- counterparts: … -->`), which come before the ranked ones.
    public var namedCounterparts: [String] = []
    /// The first words of the section's own text, for theme pages and search results.
    public var excerpt: String
    /// The section's own text (not its subsections'), on one line, for the search index.
    public var text: String
    public var location: SourceLocation
}

/// A reference from content to something that must exist.
public struct Reference: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case link, themeComment }
    public var kind: Kind
    /// What it names, read when the body is parsed: a link's `doc:slug#anchor`, `theme:id`
    /// or `indicator:id`, a theme comment entry's theme. Nil for a link in one of the site's
    /// schemes that names nothing (`doc:`, `theme:`), which the link stage reports.
    public var target: SiteReference?
    /// The link's URL as written (a theme comment entry: its id), for messages.
    public var written: String
    public var location: SourceLocation
}

/// An indicator named in a document, and the section (anchor, or "" before the first heading).
public struct Mention: Sendable, Hashable {
    public var indicator: String
    public var section: String
}
