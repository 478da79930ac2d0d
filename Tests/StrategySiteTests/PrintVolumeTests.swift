import Foundation
@testable import StrategySite
import StrategySiteTestSupport
import Testing

/// "Print this strategy": every document of a strategy on one page, with ids that stay unique
/// and links that still go where they went on the documents' own pages.
@Suite struct PrintVolumeTests {
    @Test func idsAreMadeUniqueAndLinksFollowTheirTargets() {
        let volume = PrintVolume(toDocuments: "../../documents/")
        let body = ##"<h2 id="intro">Intro</h2><p id="p:1">See <a href="#intro">it</a>, <a href="two.html#intro">two</a>, "##
            + ##"<a href="two.html">two</a>, <a href="three.html#x">three</a>, <a href="../themes/a.html">a</a>, "##
            + ##"<a href="https://example.org/x.html">web</a> and <img src="pic.png" alt="">. A &quot; id=&quot;x&quot;.</p>"##
        let written = String(decoding: volume.rewrite(Array(body.utf8), slug: "one"), as: UTF8.self)
        #expect(written == ##"<h3 id="doc-one--intro">Intro</h3><p id="doc-one--p:1">See <a href="#doc-one--intro">it</a>, "##
            + ##"<a href="../../documents/two.html#intro">two</a>, <a href="../../documents/two.html">two</a>, <a href="../../documents/three.html#x">three</a>, "##
            + ##"<a href="../../documents/../themes/a.html">a</a>, <a href="https://example.org/x.html">web</a> and "##
            + ##"<img src="../../documents/pic.png" alt="">. A &quot; id=&quot;x&quot;.</p>"##)
    }

    @Test func volumesTakeTheNextDocumentsThatFitTheBudget() {
        #expect(SiteRenderer.printVolumes([], budget: 10) == [0..<0])
        #expect(SiteRenderer.printVolumes([4, 4], budget: 10) == [0..<2])
        #expect(SiteRenderer.printVolumes([4, 4, 4, 30, 1], budget: 10) == [0..<2, 2..<3, 3..<4, 4..<5])
    }

    @Test func eachStrategyPrintsItsDocumentsInOrder() throws {
        let site = try TemporarySite.minimal(documents: [
            "first": TemporarySite.document(title: "First", body: "## Introduction\n\nOne [two](doc:second#introduction).\n"),
            "second": TemporarySite.document(title: "Second", body: "## Introduction\n\nTwo.\n"),
        ])
        _ = try site.builder().build()
        let page = try site.page("strategies/print/2010.html")
        let first = try #require(page.range(of: "<h2 class=\"print-document-title\" id=\"doc-first-title\">First</h2>"))
        let second = try #require(page.range(of: "<h2 class=\"print-document-title\" id=\"doc-second-title\">Second</h2>"))
        #expect(first.lowerBound < second.lowerBound)
        // A link to another document goes to its own page, wherever the two are printed.
        #expect(page.contains("<a href=\"../../documents/second.html#introduction\">two</a>"))
        #expect(PageInvariants.pageProblems(page).isEmpty, "\(PageInvariants.pageProblems(page))")
        #expect(try site.page("strategies/2010.html").contains("<a href=\"print/2010.html\">"))
    }

    @Test func aStrategyTooLongForOnePageIsPrintedInVolumes() throws {
        // Two documents of about 250 KB of HTML each: together past the budget.
        let long = String(repeating: "A paragraph of some length about treatment and recovery services.\n\n", count: 2_500)
        let site = try TemporarySite.minimal(documents: [
            "first": TemporarySite.document(title: "First", body: "## Introduction\n\n" + long),
            "second": TemporarySite.document(title: "Second", body: "## Introduction\n\n" + long),
        ])
        _ = try site.builder().build()
        let volume = try site.page("strategies/print/2010.html")
        let next = try site.page("strategies/print/2010/2.html")
        #expect(volume.contains("id=\"doc-first-title\"") && !volume.contains("id=\"doc-second-title\""))
        #expect(next.contains("id=\"doc-second-title\"") && !next.contains("id=\"doc-first-title\""))
        #expect(volume.contains("<link rel=\"next\" href=\"2010/2.html\">"))
        #expect(volume.utf8.count < 512 * 1024 && next.utf8.count < 512 * 1024)
    }
}
