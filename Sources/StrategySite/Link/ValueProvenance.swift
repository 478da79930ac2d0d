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
        var notes: [FigureReference: [SourceNote]] = [:]
        return check(indicators, sourceNotes: &notes, &diagnostics)
    }

    /// The same, also giving for each value the notes its sentence refers to (the source the
    /// document names for the figure).
    func check(_ indicators: [Indicator], sourceNotes: inout [FigureReference: [SourceNote]],
               _ diagnostics: inout [Diagnostic]) -> [SectionReference: [FigureReference]] {
        var bySection: [SectionReference: [FigureReference]] = [:]
        for indicator in indicators {
            for (index, value) in indicator.values.enumerated() where !value.source.isEmpty {
                var notes: [SourceNote] = []
                guard let reference = check(value, notes: &notes, &diagnostics) else { continue }
                let figure = FigureReference(indicator: indicator.id, value: index)
                bySection[reference, default: []].append(figure)
                if !notes.isEmpty { sourceNotes[figure] = notes }
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
        var notes: [SourceNote] = []
        return check(value, notes: &notes, &diagnostics)
    }

    func check(_ value: Indicator.Value, notes: inout [SourceNote], _ diagnostics: inout [Diagnostic]) -> SectionReference? {
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
        guard let found = Self.place(place.anchor, in: document) else {
            diagnostics.append(.error("unknown anchor '#\(place.anchor)' in document '\(place.slug)'", at: value.sourceLocation,
                                      hint: Self.anchorHint(place.anchor, in: document)))
            return nil
        }
        let text = found.text
        var placeIsRight = true
        let period = value.hasPeriod ? value.date : ""
        for (words, what, location) in [(value.value, "value", value.location), (period, "date", value.dateLocation),
                                        (value.note, "note", value.noteLocation)] where !words.isEmpty {
            guard !Self.occurs(words, in: text) else { continue }
            placeIsRight = false
            diagnostics.append(.error("\(what) '\(words)' is not written in \(Self.describe(place))", at: location,
                                      hint: what == "date" ? Self.periodHint(for: words, value: value.value, in: found)
                                                           : hint(for: words, in: text, document: document)))
        }
        if placeIsRight {
            let proof = Self.prove(value, in: found, place: Self.describe(place))
            if let problem = proof.problem {
                placeIsRight = false
                diagnostics.append(.error(problem.message, at: problem.location, hint: problem.hint))
            } else if let unit = proof.unit {
                notes = found.unitNotes[unit].compactMap { number in
                    document.note("fn:\(number)").map { SourceNote(slug: document.slug, number: number, text: $0) }
                }
            }
        }
        return placeIsRight ? SectionReference(slug: place.slug, anchor: found.section, strategy: document.metadata.strategy) : nil
    }

    // MARK: Sentences

    /// A place's text and the units (sentences, table rows) a figure must share with its note
    /// and period, with the notes each unit refers to.
    struct Place {
        var text: String
        var units: [String]
        var unitNotes: [[Int]]
        /// The anchor of the section it is in ("" for the opening).
        var section: String
    }

    /// The place an anchor names: a passage (`p:…`), a note (`fn:N`), a section or, for "",
    /// the opening text.
    static func place(_ anchor: String, in document: ParsedDocument) -> Place? {
        if let passage = document.passage(anchor) {
            return Place(text: passage.text, units: passage.units, unitNotes: notes(of: passage), section: passage.section)
        }
        if let note = document.note(anchor) {
            let units = Sentences.split(note)
            return Place(text: note, units: units, unitNotes: units.map { _ in [] }, section: section(ofNote: anchor, in: document))
        }
        guard let text = text(of: anchor, in: document) else { return nil }
        let passages = document.passages.filter { $0.section == anchor }
        var place = Place(text: text, units: [], unitNotes: [], section: anchor)
        for passage in passages {
            place.units += passage.units
            place.unitNotes += notes(of: passage)
        }
        if place.units.isEmpty {
            place.units = Sentences.split(text)
            place.unitNotes = place.units.map { _ in [] }
        }
        return place
    }

    /// The notes each unit of a passage refers to, by number.
    static func notes(of passage: Passage) -> [[Int]] {
        var result = passage.units.map { _ in [Int]() }
        for mark in passage.notes where mark.unit < result.count && !result[mark.unit].contains(mark.number) {
            result[mark.unit].append(mark.number)
        }
        return result
    }

    /// The section a note is referred to from first, for the figures shown under its heading.
    static func section(ofNote anchor: String, in document: ParsedDocument) -> String {
        guard let number = Int(anchor.dropFirst(3)) else { return "" }
        return document.passages.first { $0.notes.contains { $0.number == number } }?.section ?? ""
    }

    struct Problem { var message: String; var location: SourceLocation; var hint: String }

    /// Why the value, its note and its period do not stand in one sentence (or table row) as
    /// the source ties them, or nil when they do. Words outside any citable block (a code
    /// block) have no sentences to prove them by and are left as the place check found them.
    static func prove(_ value: Indicator.Value, in place: Place, place description: String) -> (unit: Int?, problem: Problem?) {
        let withValue = place.units.indices.filter { occurs(value.value, in: place.units[$0]) }
        guard let first = withValue.first else { return (nil, nil) }
        var needs: [(words: String, what: String, location: SourceLocation)] = []
        if !value.note.isEmpty { needs.append((value.note, "note", value.noteLocation)) }
        if value.hasPeriod { needs.append((value.date, "date", value.dateLocation)) }
        let together = withValue.filter { unit in needs.allSatisfy { occurs($0.words, in: place.units[unit]) } }
        guard let unit = together.first else {
            let missing = needs.first { need in !withValue.contains { occurs(need.words, in: place.units[$0]) } } ?? needs[0]
            let elsewhere = place.units.first { occurs(missing.words, in: $0) }
            return (nil, Problem(message: "\(missing.what) '\(missing.words)' is not in the sentence or table row of \(description) that gives '\(value.value)'",
                           location: missing.location,
                           hint: "the value is in “\(SearchText.excerpt(place.units[first], words: 16))”"
                               + (elsewhere.map { ", the \(missing.what) in “\(SearchText.excerpt($0, words: 16))”" } ?? "")
                               + (missing.what == "date" ? "; write the period that sentence gives, or date: none"
                                                         : "; take the note from the figure's own sentence or table row")))
        }
        // The period must be the one the sentence ties to this figure.
        let sentence = place.units[unit]
        let ties = PeriodTies(sentence)
        let occurrences = ranges(of: value.value, in: sentence)
        let tied = occurrences.map { ties.periods(tiedTo: $0) }
        let dates = ranges(of: value.date, in: sentence)
        guard let own = tied.first(where: { !$0.isEmpty }) else {
            // No period of its own: then the date must not be another figure's.
            guard value.hasPeriod, let other = ties.periods.first(where: { period in dates.contains { $0.overlaps(period) } }),
                  let figure = ties.figure(tiedTo: other) else { return (unit, nil) }
            return (nil, Problem(message: "date '\(value.date)' is the period the sentence gives for '\(sentence[figure])', not for '\(value.value)'",
                                 location: value.dateLocation, hint: "write the period that sentence gives for this figure, or date: none if it gives none"))
        }
        let given = own.map { String(sentence[$0]) }
        if !value.hasPeriod {
            return (nil, Problem(message: "the source gives the period '\(given.joined(separator: "', '"))' for '\(value.value)', but its date is none",
                                 location: value.dateLocation, hint: "write date: \"\(given[0])\" (as that sentence writes it, with any words such as 'by')"))
        }
        if tied.contains(where: { periods in periods.isEmpty || periods.contains { period in dates.contains { $0.overlaps(period) || $0 == period } } }) {
            return (unit, nil)
        }
        return (nil, Problem(message: "date '\(value.date)' is not the period the sentence ties to '\(value.value)': it gives '\(given.joined(separator: "', '"))'",
                             location: value.dateLocation,
                             hint: "in “\(SearchText.excerpt(sentence, words: 24))”, write date: \"\(given[0])\""))
    }

    /// A period written another way in the place: "the source writes 2016/17".
    static func periodHint(for date: String, value: String, in place: Place) -> String {
        let wanted = PeriodTies.years(of: Substring(date))
        if !wanted.isEmpty {
            for unit in place.units where occurs(value, in: unit) || place.units.count == 1 {
                let ties = PeriodTies(unit)
                if let same = ties.periods.first(where: { PeriodTies.years(of: unit[$0]) == wanted }) {
                    return "the source writes \(unit[same]): copy the period as written"
                }
            }
            let ties = PeriodTies(place.text)
            if let same = ties.periods.first(where: { PeriodTies.years(of: place.text[$0]) == wanted }) {
                return "the source writes \(place.text[same]): copy the period as written"
            }
        }
        return "write the period as the source gives it for this figure, or date: none if it gives none"
    }

    /// Where a missing anchor most likely went: a near spelling, or the heading whose words it
    /// shares most (a renamed heading keeps some of its words), or what anchors are.
    static func anchorHint(_ anchor: String, in document: ParsedDocument) -> String {
        Linker.anchorHint(anchor, slug: document.slug, anchors: document.anchors, headings: document.sections.map(\.anchor))
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
        if place.anchor.isEmpty { return "the opening of document '\(place.slug)'" }
        if place.anchor.hasPrefix("p:") { return "passage '#\(place.anchor)' of document '\(place.slug)'" }
        if place.anchor.hasPrefix("fn:") { return "note '#\(place.anchor)' of document '\(place.slug)'" }
        return "section '#\(place.anchor)' of document '\(place.slug)'"
    }

    /// The text a place stands for: a section's own text, or for "" the document's opening.
    static func text(of anchor: String, in document: ParsedDocument) -> String? {
        anchor.isEmpty ? document.opening : document.section(anchor)?.text
    }

    /// Whether `words` occur in one-line `text` exactly as written, standing as a whole: not
    /// directly after or before a letter or digit.
    static func occurs(_ words: String, in text: String) -> Bool { !ranges(of: words, in: text, first: true).isEmpty }

    /// Where `words` stand whole in one-line `text` (all places, or only the first).
    static func ranges(of words: String, in text: String, first: Bool = false) -> [Range<String.Index>] {
        let needle = SearchText.oneLine(Array(words.utf8))
        guard !needle.isEmpty else { return [] }
        var found: [Range<String.Index>] = []
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
            if !joinsBefore && !joinsAfter {
                found.append(range)
                if first { return found }
            }
            searchStart = text.index(after: range.lowerBound)
        }
        return found
    }
}

/// A note of a document that the sentence of a figure refers to: usually where the document
/// took the figure from.
public struct SourceNote: Sendable, Hashable {
    public var slug: String
    /// Its number on the document's page (`fn:N`).
    public var number: Int
    public var text: String
}

/// One value of one indicator, as the page of the section it is written in points to it.
public struct FigureReference: Sendable, Hashable {
    public var indicator: String
    /// Its position in the indicator's `values`.
    public var value: Int

    public init(indicator: String, value: Int) {
        self.indicator = indicator
        self.value = value
    }
}
