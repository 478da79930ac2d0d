import Foundation

/// Every passage id the site has published, so a link made to a paragraph keeps landing on it
/// after its text is edited.
///
/// A passage's id (`p:` and a hash of its Markdown) changes with any edit of its text. The
/// ledger, `passages.ledger` in the content folder, holds one line per id ever published:
/// the document, the id and a ``PassageSketch`` of the passage's words then. When an id is
/// no longer in its document, the passage most like it now (its sketch at least
/// ``PassageSketch/sameDegree`` alike) takes the old id as a second anchor; when none is,
/// `check` and `build` warn at the ledger's line, since links to it now land at the top of the
/// page. `build` appends the ids it publishes for the first time and never changes a line
/// that is there: the file is the editors' to commit, and deleting a line is how they accept
/// that a passage is gone.
///
/// The ledger is kept only where the file exists: a site starts keeping passage ids when
/// its editors create an empty `passages.ledger`, so no build writes into a content folder
/// uninvited.
public struct PassageLedger: Sendable {
    public static let fileName = "passages.ledger"

    public struct Entry: Sendable, Hashable {
        public var id: String
        public var sketch: PassageSketch
        public var location: SourceLocation
    }

    /// The ledger file's path as diagnostics name it.
    public var path: String
    /// Per document slug, its entries in the order they were written (oldest first).
    public var entries: [String: [Entry]] = [:]

    public init(path: String, entries: [String: [Entry]] = [:]) {
        self.path = path
        self.entries = entries
    }

    /// Reads the ledger at `path`; nil when there is no such file (the site keeps none).
    /// A line that is not `slug p:id sketch` is a warning at its place and is skipped.
    public static func load(path: String, _ diagnostics: inout [Diagnostic]) -> PassageLedger? {
        guard FileSystemEntry.exists(path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            diagnostics.append(.error("cannot read the passage ledger", at: SourceLocation(path: path)))
            return nil
        }
        return parse(String(decoding: data, as: UTF8.self), path: path, &diagnostics)
    }

    static func parse(_ text: String, path: String, _ diagnostics: inout [Diagnostic]) -> PassageLedger {
        var ledger = PassageLedger(path: path)
        var seen: Set<String> = []
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let line = line.hasSuffix("\r") ? line.dropLast() : line
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            let location = SourceLocation(path: path, line: number)
            guard fields.count == 3, fields[1].hasPrefix("p:"), let sketch = PassageSketch(parsing: fields[2]) else {
                diagnostics.append(.warning("this line of the passage ledger is not 'document-slug p:id sketch'; it is skipped", at: location,
                                            hint: "the build writes these lines; restore the line from version control, or delete it"))
                continue
            }
            let slug = String(fields[0]), id = String(fields[1])
            guard seen.insert(slug + " " + id).inserted else { continue }
            ledger.entries[slug, default: []].append(Entry(id: id, sketch: sketch, location: location))
        }
        return ledger
    }

    // MARK: Old ids

    /// The ids of `slug`'s ledger that are no longer in its passages, each with the id of the
    /// passage that now stands for it, or nil when none is alike enough.
    ///
    /// Newest first: an id whose passage has changed twice is matched against the passages
    /// now and against the newer ids already placed, so a paragraph edited a little each time
    /// keeps every id it ever had.
    public func aliases(of slug: String, passages: [(id: String, sketch: PassageSketch)]) -> [(entry: Entry, target: String?)] {
        guard let entries = entries[slug] else { return [] }
        let current = Set(passages.map(\.id))
        var placed: [(sketch: PassageSketch, target: String)] = []
        var result: [(entry: Entry, target: String?)] = []
        for entry in entries.reversed() {
            if current.contains(entry.id) {
                // Still published: what older ids are matched against as this passage's past.
                if let now = passages.first(where: { $0.id == entry.id }) { placed.append((entry.sketch, now.id)) }
                continue
            }
            var best: (degree: Double, target: String)?
            for candidate in passages.map({ ($0.sketch, $0.id) }) + placed.map({ ($0.sketch, $0.target) }) {
                let degree = entry.sketch.similarity(to: candidate.0)
                if degree >= PassageSketch.sameDegree, degree > (best?.degree ?? 0) { best = (degree, candidate.1) }
            }
            if let best { placed.append((entry.sketch, best.target)) }
            result.append((entry, best?.target))
        }
        return result.reversed()
    }

    /// Warnings for documents the ledger names that the site no longer has.
    public func missingDocuments(known: Set<String>) -> [Diagnostic] {
        entries.keys.filter { !known.contains($0) }.sorted().compactMap { slug in
            guard let first = entries[slug]?.first else { return nil }
            return .warning("the passage ledger names document '\(slug)', which the site no longer has: links to its \(entries[slug]?.count ?? 0) passages land nowhere",
                            at: first.location, hint: "if it was renamed, links to the old name break too; delete its lines once that is accepted")
        }
    }

    // MARK: Recording

    /// The lines to append for passages published now that the ledger does not hold yet,
    /// documents in slug order and passages in document order.
    public func newLines(for documents: [(slug: String, passages: [(id: String, sketch: PassageSketch)])]) -> [String] {
        var lines: [String] = []
        for document in documents.sorted(by: { $0.slug < $1.slug }) {
            let known = Set((entries[document.slug] ?? []).map(\.id))
            for passage in document.passages where !known.contains(passage.id) {
                lines.append("\(document.slug) \(passage.id) \(passage.sketch.text)")
            }
        }
        return lines
    }

    /// Appends `lines` to `ledger`'s file, leaving every byte already there as it is; nothing
    /// when the site keeps no ledger.
    static func append(_ lines: [String], to ledger: PassageLedger?) throws(Diagnostic) {
        guard let path = ledger?.path, !lines.isEmpty else { return }
        guard let handle = FileHandle(forUpdatingAtPath: path) else {
            throw .error("cannot write the passage ledger; the site was built, but ids new in it are not recorded", at: SourceLocation(path: path))
        }
        defer { try? handle.close() }
        do {
            let end = try handle.seekToEnd()
            var text = lines.joined(separator: "\n") + "\n"
            if end > 0 {
                try handle.seek(toOffset: end - 1)
                if handle.readData(ofLength: 1) != Data("\n".utf8) { text = "\n" + text }
                try handle.seekToEnd()
            }
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            throw .error("cannot write the passage ledger: \(error.localizedDescription)", at: SourceLocation(path: path))
        }
    }
}
