import Foundation
import Testing
import StrategySiteTestSupport
@testable import StrategySite

/// The pipeline as `serve` keeps it, through the pages its updates leave (``KeptSite``): what
/// each kind of change renders, and that the result is always the site the same pipeline makes
/// from empty.
@Suite struct KeptPipelineTests {
    static let third = PreviewSite.document(title: "Third plan", body: """
        The third plan follows the second.

        ## Treatment for all
        <!-- themes: treatment -->

        Treatment for everyone who needs it, in every area, with support that lasts as long as it is needed and that \
        reaches people where they live, through services that work together and keep people safe.
        """)

    /// The fixture plus a third document (2010, after the second), built.
    func makeBuilder() throws -> (PreviewSite, KeptSite) {
        let site = try PreviewSite()
        try site.write(site.contentPath("documents/third-plan.md"), Self.third)
        let builder = KeptSite(options: site.options, bodyEnd: "<!-- end -->")
        let diagnostics = builder.buildAll()
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        return (site, builder)
    }

    /// The kept site equals what a new pipeline builds from the same files.
    func expectMatchesFullBuild(_ builder: KeptSite, _ site: PreviewSite, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let full = SitePipeline(options: site.options, bodyEnd: builder.bodyEnd).buildAll()
        #expect(!full.diagnostics.hasErrors, sourceLocation: sourceLocation)
        #expect(full.update.replacesAll, sourceLocation: sourceLocation)
        let pages = Dictionary(full.update.pages.map { ($0.path, $0.contents) }, uniquingKeysWith: { a, _ in a })
        let built = builder.paths.filter { !$0.hasPrefix("assets/") }
        #expect(Set(built) == Set(pages.keys), sourceLocation: sourceLocation)
        for (path, contents) in pages.sorted(by: { $0.key < $1.key }) {
            let incremental = builder.file(at: path).map { String(decoding: $0, as: UTF8.self) }
            #expect(incremental == contents, "\(path) differs from a full build", sourceLocation: sourceLocation)
        }
    }

