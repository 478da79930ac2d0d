/// A citable block of a document (a paragraph, a list item or a table) as readers see it:
/// the id its `¶` link and `doc:slug#p:…` references use, and its text, so that a figure can
/// be proved by the sentence (or table row) it stands in.
public struct Passage: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case paragraph, item, table }

    public var id: String
    public var kind: Kind
    /// The anchor of the top-level section it stands in, or "" before the first heading.
    public var section: String
    /// Its text on one line, markup removed.
    public var text: String
    /// A table's rows, each on one line; empty for other blocks.
    public var rows: [String]
    public var location: SourceLocation
    /// The notes referred to in it, by the unit (sentence or row) they are referred to from.
    public var notes: [NoteMark] = []
    /// Where its id is written in the body's HTML (the `id` attribute and the `¶` link's
    /// fragment), so a kept id from the passage ledger can take the place of the new one.
    var idRanges: [Range<Int>]

    /// The units a figure and its note must share: the rows of a table, the sentences of
    /// any other block.
    public var units: [String] { kind == .table ? rows : Sentences.split(text) }

    /// A note referred to from one unit of the passage: its number on the page (`fn:N`).
    public struct NoteMark: Sendable, Hashable {
        public var unit: Int
        public var number: Int
        var label = ""
    }
}
