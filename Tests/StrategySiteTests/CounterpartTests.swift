import Foundation
import Testing
import StrategySiteTestSupport
@testable import StrategySite

/// Counterparts: for every section, the sections of each other strategy that say the most of
/// the same, best first. Small libraries written to tell one kind of evidence from another,
/// then the pairs a careful reader of the real Content/ would pick.
@Suite("Counterparts")
struct CounterpartTests {
    static let site = "title: T\nstrategies:\n  \"2010\": { title: A, short-title: 2010 strategy }\n  \"2017\": { title: B, short-title: 2017 strategy }\n"
    static let themes = """
    - { id: housing, title: Housing and employment, summary: Homes and work for people leaving treatment. }
    - { id: treatment, title: Treatment and recovery, summary: Getting people into treatment. }
    - { id: justice, title: Criminal justice, summary: "Courts, prisons and probation." }
    - { id: families, title: Families, summary: Children and families. }
    - { id: money, title: Funding, summary: Who pays. }
    - { id: measures, title: Measuring outcomes, summary: Targets and indicators. }
    """

    /// Links a library of one 2010 document and one 2017 document, each a list of sections
    /// (`## heading`, themes, text), and returns the linked site.
    func library(_ earlier: [(String, String, String)], _ later: [(String, String, String)]) throws -> LinkedSite {
        func body(_ sections: [(String, String, String)]) -> String {
            sections.map { "## \($0.0)\n<!-- themes: \($0.1) -->\n\n\($0.2)\n" }.joined(separator: "\n")
        }
        let site = try TemporarySite.minimal(documents: [
            "earlier": TemporarySite.document(title: "Earlier", strategy: "2010", body: body(earlier)),
            "later": TemporarySite.document(title: "Later", strategy: "2017", body: body(later)),
        ])
        try site.write("site.yml", Self.site)
        try site.write("themes.yml", Self.themes)
        let (linked, diagnostics) = site.builder().link()
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        return try #require(linked)
    }

    /// The anchors of a section's counterparts in a strategy, best first.
    func ranked(_ site: LinkedSite, _ slug: String, _ anchor: String, in strategy: String) -> [String] {
        let own = site.document(slug)?.metadata.strategy ?? ""
        return site.counterparts.counterparts(of: SectionReference(slug: slug, anchor: anchor, strategy: own)).byStrategy[strategy]?.map(\.section.anchor) ?? []
    }

    @Test func aSharedThemeFindsASectionThatSaysItInOtherWords() throws {
        // "Homes" and "accommodation" share no stem; the theme both are tagged with says they match.
        let site = try library(
            [("Accommodation", "housing", "Accommodation for people who leave treatment, so that they can stay well.")],
            [("Homes", "housing", "Somewhere to live after a course of care ends."),
             ("Waiting times", "treatment", "How long people wait before a course of treatment for people who leave prison.")])
        #expect(ranked(site, "earlier", "accommodation", in: "2017").first == "homes")
    }

    @Test func wordsMatchByTheirStems() throws {
        // No theme tells these apart; "prisoners" and "prison" are one stem, "probation" is not.
        let site = try library(
            [("Prisoners", "justice", "Treatment on release.")],
            [("Probation", "justice", "Officers who supervise sentences."), ("Prison", "justice", "Officers who supervise wings.")])
        #expect(ranked(site, "earlier", "prisoners", in: "2017") == ["prison", "probation"])
    }

    @Test func aHeadingMatchCountsMoreThanTheSameWordInTheText() throws {
        let site = try library(
            [("Prisons", "justice", "What the plan says.")],
            [("Courts", "justice", "Courts send people to prison; prison places, prison staff and prison wings are stretched."),
             ("Prisons", "justice", "Staff and buildings.")])
        #expect(ranked(site, "earlier", "prisons", in: "2017") == ["prisons", "courts"])
    }

    @Test func oneStrongSharedThemeBeatsTheSameThemeAmongManyWeakOnes() throws {
        let text = "What the plan sets out for the years ahead."
        let site = try library(
            [("Alpha", "families", text)],
            [("Beta", "treatment, money, justice, measures, families", text), ("Gamma", "families", text)])
        #expect(ranked(site, "earlier", "alpha", in: "2017") == ["gamma", "beta"])
    }

