import Foundation
import Testing
import StrategySiteTestSupport
@testable import StrategySite

/// A figure is proved by its sentence: its note and its period must stand in the same
/// sentence (or table row) of the place its `source` names, and the period must be the one
/// that sentence ties to it. A `source` may name the paragraph itself (`doc:slug#p:…`).
@Suite("Figures proved by their sentence")
struct SentenceProofTests {
    static let body = """
        ## Funding

        The budget fell from £550 million in 2015/16 to £408m in 2016/17.[^6] Spending will fall again in 2017/18.

        Some 8.8% in 2011 and 18% later.

        4.3 In 2009/10 8.6% of adults took illicit drugs. There are some 13,000 hospital admissions per year.

        | Year | Places |
        | --- | --- |
        | 2014 | 120 places in hostels |
        | 2015 | 95 places in hostels |

        [^6]: DGLG (2017) Local authority revenue expenditure, Online: <https://example.org/revenue>

        """

    static func site(_ values: String) throws -> TemporarySite {
        let site = try TemporarySite.minimal(documents: ["one": TemporarySite.document(body: body)])
        try site.write("indicators.yml", "- id: figure-x\n  title: X\n  strategy: \"2010\"\n  kind: figure\n  values:\n" + values)
        return site
    }

    static func passageID(startingWith words: String) throws -> String {
        let site = try site("")
        let document = try #require(site.builder().link().site?.document("one"))
        return try #require(document.passages.first { $0.text.hasPrefix(words) }?.id)
    }

    @Test func figuresWithTheirOwnSentencesNotesAndPeriodsPass() throws {
        let passage = try Self.passageID(startingWith: "The budget")
        let site = try Self.site("""
            - { value: "£550 million", date: "2015/16", source: "doc:one#funding", note: "The budget fell" }
            - { value: "£408m", date: "2016/17", source: "doc:one#\(passage)", note: "The budget fell" }
            - { value: "8.6%", date: "2009/10", source: "doc:one#funding", note: "of adults took illicit drugs" }
            - { value: "95 places", date: "2015", source: "doc:one#funding", note: "in hostels" }

        """)
        #expect(ProvenanceTests.problems(site).isEmpty, "\(ProvenanceTests.problems(site))")
        let linked = try #require(site.builder().link().site)
        // The figure stands in the Funding section's list of figures even when its source is the paragraph.
        #expect(linked.figuresBySection[SectionReference(slug: "one", anchor: "funding", strategy: "2010")]?.count == 4)
        // The sentence refers to note 6: that is the figure's own source, shown beside it.
        #expect(linked.sourceNotes[FigureReference(indicator: "figure-x", value: 1)]?.map(\.number) == [1])
        #expect(linked.sourceNotes[FigureReference(indicator: "figure-x", value: 1)]?.first?.text.contains("https://example.org/revenue") == true)
        #expect(linked.sourceNotes[FigureReference(indicator: "figure-x", value: 2)] == nil)
        _ = try site.builder().build()
        let lookup = try site.page("indicators/figure-x.html")
        #expect(lookup.contains("The source’s own note: <a href=\"../documents/one.html#fn:1\">note 1</a>, “DGLG (2017) Local authority revenue expenditure, Online: https://example.org/revenue”"))
        #expect(lookup.contains("<a class=\"figure-place\" href=\"../documents/one.html#\(passage)\">the cited paragraph</a>"))
    }

