/// The parse stage: one document's Markdown to its HTML body and outline.
///
/// cmark parses (after ``NoteDefinitions`` has made GFM note definitions into containers it
/// understands), ``TableLayout`` finds the pipe tables in its paragraphs, and ``BodyWriter``
/// walks the tree once, writing HTML bytes and collecting sections, anchors, references,
/// mentions and search text. Problems are gathered as diagnostics, never printed.
public struct DocumentParser: Sendable {
    public struct Options: Sendable {
        /// Indicator codes to link where the text mentions them.
        public var indicators: IndicatorMatcher
        /// Ids the page template uses itself; headings and notes never take them.
        public var reservedIDs: Set<String>
        /// An id and a link on every paragraph, list item and table, so readers can cite them.
        /// Off only where output is compared with cmark's.
        public var citableBlocks: Bool
        /// The ids passages had before their text was edited (``PassageLedger``), kept as
        /// second anchors; nil where the site keeps no ledger.
        public var ledger: PassageLedger?

        public init(indicators: IndicatorMatcher = IndicatorMatcher(indicators: []), reservedIDs: Set<String> = [], citableBlocks: Bool = true,
                    ledger: PassageLedger? = nil) {
            self.indicators = indicators
            self.reservedIDs = reservedIDs
            self.citableBlocks = citableBlocks
            self.ledger = ledger
        }
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    public func parse(_ source: SourceDocument, _ diagnostics: inout [Diagnostic]) -> ParsedDocument {
        let original = SourceLines(Array(source.body.utf8))
        let notes = NoteDefinitions(original)
        let text = notes.lines.isEmpty ? original : SourceLines(notes.text)
        let document = CMark.Document(parsing: text.bytes)
        let tables = TableLayout(document: document, text: text)
        let locator = Locator(path: source.path, bodyStartLine: source.bodyStartLine, original: original, noteLines: notes.lines)
        var writer = BodyWriter(options: .init(indicators: options.indicators, citableBlocks: options.citableBlocks, pagePath: SitePaths.document(source.slug)),
                                locator: locator, text: text, tables: tables, notes: notes, reservedIDs: options.reservedIDs)
        document.walk { event, node in writer.visit(event, node) }
        // The Markdown is not needed past this stage (the body is HTML now); a library of
        // 10,000 documents would otherwise hold its whole text twice until the build ends.
        var written = source
        written.body = ""
        var parsed = writer.finish(source: written)
        diagnostics += writer.diagnostics
        if let ledger = options.ledger, options.citableBlocks { parsed = PassageAliases.apply(ledger, to: parsed, &diagnostics) }
        for link in writer.fragmentLinks {
            let id = link.fragment.percentDecodedLeniently
            guard !parsed.anchors.contains(id), !options.reservedIDs.contains(id) else { continue }
            // A note's back-reference ids (`fnref:1`) are no anchors for other documents, but a
            // link to one the body has is no broken link; one it does not have is (found by
            // fuzz-markdown: `#fnref:1:…` with no such reference was let through unwarned).
            if id.hasPrefix("fnref:"), parsed.body.string.contains(" id=\"\(HTML.escape(id))\"") { continue }
            diagnostics.append(.warning("link '#\(id)' names no heading or passage of this document", at: link.location,
                                        hint: id.closest(in: parsed.anchors).map { "did you mean '#\($0)'?" }, cause: .unknownFragment(id)))
        }
        return parsed
    }
}