    func page(_ builder: KeptSite, _ path: String) -> String {
        builder.file(at: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    @Test func fullBuildHasEveryPageAndAsset() throws {
        let (site, builder) = try makeBuilder()
        #expect(builder.file(at: "index.html") != nil)
        #expect(builder.file(at: "documents/third-plan.html") != nil)
        #expect(builder.file(at: "assets/site.css") != nil)
        #expect(page(builder, "index.html").contains("<!-- end -->"))
        expectMatchesFullBuild(builder, site)
    }

    @Test func documentTextEditRendersThatDocumentAndTheTextIndexesOnly() throws {
        let (site, builder) = try makeBuilder()
        let path = site.contentPath("documents/third-plan.md")
        try site.edit(path) { $0.replacingOccurrences(of: "The third plan follows the second.", with: "The third plan, revised, follows the second.") }
        let result = builder.rebuild(changed: [path])
        #expect(result.succeeded)
        let rendered = Set(builder.lastRenderedPaths)
        #expect(result.pagesRendered == builder.lastRenderedPaths.count)
        #expect(rendered.contains("documents/third-plan.html"))
        #expect(!rendered.contains("documents/second-plan.html"), "neighbour's summary of it did not change")
        #expect(!rendered.contains("documents/first-plan.html"))
        #expect(rendered.contains(SitePaths.searchManifest), "the search data holds the text")
        // Nothing these pages show of the document changed.
        for untouched in ["index.html", "themes/index.html", "themes/treatment.html", "strategies/2010.html", "indicators/index.html",
                          "indicators/indicators-data.js", "search.html", "accessibility.html", "404.html"] {
            #expect(!rendered.contains(untouched), "\(untouched)")
        }
        #expect(page(builder, "documents/third-plan.html").contains("The third plan, revised"))
        expectMatchesFullBuild(builder, site)
    }

    @Test func documentTitleEditRendersNeighboursAndPagesShowingItsSections() throws {
        let (site, builder) = try makeBuilder()
        let path = site.contentPath("documents/third-plan.md")
        try site.edit(path) { $0.replacingOccurrences(of: "title: Third plan", with: "title: Third plan, renamed") }
        #expect(builder.rebuild(changed: [path]).succeeded)
        let rendered = Set(builder.lastRenderedPaths)
        #expect(rendered.contains("documents/third-plan.html"))
        #expect(rendered.contains("documents/second-plan.html"), "its previous document links to it by title")
        #expect(rendered.contains("documents/first-plan.html"), "lists the third plan's treatment section beside its own")
        #expect(page(builder, "documents/second-plan.html").contains("Third plan, renamed"))
        for listed in ["index.html", "themes/index.html", "themes/treatment.html", "strategies/2010.html", SitePaths.searchManifest] {
            #expect(rendered.contains(listed), "\(listed)")
        }
        // The lookup lists no mention in it, the 2008 page none of its titles, the housing page
        // none of its sections, and the indicator data is indicators.yml alone.
        for untouched in ["search.html", "indicators/index.html", "strategies/2008.html", "themes/housing.html", "indicators/indicators-data.js"] {
            #expect(!rendered.contains(untouched), "\(untouched)")
        }
        expectMatchesFullBuild(builder, site)
    }

    @Test func sectionEditRendersPagesShowingThatSectionOnly() throws {
        let (site, builder) = try makeBuilder()
        let path = site.contentPath("documents/third-plan.md")
        try site.edit(path) { $0.replacingOccurrences(of: "## Treatment for all", with: "## Treatment for every adult") }
        #expect(builder.rebuild(changed: [path]).succeeded)
        let rendered = Set(builder.lastRenderedPaths)
        #expect(rendered.contains("documents/third-plan.html"))
        #expect(rendered.contains("documents/first-plan.html"), "lists the third plan's treatment section by its title")
        #expect(!rendered.contains("documents/second-plan.html"), "same strategy, and its next document's details did not change")
        #expect(page(builder, "documents/first-plan.html").contains("Treatment for every adult"))
        expectMatchesFullBuild(builder, site)
    }

    @Test func aNewCounterpartReachesThePagesThatOfferIt() throws {
        let (site, builder) = try makeBuilder()
        let path = site.contentPath("documents/third-plan.md")
        try site.edit(path) { $0 + "\n\n## Getting treatment\n<!-- themes: treatment -->\n\nGetting treatment quickly.\n" }
        #expect(builder.rebuild(changed: [path]).succeeded)
        let rendered = Set(builder.lastRenderedPaths)
        #expect(rendered.contains("documents/first-plan.html"), "its 'Getting treatment' has a new best counterpart")
        #expect(!rendered.contains("documents/second-plan.html"), "same strategy as the edit: its counterparts are all elsewhere")
        let first = page(builder, "documents/first-plan.html")
        let block = String(first[try #require(first.range(of: "id=\"getting-treatment\"")).upperBound...].prefix(1500))
        #expect(block.contains("<p class=\"counterpart best\"><a href=\"third-plan.html#getting-treatment\">Getting treatment</a>"))
        expectMatchesFullBuild(builder, site)
    }

    @Test func aSaveThatChangesNothingRendersNothing() throws {
        let (site, builder) = try makeBuilder()
        let path = site.contentPath("documents/third-plan.md")
        try site.edit(path) { $0 }
        let result = builder.rebuild(changed: [path])
        #expect(result.succeeded)
        #expect(result.pagesRendered == 0, "rendered \(builder.lastRenderedPaths)")
        try site.edit(path) { $0 + "\nOne more sentence.\n" }
        #expect(builder.rebuild(changed: [path]).pagesRendered > 0, "a real change still renders")
        expectMatchesFullBuild(builder, site)
    }

    @Test func anEditRewritesOnlyTheSearchFilesOfTheTermsAndDocumentItChanged() throws {
        let site = try PreviewSite()
        // Enough documents, each with words of its own, for the index to need several shards.
        for n in 0..<40 {
            let words = (0..<150).map { "w\(n)x\($0)" }.joined(separator: " ")
            try site.write(site.contentPath("documents/extra-\(n).md"), PreviewSite.document(title: "Extra \(n)", body: "## Part\n\n\(words)\n"))
        }
        let builder = KeptSite(options: site.options, bodyEnd: "")
        #expect(!builder.buildAll().hasErrors)
        let shards = builder.paths.filter { $0.hasPrefix("search/t/") }
        #expect(shards.count > 4)
        let fragment = builder.paths.filter { $0.hasPrefix("search/d/") && page(builder, $0).contains("\"Extra 7\"") }
        #expect(fragment.count == 1)
        // Its two sections' texts (before the first heading, and "Part").
        let number = fragment.first.map { $0.dropFirst("search/d/".count).dropLast(3) } ?? ""
        let texts = ["search/x/\(number)-0.js", "search/x/\(number)-1.js"]
        #expect(page(builder, texts[1]).contains("w7x0"))

        let path = site.contentPath("documents/extra-7.md")
        try site.edit(path) { $0.replacingOccurrences(of: "w7x149", with: "w7x149 zanzibar") }
        #expect(builder.rebuild(changed: [path]).succeeded)
        let rendered = Set(builder.lastRenderedPaths.filter { $0.hasPrefix("search/") })
        // The manifest and the filters' table, the document's fragment, and the shard and
        // spelling list of the one term added (no other term's positions moved).
        #expect(rendered.filter { $0.hasPrefix("search/t/") } == ["search/t/\(SearchIndexWriter.shard(of: "zanzibar", count: shards.count)).js"])
        #expect(rendered.filter { $0.hasPrefix("search/d/") || $0.hasPrefix("search/x/") } == Set(fragment + texts))
        #expect(rendered.filter { $0.hasPrefix("search/v/") } == ["search/v/z.js"])
        #expect(rendered.isSuperset(of: [SitePaths.searchManifest, "search/facets.js"]))
        #expect(page(builder, "search/v/z.js").contains("zanzibar"))
        expectMatchesFullBuild(builder, site)
        // The word goes again: its spelling list goes with it.
        try site.edit(path) { $0.replacingOccurrences(of: " zanzibar", with: "") }
        #expect(builder.rebuild(changed: [path]).succeeded)
        #expect(builder.file(at: "search/v/z.js") == nil)
        expectMatchesFullBuild(builder, site)
    }

    @Test func aNewMentionRendersTheLookupAndNotTheOtherDocuments() throws {
        let (site, builder) = try makeBuilder()
        let path = site.contentPath("documents/third-plan.md")
        try site.edit(path) { $0.replacingOccurrences(of: "The third plan follows the second.", with: "The third plan follows the second and counts NI 39.") }
        #expect(builder.rebuild(changed: [path]).succeeded)
        let rendered = Set(builder.lastRenderedPaths)
        // A document's page is written with its citation files, by the same job; its
        // strategy's print page holds its text too.
        #expect(rendered.filter { !$0.hasPrefix("search/") } == Set(["documents/third-plan.html", "documents/third-plan.bib", "documents/third-plan.ris",
                                                                      "strategies/print/2010.html", "indicators/index.html", "indicators/ni-39.html"]))
        #expect(rendered.contains(SitePaths.searchManifest))
        #expect(page(builder, "indicators/ni-39.html").contains("third-plan.html"))
        expectMatchesFullBuild(builder, site)
    }

    @Test func templateEditRendersOnlyPagesThatUseIt() throws {
        let (site, builder) = try makeBuilder()
        let theme = site.templatePath("theme.mustache")
        try site.edit(theme) { $0 + "\n<!-- theme marker -->\n" }
        #expect(builder.rebuild(changed: [theme]).succeeded)
        #expect(Set(builder.lastRenderedPaths) == ["themes/housing.html", "themes/treatment.html"])
        #expect(page(builder, "themes/housing.html").contains("theme marker"))
        expectMatchesFullBuild(builder, site)

        let layout = site.templatePath("layout.mustache")
        try site.edit(layout) { $0.replacingOccurrences(of: "</footer>", with: "</footer>\n<!-- layout marker -->") }
        #expect(builder.rebuild(changed: [layout]).succeeded)
        let rendered = Set(builder.lastRenderedPaths)
        #expect(rendered.contains("index.html") && rendered.contains("404.html") && rendered.contains("documents/first-plan.html"))
        #expect(!rendered.contains { $0.hasPrefix("search/") }, "data files use no template")
        #expect(page(builder, "search.html").contains("layout marker"))
        expectMatchesFullBuild(builder, site)

        let partial = site.templatePath("partials/section-themes.mustache")
        try site.edit(partial) { $0 + "\n<!-- partial marker -->\n" }
        #expect(builder.rebuild(changed: [partial]).succeeded)
        let documents = Set(builder.lastRenderedPaths.filter { $0.hasPrefix("documents/") && $0.hasSuffix(".html") })
        #expect(documents == ["documents/first-plan.html", "documents/second-plan.html", "documents/third-plan.html"])
        #expect(!builder.lastRenderedPaths.contains("index.html"))
        #expect(page(builder, "documents/first-plan.html").contains("partial marker"))
        expectMatchesFullBuild(builder, site)
    }

    @Test func errorsKeepTheLastGoodSiteUntilFixed() throws {
        let (site, builder) = try makeBuilder()
        let path = site.contentPath("documents/first-plan.md")
        let good = try site.read(path)
        let before = page(builder, "documents/first-plan.html")

        try site.write(path, good.replacingOccurrences(of: "strategy: \"2008\"", with: "strategy: \"1999\"")
            .replacingOccurrences(of: "Treatment works.", with: "Treatment works well."))
        let broken = builder.rebuild(changed: [path])
        #expect(!broken.succeeded)
        #expect(broken.pagesRendered == 0)
        #expect(broken.diagnostics.contains { $0.severity == .error && $0.location.path.hasSuffix("documents/first-plan.md") })
        #expect(builder.lastDiagnostics == broken.diagnostics)
        #expect(page(builder, "documents/first-plan.html") == before)

        // A change elsewhere while broken is remembered and rendered with the fix.
        let theme = site.templatePath("theme.mustache")
        try site.edit(theme) { $0 + "\n<!-- while broken -->\n" }
        #expect(!builder.rebuild(changed: [theme]).succeeded)
        #expect(!page(builder, "themes/housing.html").contains("while broken"))

        try site.write(path, good.replacingOccurrences(of: "Treatment works.", with: "Treatment works well."))
        let fixed = builder.rebuild(changed: [path])
        #expect(fixed.succeeded)
        #expect(!fixed.diagnostics.hasErrors)
        #expect(page(builder, "documents/first-plan.html").contains("Treatment works well."))
        #expect(page(builder, "themes/housing.html").contains("while broken"))
        expectMatchesFullBuild(builder, site)
    }

    @Test func documentsAddedAndDeleted() throws {
        let (site, builder) = try makeBuilder()
        let path = site.contentPath("documents/fourth-plan.md")
        try site.write(path, PreviewSite.document(title: "Fourth plan", published: "2010-12-30", body: "## Housing later\n<!-- themes: housing -->\n\nMore homes."))
        #expect(builder.rebuild(changed: [path]).succeeded)
        #expect(page(builder, "documents/fourth-plan.html").contains("Fourth plan"))
        #expect(page(builder, "documents/third-plan.html").contains("Fourth plan"), "its previous document links to it")
        #expect(page(builder, "index.html").contains("Fourth plan"))
        expectMatchesFullBuild(builder, site)

        let third = site.contentPath("documents/third-plan.md")
        try site.remove(third)
        #expect(builder.rebuild(changed: [third]).succeeded)
        #expect(builder.file(at: "documents/third-plan.html") == nil)
        #expect(!page(builder, "index.html").contains("Third plan"))
        expectMatchesFullBuild(builder, site)
    }

    /// A run of edits of every kind; after each, the site must be what a full build makes.
    @Test func everyEditMatchesAFullBuild() throws {
        let (site, builder) = try makeBuilder()
        let first = site.contentPath("documents/first-plan.md")
        let second = site.contentPath("documents/second-plan.md")
        let third = site.contentPath("documents/third-plan.md")
        let fourth = site.contentPath("documents/fourth-plan.md")
        func step(_ path: String, succeeds: Bool = true, _ change: () throws -> Void, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
            try change()
            let result = builder.rebuild(changed: [path])
            #expect(result.succeeded == succeeds, "\(result.diagnostics)", sourceLocation: sourceLocation)
            if succeeds { expectMatchesFullBuild(builder, site, sourceLocation: sourceLocation) }
        }
        // Text only (the card stays), but the indicator lookup gains a mention.
        try step(second) { try site.edit(second) { $0.replacingOccurrences(of: "builds on [the first](doc:first-plan).", with: "builds on [the first](doc:first-plan) and NI 39.") } }
        #expect(!builder.lastRenderedPaths.contains("index.html"))
        #expect(page(builder, "indicators/ni-39.html").contains("Second plan"))
        try step(first) { try site.edit(first) { $0.replacingOccurrences(of: "published: 2008-02-01", with: "published: 2008-12") } }
        try step(third) { try site.edit(third) { $0.replacingOccurrences(of: "published: 2010-12-20", with: "published: 2010-01-01") } }
        try step(second) { try site.edit(second) { $0.replacingOccurrences(of: "<!-- themes: housing -->", with: "<!-- themes: treatment -->") } }
        try step(third) { try site.edit(third) { $0.replacingOccurrences(of: "strategy: \"2010\"", with: "strategy: \"2008\"") } }
        try step(fourth) {
            try site.write(fourth, PreviewSite.document(title: "Fourth plan", strategy: "2008", published: "2008-06",
                                                        body: "## Housing too\n<!-- themes: housing -->\n\nHomes, and NI 39."))
        }
        try step(fourth) { try site.remove(fourth) }
        // A link to a heading being renamed: broken in between, right once both files agree.
        try step(first, succeeds: false) { try site.edit(first) { $0.replacingOccurrences(of: "#housing-again", with: "#homes-again") } }
        try step(second) { try site.edit(second) { $0.replacingOccurrences(of: "## Housing again", with: "## Homes again") } }
        try step(second) { try site.edit(second) { $0.replacingOccurrences(of: "published: 2010-12-08", with: "published: 2011-02-01") } }
    }

    @Test func strayFilesInDocumentsAreWarnedAbout() throws {
        let (site, builder) = try makeBuilder()
        let notes = site.contentPath("documents/notes.txt")
        try site.write(notes, "notes\n")
        let result = builder.rebuild(changed: [notes])
        #expect(result.succeeded)
        #expect(result.pagesRendered == 0)
        #expect(result.diagnostics.contains { $0.severity == .warning && $0.location.path.hasSuffix("documents/notes.txt") })
        try site.remove(notes)
        #expect(builder.rebuild(changed: [notes]).diagnostics.isEmpty)
    }

    @Test func dataFileChangeRebuildsEverything() throws {
        let (site, builder) = try makeBuilder()
        let path = site.contentPath("site.yml")
        try site.edit(path) { $0.replacingOccurrences(of: "title: Preview Fixture", with: "title: Preview Fixture Renamed") }
        let result = builder.rebuild(changed: [path])
        #expect(result.succeeded)
        #expect(Set(builder.lastRenderedPaths) == Set(builder.paths.filter { !$0.hasPrefix("assets/") }))
        #expect(page(builder, "search.html").contains("Preview Fixture Renamed"))
        expectMatchesFullBuild(builder, site)
    }

    @Test func assetChangesReloadTheAssetOnly() throws {
        let (site, builder) = try makeBuilder()
        let css = site.templatePath("assets/site.css")
        try site.edit(css) { $0 + "\n/* asset marker */\n" }
        let added = site.templatePath("assets/extra.js")
        try site.write(added, "console.log('extra');\n")
        let result = builder.rebuild(changed: [css, added])
        #expect(result.succeeded)
        #expect(result.pagesRendered == 0)
        #expect(page(builder, "assets/site.css").contains("asset marker"))
        #expect(page(builder, "assets/extra.js").contains("extra"))
        try site.remove(added)
        builder.rebuild(changed: [added])
        #expect(builder.file(at: "assets/extra.js") == nil)
    }

    @Test func assetSymlinksOutOfTheAssetsFolderAreNotServed() throws {
        let site = try PreviewSite()
        let secret = site.root.appendingPathComponent("secret.txt").path
        try site.write(secret, "secret\n")
        try FileManager.default.createSymbolicLink(atPath: site.templatePath("assets/secret.txt"), withDestinationPath: secret)
        let builder = KeptSite(options: site.options)
        builder.buildAll()
        #expect(builder.file(at: "assets/site.css") != nil)
        #expect(builder.file(at: "assets/secret.txt") == nil)
    }

    @Test func pathsAreClassifiedRelativeToTheFolders() throws {
        let site = try PreviewSite()
        let builder = KeptSite(options: site.options)
        #expect(builder.builder.classify(site.contentPath("site.yml")) == .data)
        #expect(builder.builder.classify(site.contentPath("documents/first-plan.md")) == .document("first-plan"))
        #expect(builder.builder.classify(site.contentPath("documents/.first-plan.md.swp")) == .ignored)
        #expect(builder.builder.classify(site.contentPath("documents/notes.txt")) == .listing)
        #expect(builder.builder.classify(site.templatePath("partials/section-themes.mustache")) == .template("partials/section-themes"))
        #expect(builder.builder.classify(site.templatePath("assets/site.css")) == .asset("site.css"))
        #expect(builder.builder.classify(site.content + "/../Content/documents/first-plan.md") == .document("first-plan"))
        #expect(builder.builder.classify("/elsewhere/file.md") == .unknown)
    }

    @Test func buildOutputHasNoReloadScript() throws {
        let site = try PreviewSite()
        let result = SitePipeline(options: site.options).buildAll()
        #expect(!result.diagnostics.hasErrors)
        #expect(!result.update.pages.contains { $0.contents.contains("__strategy-site") })
    }
}

/// Random sequences of the edits editors make, each followed by a rebuild that must leave the
/// builder holding exactly the site a full build makes from the same files.
@Suite struct RandomEditTests {
    /// SplitMix64, so a failing sequence can be replayed from its seed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func randomEditSequencesMatchAFullBuild(_ seed: UInt64) throws {
        var random = Generator(state: seed)
        let tests = KeptPipelineTests()
        let (site, builder) = try tests.makeBuilder()
        var documents = ["first-plan", "second-plan", "third-plan"]
        var added = 0
        func documentPath(_ slug: String) -> String { site.contentPath("documents/\(slug).md") }