    @Test func themesAreGivenWithTheMostCentralFirst() throws {
        let site = try library([("Alpha", "families, money", "Text.")], [("Beta", "money, families", "Text.")])
        let counterpart = try #require(site.counterparts.counterparts(of: SectionReference(slug: "earlier", anchor: "alpha", strategy: "2010")).byStrategy["2017"]?.first)
        #expect(Set(counterpart.sharedThemes) == ["families", "money"])
        #expect(counterpart.score > 0)
    }

    @Test func aCounterpartNamedByAnEditorComesFirst() throws {
        let site = try TemporarySite.minimal(documents: [
            "earlier": TemporarySite.document(title: "Earlier", strategy: "2010", body: "## Prisons\n<!-- themes: justice -->\n<!-- counterparts: doc:later#budgets -->\n\nPrisons.\n"),
            "later": TemporarySite.document(title: "Later", strategy: "2017", body: "## Prisons\n<!-- themes: justice -->\n\nPrisons.\n\n## Budgets\n<!-- themes: money -->\n\nMoney.\n"),
        ])
        try site.write("site.yml", Self.site)
        try site.write("themes.yml", Self.themes)
        let (linked, diagnostics) = site.builder().link()
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        let list = try #require(linked).counterparts.counterparts(of: SectionReference(slug: "earlier", anchor: "prisons", strategy: "2010")).byStrategy["2017"] ?? []
        #expect(list.map(\.section.anchor) == ["budgets", "prisons"])
        #expect(list.first?.named == true)
        try site.builder().build()
        #expect(try site.page("documents/earlier.html").contains("(named by the editors)"))
    }

    @Test func aNamedCounterpartThatDoesNotExistIsALocatedError() throws {
        let site = try TemporarySite.minimal(documents: [
            "earlier": TemporarySite.document(title: "Earlier", body: "## Prisons\n<!-- counterparts: doc:later#prisns -->\n\nText.\n"),
            "later": TemporarySite.document(title: "Later", body: "## Prisons\n\nText.\n"),
        ])
        let messages = site.builder().check().map(\.description)
        #expect(messages.contains { $0.hasPrefix(site.content + "/documents/earlier.md:10:20: error: unknown anchor '#prisns' in document 'later'") }, "\(messages)")
    }

    @Test func aCounterpartMustBeASection() throws {
        let site = try TemporarySite.minimal(documents: ["earlier": TemporarySite.document(body: "## Prisons\n<!-- counterparts: theme:justice -->\n")])
        let messages = site.builder().check().map(\.description)
        #expect(messages.contains { $0.hasPrefix(site.content + "/documents/earlier.md:10:20: error: a counterpart must be a section") }, "\(messages)")
    }

