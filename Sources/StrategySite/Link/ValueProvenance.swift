import Foundation

/// Checks that every indicator value is written, exactly as indicators.yml gives it, in the
/// place its `source` names, and indexes the values by that place for back-links.
///
/// A place is `doc:slug#anchor`, meaning that section's own text (not its subsections'), or
/// `doc:slug`, meaning the text before the document's first heading. Its `date` (unless it is
/// `none`) and `note` must be written there too. Text is compared as the
/// reader sees it (Markdown markup removed, every run of whitespace one space), letter for
/// letter and case for case, and a figure must stand as a whole: "8%" is not found in "18%".
struct ValueProvenance {
    var documents: [String: ParsedDocument]

    init(documents: [ParsedDocument]) {
        self.documents = Dictionary(documents.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every problem with the values' places, and the values found in each place.
    func check(_ indicators: [Indicator], _ diagnostics: inout [Diagnostic]) -> [SectionReference: [FigureReference]] {
        var bySection: [SectionReference: [FigureReference]] = [:]
        for indicator in indicators {
            for (index, value) in indicator.values.enumerated() where !value.source.isEmpty {
                guard let reference = check(value, &diagnostics) else { continue }
                bySection[reference, default: []].append(FigureReference(indicator: indicator.id, value: index))
            }
            for problem in IndicatorChart.problems(for: indicator) {
                diagnostics.append(.warning(problem.message, at: problem.location,
                                            hint: "a series is values of one measure, written in one document, each with its period"))
            }
        }
        return bySection
    }

    /// The section the value is written in, or nil (with a diagnostic) when it is not there.
    func check(_ value: Indicator.Value, _ diagnostics: inout [Diagnostic]) -> SectionReference? {
        guard let place = value.place else {
            let document = documents.values.first { $0.metadata.source == value.source }
            guard let document else {
                diagnostics.append(.error("unknown source '\(value.source)' for value '\(value.value)'", at: value.sourceLocation,
                                          hint: "write where the value is written: source: doc:<document slug>#<section anchor>"))
                return nil
            }
            let found = sections(of: document, containing: value.value).first
            diagnostics.append(.warning("source '\(value.source)' names a file, not a place, so value '\(value.value)' cannot be checked",
                                        at: value.sourceLocation,
                                        hint: "write source: doc:\(document.slug)\(found.map { "#" + $0 } ?? "#<section anchor>")"))
            return nil
        }
        guard let document = documents[place.slug] else {
            diagnostics.append(.error("unknown document '\(place.slug)' in source \(value.source)", at: value.sourceLocation,
                                      hint: place.slug.closest(in: documents.keys).map { "did you mean 'doc:\($0)'?" }))
            return nil
        }
        guard let text = Self.text(of: place.anchor, in: document) else {
            let anchors = document.sections.map(\.anchor)
            diagnostics.append(.error("unknown anchor '#\(place.anchor)' in document '\(place.slug)'", at: value.sourceLocation,
                                      hint: place.anchor.closest(in: anchors).map { "did you mean 'doc:\(place.slug)#\($0)'?" } ?? "anchors are slugs of the heading text"))
            return nil
        }
        var placeIsRight = true
        let period = value.hasPeriod ? value.date : ""
        for (words, what, location) in [(value.value, "value", value.location), (period, "date", value.dateLocation),
                                        (value.note, "note", value.noteLocation)] where !words.isEmpty {
            guard !Self.occurs(words, in: text) else { continue }
            placeIsRight = false
            diagnostics.append(.error("\(what) '\(words)' is not written in \(Self.describe(place))", at: location,
                                      hint: what == "date" ? "write the period as the source gives it for this figure, or date: none if it gives none"
                                                           : hint(for: words, in: text, document: document)))
        }
        return placeIsRight ? SectionReference(slug: place.slug, anchor: place.anchor, strategy: document.metadata.strategy) : nil
    }

    /// Where else the words are, to point the editor at the right place or spelling.
    private func hint(for words: String, in text: String, document: ParsedDocument) -> String {
        let needle = SearchText.oneLine(Array(words.utf8))
        if let range = text.range(of: needle, options: [.caseInsensitive, .diacriticInsensitive]), text[range] != needle {
            return "the source writes it '\(text[range])': copy it exactly as written"
        }
        if let anchor = sections(of: document, containing: words).first {
            return "it is written in 'doc:\(document.slug)\(anchor.isEmpty ? "" : "#" + anchor)'"
        }
        for other in documents.values.sorted(by: { $0.slug < $1.slug }) where other.slug != document.slug {
            if let anchor = sections(of: other, containing: words).first {
                return "it is written in 'doc:\(other.slug)\(anchor.isEmpty ? "" : "#" + anchor)'"
            }
        }
        return "a value must be copied as written from the section's own text (its subsections are places of their own)"
    }

    /// Anchors of the places in `document` whose text has `words` ("" for the opening text).
    private func sections(of document: ParsedDocument, containing words: String) -> [String] {
        ([""] + document.sections.map(\.anchor)).filter { anchor in Self.text(of: anchor, in: document).map { Self.occurs(words, in: $0) } ?? false }
    }

    private static func describe(_ place: Indicator.Value.Place) -> String {
        place.anchor.isEmpty ? "the opening of document '\(place.slug)'" : "section '#\(place.anchor)' of document '\(place.slug)'"
    }

    /// The text a place stands for: a section's own text, or for "" the document's opening.
    static func text(of anchor: String, in document: ParsedDocument) -> String? {
        anchor.isEmpty ? document.opening : document.section(anchor)?.text
    }

    /// Whether `words` occur in one-line `text` exactly as written, standing as a whole: not
    /// directly after or before a letter or digit.
    static func occurs(_ words: String, in text: String) -> Bool {
        let needle = SearchText.oneLine(Array(words.utf8))
        guard !needle.isEmpty else { return false }
        var searchStart = text.startIndex
        while let range = text.range(of: needle, options: .literal, range: searchStart..<text.endIndex) {
            var before = range.lowerBound > text.startIndex ? text[text.index(before: range.lowerBound)] : " "
            // Nor "8%" in "8.8%": look back past a decimal point or comma too.
            if (before == "." || before == ","), needle.first?.isNumber == true,
               text.index(before: range.lowerBound) > text.startIndex {
                before = text[text.index(before: text.index(before: range.lowerBound))]
            }
            var after = range.upperBound < text.endIndex ? text[range.upperBound] : " "
            // "8" does not stand alone in "8.8%" or "8,000": look past a decimal point or comma.
            if (after == "." || after == ","), needle.last?.isNumber == true, text.index(after: range.upperBound) < text.endIndex {
                after = text[text.index(after: range.upperBound)]
            }
            let joinsBefore = (needle.first?.isLetter == true || needle.first?.isNumber == true) && (before.isLetter || before.isNumber)
            let joinsAfter = (needle.last?.isLetter == true || needle.last?.isNumber == true) && (after.isLetter || after.isNumber)
            if !joinsBefore && !joinsAfter { return true }
            searchStart = text.index(after: range.lowerBound)
        }
        return false
    }
}

/// One value of one indicator, as the page of the section it is written in points to it.
public struct FigureReference: Sendable, Hashable {
    public var indicator: String
    /// Its position in the indicator's `values`.
    public var value: Int
}