    @Test(arguments: [
        // The sentence gives 2016/17 for £408m; 2015/16 belongs to £550 million.
        (#"    - { value: "£408m", date: "2015/16", source: "doc:one#funding" }"#,
         "indicators.yml:6:31: error: date '2015/16' is not the period the sentence ties to '£408m': it gives '2016/17'",
         "write date: \"2016/17\""),
        (#"    - { value: "£408m", date: none, source: "doc:one#funding" }"#,
         "indicators.yml:6:31: error: the source gives the period '2016/17' for '£408m', but its date is none", "write date: \"2016/17\""),
        // A note from the next sentence is not the figure's note; the message says where each is.
        (#"    - { value: "8.6%", date: "2009/10", source: "doc:one#funding", note: "hospital admissions per year" }"#,
         "indicators.yml:6:74: error: note 'hospital admissions per year' is not in the sentence or table row of section '#funding' of document 'one' that gives '8.6%'",
         "the value is in “4.3 In 2009/10 8.6% of adults took illicit drugs.”, the note in “There are some 13,000 hospital admissions per year.”"),
        // A period tied to another figure of the sentence is not this one's.
        (#"    - { value: "18%", date: "2011", source: "doc:one#funding" }"#,
         "indicators.yml:6:29: error: date '2011' is the period the sentence gives for '8.8', not for '18%'", "or date: none"),
        (#"    - { value: "£408m", date: "2017/18", source: "doc:one#funding" }"#,
         "indicators.yml:6:31: error: date '2017/18' is not in the sentence or table row of section '#funding' of document 'one' that gives '£408m'",
         "the date in “Spending will fall again in 2017/18.”"),
        // A table row is the unit of a table: 95 places is not in 2014's row.
        (#"    - { value: "95 places", date: "2014", source: "doc:one#funding" }"#,
         "indicators.yml:6:35: error: date '2014' is not in the sentence or table row of section '#funding' of document 'one' that gives '95 places'",
         "the value is in “2015 95 places in hostels”, the date in “2014 120 places in hostels”"),
        // A period written another way is named as the source writes it.
        (#"    - { value: "£408m", date: "2016-17", source: "doc:one#funding" }"#,
         "indicators.yml:6:31: error: date '2016-17' is not written in section '#funding' of document 'one'",
         "the source writes 2016/17: copy the period as written"),
    ])
    func aFigureWhoseNoteOrPeriodIsNotItsOwnIsRefused(_ line: String, _ expected: String, _ hint: String) throws {
        let site = try Self.site(line + "\n")
        let problems = ProvenanceTests.problems(site)
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.hasPrefix(expected) == true, "\(problems)")
        #expect(problems.first?.contains(hint) == true, "\(problems)")
    }

    @Test func aPassageSourceMustHoldTheValueItself() throws {
        let passage = try Self.passageID(startingWith: "4.3")
        let site = try Self.site("    - { value: \"£408m\", date: \"2016/17\", source: \"doc:one#\(passage)\" }\n")
        let problems = ProvenanceTests.problems(site)
        #expect(problems.count == 2, "\(problems)") // the value, and its date
        #expect(problems.first?.contains("error: value '£408m' is not written in passage '#\(passage)' of document 'one'") == true, "\(problems)")
        #expect(problems.first?.contains("it is written in 'doc:one#funding'") == true, "\(problems)")
    }

    @Test func sentencesEndAtStopsBeforeCapitalsNotAtDecimalPoints() {
        #expect(Sentences.split("Use fell to 8.8% now. Drug use is falling, e.g. among the young. In 2010 H.M. Government said so.")
                == ["Use fell to 8.8% now.", "Drug use is falling, e.g. among the young.", "In 2010 H.M. Government said so."])
        #expect(Sentences.split("It fell in 2016/17.[^6] Spending will fall.") == ["It fell in 2016/17.[^6] Spending will fall."])
    }

    @Test func periodsAreTiedToTheFigureBeforeThemOrElseAfter() {
        let text = "In 2010/11, DIP managed 62,830 offenders, and £4m funding in 2011-12 went to 300 schools."
        let ties = PeriodTies(text)
        #expect(ties.periods.map { String(text[$0]) } == ["2010/11", "2011-12"])
        let figure = { (words: String) in ties.periods(tiedTo: text.range(of: words)!).map { String(text[$0]) } }
        #expect(figure("62,830") == ["2010/11"])
        #expect(figure("£4m") == ["2011-12"])
        #expect(figure("300") == [])
        #expect(PeriodTies.years(of: "2016-17") == PeriodTies.years(of: "2016/17"))
        #expect(PeriodTies.years(of: "2016/2017") == PeriodTies.years(of: "2016/17"))
    }
}