    @Test func theBlockUnderAHeadingOffersTheBestCounterpartFirstWithWhyThenEverythingOnTheTheme() throws {
        let site = try TemporarySite.minimal(documents: [
            "earlier": TemporarySite.document(title: "Earlier", strategy: "2010", body: "## Prisons\n<!-- themes: justice -->\n\nPrisons.\n"),
            "later": TemporarySite.document(title: "Later", strategy: "2017", body: "## Courts\n<!-- themes: justice -->\n\nCourts.\n\n## Prisons\n<!-- themes: justice -->\n\nPrisons.\n"),
        ])
        try site.write("site.yml", Self.site)
        try site.write("themes.yml", Self.themes)
        try site.builder().build()
        let page = try site.page("documents/earlier.html")
        let block = String(page[try #require(page.range(of: "<details class=\"other-strategies\">")).lowerBound...].prefix(2000))
        #expect(block.contains("<p class=\"counterpart best\"><a href=\"later.html#prisons\">Prisons</a> <span class=\"meta\">in Later. Both on criminal justice</span></p>"))
        #expect(block.contains("<li><a href=\"later.html#courts\">Courts</a>"))
        #expect(block.contains("<a href=\"../themes/justice.html#strategy-2017\">All 2 sections on criminal justice in the 2017 strategy</a>"))
    }

    // MARK: The real Content/

    /// The section a careful reader would compare with each of these, in each other strategy:
    /// any one of the sections listed (a strategy read through several documents has one in each).
    static let pairs: [(String, [String: Set<String>])] = [
        ("2017-drug-strategy-briefing#building-recovery", ["2010": ["2010-drug-strategy#building-recovery", "2011-home-office-progress-view#building-recovery"],
                                                          "2008": ["2008-guide-for-local-partnerships#localism-and-reintegration", "2008-guide-for-local-partnerships#evidence-based-treatment", "2008-guide-for-local-partnerships#drug-system-change-pilots"]]),
        ("2017-drug-strategy-briefing#reducing-demand", ["2010": ["2010-drug-strategy#reducing-demand", "2011-home-office-progress-view#reducing-demand", "2010-horizon-scanning-report#5-reducing-the-demand"],
                                                        "2008": ["2008-guide-for-local-partnerships#young-people"]]),
        ("2017-drug-strategy-briefing#restricting-supply", ["2010": ["2010-drug-strategy#restricting-supply", "2011-home-office-progress-view#restricting-supply", "2010-horizon-scanning-report#8-restricting-supply-and-enforcement-reforms"],
                                                           "2008": ["2008-guide-for-local-partnerships#asset-recovery", "2008-guide-for-local-partnerships#the-new-strategy"]]),
        ("2017-drug-strategy-briefing#prison", ["2010": ["2010-horizon-scanning-report#7-legislation-offenders-prisons"], "2008": ["2008-guide-for-local-partnerships#prisons"]]),
        ("2017-drug-strategy-briefing#young-people", ["2008": ["2008-guide-for-local-partnerships#young-people"],
                                                     "2010": ["2010-horizon-scanning-report#11-keeping-children-safe-and-re-building-families-working-together-to-safeguard-children", "2010-horizon-scanning-report#6-education", "2010-drug-strategy#reducing-demand", "2011-home-office-progress-view#reducing-demand"]]),
        ("2017-drug-strategy-briefing#measuring-outcomes", ["2010": ["2010-horizon-scanning-report#9-outcome-focused", "2010-drug-strategy#building-recovery-implementation"],
                                                           "2008": ["2008-guide-for-local-partnerships#psa-25-reduce-the-harm-caused-by-alcohol-and-drugs", "2008-guide-for-local-partnerships#the-new-psas", "2008-guide-for-local-partnerships#making-sense-of-it-locally"]]),
        ("2017-drug-strategy-briefing#people-who-are-homeless", ["2010": ["2010-horizon-scanning-report#12-homelessness-employment"], "2008": ["2008-guide-for-local-partnerships#localism-and-reintegration"]]),
        ("2010-drug-strategy#building-recovery", ["2017": ["2017-drug-strategy-briefing#building-recovery"]]),
        ("2010-drug-strategy#reducing-demand", ["2017": ["2017-drug-strategy-briefing#reducing-demand"], "2008": ["2008-guide-for-local-partnerships#young-people"]]),
        ("2010-drug-strategy#restricting-supply", ["2017": ["2017-drug-strategy-briefing#restricting-supply"]]),
        ("2010-horizon-scanning-report#7-legislation-offenders-prisons", ["2017": ["2017-drug-strategy-briefing#prison"], "2008": ["2008-guide-for-local-partnerships#prisons"]]),
        ("2010-horizon-scanning-report#5-reducing-the-demand", ["2017": ["2017-drug-strategy-briefing#reducing-demand"], "2008": ["2008-guide-for-local-partnerships#young-people"]]),
        ("2010-horizon-scanning-report#8-restricting-supply-and-enforcement-reforms", ["2017": ["2017-drug-strategy-briefing#restricting-supply"], "2008": ["2008-guide-for-local-partnerships#asset-recovery"]]),
        ("2010-horizon-scanning-report#9-outcome-focused", ["2017": ["2017-drug-strategy-briefing#measuring-outcomes"]]),
        ("2010-horizon-scanning-report#12-homelessness-employment", ["2017": ["2017-drug-strategy-briefing#people-who-are-homeless"], "2008": ["2008-guide-for-local-partnerships#localism-and-reintegration"]]),
        ("2010-horizon-scanning-report#6-education", ["2017": ["2017-drug-strategy-briefing#young-people"], "2008": ["2008-guide-for-local-partnerships#young-people"]]),
        ("2011-home-office-progress-view#building-recovery", ["2017": ["2017-drug-strategy-briefing#building-recovery"]]),
        ("2011-home-office-progress-view#reducing-demand", ["2017": ["2017-drug-strategy-briefing#reducing-demand"], "2008": ["2008-guide-for-local-partnerships#young-people"]]),
        ("2011-home-office-progress-view#restricting-supply", ["2017": ["2017-drug-strategy-briefing#restricting-supply"]]),
        ("2008-guide-for-local-partnerships#prisons", ["2017": ["2017-drug-strategy-briefing#prison"], "2010": ["2010-horizon-scanning-report#7-legislation-offenders-prisons"]]),
        ("2008-guide-for-local-partnerships#young-people", ["2017": ["2017-drug-strategy-briefing#young-people"]]),
        ("2008-guide-for-local-partnerships#asset-recovery", ["2017": ["2017-drug-strategy-briefing#restricting-supply"],
                                                             "2010": ["2010-horizon-scanning-report#8-restricting-supply-and-enforcement-reforms", "2010-drug-strategy#restricting-supply", "2011-home-office-progress-view#restricting-supply"]]),
        ("2008-guide-for-local-partnerships#psa-25-reduce-the-harm-caused-by-alcohol-and-drugs", ["2017": ["2017-drug-strategy-briefing#measuring-outcomes"],
                                                                                                 "2010": ["2010-horizon-scanning-report#9-outcome-focused", "2010-drug-strategy#building-recovery-implementation"]]),
        ("2008-guide-for-local-partnerships#localism-and-reintegration", ["2010": ["2010-horizon-scanning-report#12-homelessness-employment", "2010-drug-strategy#building-recovery"],
                                                                         "2017": ["2017-drug-strategy-briefing#people-who-are-homeless", "2017-drug-strategy-briefing#providing-services-for-people-with-complex-needs"]]),
    ]

    static let real: LinkedSite? = {
        let options = SitePipeline.Options(contentDirectory: Repository.path("Content"), templatesDirectory: Repository.templates)
        return SitePipeline(options: options).link().site
    }()

    /// Sections no longer in Content/ are skipped: the pairs hold for the sections there are.
    @Test(arguments: pairs.map(\.0))
    func theFirstCounterpartIsTheOneACarefulReaderWouldPick(_ place: String) throws {
        let site = try #require(Self.real)
        let parts = place.split(separator: "#").map(String.init)
        guard let document = site.document(parts[0]), document.section(parts[1]) != nil else { return }
        let expected = try #require(Self.pairs.first { $0.0 == place }?.1)
        let offered = site.counterparts.counterparts(of: SectionReference(slug: parts[0], anchor: parts[1], strategy: document.metadata.strategy))
        for (strategy, choices) in expected.sorted(by: { $0.key < $1.key }) {
            let present = choices.filter { choice in
                let split = choice.split(separator: "#").map(String.init)
                return site.document(split[0])?.section(split[1]) != nil
            }
            guard !present.isEmpty else { continue }
            let first = offered.byStrategy[strategy]?.first.map { "\($0.section.slug)#\($0.section.anchor)" }
            #expect(first.map(present.contains) == true, "\(place) in \(strategy): offered \(first ?? "nothing"), a reader picks one of \(present.sorted())")
        }
    }

    @Test func contentNamesNoCounterpartByHand() throws {
        let folder = Repository.path("Content/documents")
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix(".md") {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            #expect(!text.contains("<!-- counterparts:"), "\(file) names a counterpart by hand: the ranking should find it")
        }
    }

    @Test func themePagesAlignTheLatestStrategysSectionsWithTheirCounterparts() throws {
        let page = try BuiltContent.real.page("themes/criminal-justice.html")
        let table = String(page[try #require(page.range(of: "<table class=\"aligned\">")).lowerBound...])
        let prisonRow = try #require(table.components(separatedBy: "<tr>").first { $0.contains("2017-drug-strategy-briefing.html#prison\"") })
        #expect(prisonRow.contains("2008-guide-for-local-partnerships.html#prisons\""))
        #expect(prisonRow.contains("2010-horizon-scanning-report.html#7-legislation-offenders-prisons\""))
        #expect(prisonRow.contains("<mark>"))
    }

    @Test func theThemesIndexSetsEachStrategysAmbitionsSideBySide() throws {
        let page = try BuiltContent.real.page("themes/index.html")
        let table = String(page[try #require(page.range(of: "<table class=\"ambitions\">")).lowerBound...])
        let source = try #require(BuiltContent.real.source)
        for strategy in source.config.strategies {
            for ambition in strategy.ambitions { #expect(table.contains("<li>\(HTML.escape(ambition))</li>"), "\(ambition)") }
        }
    }

    @Test func aThemeExcerptIsThePassageMostAboutTheThemeWithItsWordsMarked() {
        let theme = Theme(id: "housing", title: "Housing", summary: "Homes for people leaving treatment.", names: [:], location: SourceLocation(path: "t"))
        let html = ThemePassage(theme).html("The plan opens here. It funds homes & hostels for people leaving treatment. It ends.")
        #expect(html == "It funds <mark>homes</mark> &amp; hostels for <mark>people</mark> <mark>leaving</mark> <mark>treatment</mark>.")
    }
}