        /// One kind of edit: what it does, and the files it touched; `false` when the edit is
        /// meant to break the build (it is undone by the next step).
        typealias Edit = () throws -> (paths: [String], succeeds: Bool)
        let edits: [(name: String, edit: Edit)] = [
            ("text with a mention", {
                let path = documentPath(documents.randomElement(using: &random)!)
                try site.edit(path) { $0 + "\nMore text about NI 39 and services.\n" }
                return ([path], true)
            }),
            ("title", {
                let path = documentPath(documents.randomElement(using: &random)!)
                let title = "Plan \(Int.random(in: 100...999, using: &random))"
                try site.edit(path) { $0.replacingOccurrences(of: #"(?m)^title: .*$"#, with: "title: \(title)", options: .regularExpression) }
                return ([path], true)
            }),
            ("date", {
                let path = documentPath(documents.randomElement(using: &random)!)
                let date = "20\(["08", "09", "10", "11"].randomElement(using: &random)!)-0\(Int.random(in: 1...9, using: &random))"
                try site.edit(path) { $0.replacingOccurrences(of: #"(?m)^published: .*$"#, with: "published: \(date)", options: .regularExpression) }
                return ([path], true)
            }),
            ("heading with themes and a note", {
                let path = documentPath(documents.randomElement(using: &random)!)
                let theme = ["housing", "treatment"].randomElement(using: &random)!
                let number = Int.random(in: 1...99_999, using: &random)
                try site.edit(path) { $0 + "\n## Added \(number)\n<!-- themes: \(theme) -->\n\nAdded text[^n\(number)] linking [back](doc:first-plan).\n\n[^n\(number)]: A note.\n" }
                return ([path], true)
            }),
            ("new document", {
                added += 1
                let slug = "added-\(added)"
                try site.write(documentPath(slug), PreviewSite.document(title: "Added \(added)", strategy: ["2008", "2010"].randomElement(using: &random)!,
                                                                        published: "2010-0\(Int.random(in: 1...9, using: &random))",
                                                                        body: "## Homes \(added)\n<!-- themes: housing -->\n\nHomes and NI 39."))
                documents.append(slug)
                return ([documentPath(slug)], true)
            }),
            ("delete or rename an added document", {
                guard let slug = documents.filter({ $0.hasPrefix("added-") }).randomElement(using: &random) else { return ([], true) }
                let path = documentPath(slug)
                documents.removeAll { $0 == slug }
                if Bool.random(using: &random) {
                    try site.remove(path)
                    return ([path], true)
                }
                let renamed = slug + "-renamed"
                try FileManager.default.moveItem(atPath: path, toPath: documentPath(renamed))
                documents.append(renamed)
                return ([path, documentPath(renamed)], true)
            }),
            ("template", {
                let path = site.templatePath("layout.mustache")
                try site.edit(path) { $0.replacingOccurrences(of: "</footer>", with: "<!-- \(Int.random(in: 0...999, using: &random)) --></footer>") }
                return ([path], true)
            }),
            ("asset", {
                let path = site.templatePath("assets/site.css")
                try site.edit(path) { $0 + "\n/* edit */\n" }
                return ([path], true)
            }),
            ("data files", {
                let file = ["site.yml", "themes.yml", "indicators.yml"].randomElement(using: &random)!
                let path = site.contentPath(file)
                let word = "W\(Int.random(in: 0...999, using: &random))"
                try site.edit(path) {
                    switch file {
                    case "site.yml": return $0.replacingOccurrences(of: #"(?m)^description: .*$"#, with: "description: A site, \(word).", options: .regularExpression)
                    case "themes.yml": return $0.replacingOccurrences(of: #"(?m)^  title: Housing.*$"#, with: "  title: Housing \(word)", options: .regularExpression)
                    default: return $0.replacingOccurrences(of: #"(?m)^  title: Alcohol-harm.*$"#, with: "  title: Alcohol-harm admissions \(word)", options: .regularExpression)
                    }
                }
                return ([path], true)
            }),
            ("a broken link", {
                let path = documentPath(documents.randomElement(using: &random)!)
                try site.edit(path) { $0 + "\nSee [nothing](doc:no-such-document).\n" }
                return ([path], false)
            }),
        ]

        for stepNumber in 1...24 {
            let (name, edit) = edits.randomElement(using: &random)!
            let (paths, succeeds) = try edit()
            let result = builder.rebuild(changed: paths)
            #expect(result.succeeded == succeeds, "seed \(seed), step \(stepNumber) (\(name)): \(result.diagnostics)")
            if succeeds {
                tests.expectMatchesFullBuild(builder, site)
            } else {
                // The fix: the broken line goes again, and the site must come back whole.
                for path in paths { try site.edit(path) { $0.replacingOccurrences(of: "\nSee [nothing](doc:no-such-document).\n", with: "") } }
                #expect(builder.rebuild(changed: paths).succeeded, "seed \(seed), step \(stepNumber): the fix")
                tests.expectMatchesFullBuild(builder, site)
            }
        }
    }
}

/// The site as a server keeps it: every page and asset of the last good build, changed by
/// each update the builder hands over.
final class KeptSite {
    let builder: SitePipeline
    private var pages: [String: RenderedPage] = [:]
    private var assets: [String: Data] = [:]

    init(options: SitePipeline.Options, bodyEnd: String = "") {
        builder = SitePipeline(options: options, bodyEnd: bodyEnd)
    }

    @discardableResult
    func buildAll() -> [Diagnostic] { apply(builder.buildAll()).diagnostics }

    @discardableResult
    func rebuild(changed paths: [String]) -> SitePipeline.Result { apply(builder.rebuild(changed: paths)) }

    private func apply(_ result: SitePipeline.Result) -> SitePipeline.Result {
        let update = result.update
        if update.replacesAll { pages = [:] }
        for path in update.removed { pages[path] = nil }
        for page in update.pages { pages[page.path] = page }
        if let fresh = update.assets { assets = fresh }
        return result
    }

    func file(at path: String) -> Data? { pages[path]?.data ?? assets[path] }
    var paths: [String] { (Array(pages.keys) + Array(assets.keys)).sorted() }
    var lastDiagnostics: [Diagnostic] { builder.lastDiagnostics }
    /// What the builder's last build rendered.
    var lastRenderedPaths: [String] { builder.lastRenderedPaths }
    var bodyEnd: String { builder.bodyEnd }
}
