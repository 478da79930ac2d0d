import Foundation
import Testing
import StrategySiteTestSupport
@testable import StrategySite

/// Files that are not what their names say, links that lead out of the project, and mistakes
/// whose first report must be one a person can act on.
@Suite("Hostile and odd input")
struct HostileInputTests {
    func messages(_ site: TemporarySite, templates: String = Repository.templates) -> [String] {
        site.builder(templates: templates).check().map(\.description)
    }

    @Test func aNamedPipeCalledMdIsReportedNotOpened() throws {
        let site = try TemporarySite.minimal()
        #expect(mkfifo(site.content + "/documents/pipe.md", 0o644) == 0)
        let found = messages(site)
        #expect(found.contains { $0.hasPrefix(site.content + "/documents/pipe.md:1:1: error: pipe.md is a named pipe (FIFO), not a text file") }, "\(found)")
        #expect(!found.contains { $0.contains("permission") })
    }

    @Test func aLinkToADeviceOrAFileOutsideContentIsRefused() throws {
        let site = try TemporarySite.minimal()
        try FileManager.default.createSymbolicLink(atPath: site.content + "/documents/zero.md", withDestinationPath: "/dev/zero")
        let outside = site.root.appendingPathComponent("outside.md").path
        try Data(TemporarySite.document(title: "Outside").utf8).write(to: URL(fileURLWithPath: outside))
        try FileManager.default.createSymbolicLink(atPath: site.content + "/documents/outside.md", withDestinationPath: outside)
        let found = messages(site)
        #expect(found.contains { $0.hasPrefix(site.content + "/documents/zero.md:1:1: error: zero.md is a link to /dev/zero, outside the content folder") }, "\(found)")
        let realOutside = try #require(FileSystemEntry.realPath(outside))
        #expect(found.contains { $0.hasPrefix(site.content + "/documents/outside.md:1:1: error: outside.md is a link to \(realOutside), outside the content folder") }, "\(found)")
        #expect(throws: BuildFailure.self) { try site.builder().build() }
        #expect(!FileManager.default.fileExists(atPath: site.output))
        // serve refuses them the same way.
        let preview = SitePipeline(options: site.options()).buildAll().diagnostics.map(\.description)
        for path in ["zero.md", "outside.md"] {
            #expect(preview.filter { $0.contains("/documents/\(path):") } == found.filter { $0.contains("/documents/\(path):") }, "\(preview)")
        }
    }

    /// A device node named like a document (as root, `mknod`; skipped where that is not allowed).
    @Test func aDeviceCalledMdIsReportedNotRead() throws {
        let site = try TemporarySite.minimal()
        let path = site.content + "/documents/zero.md"
        // makedev(1, 5), the device number of /dev/zero on Linux.
        guard mknod(path, S_IFCHR | 0o644, dev_t(1 << 8 | 5)) == 0 else { return }
        let found = messages(site)
        #expect(found.contains { $0.hasPrefix(path + ":1:1: error: zero.md is a device, not a text file") }, "\(found)")
    }

    @Test func aDocumentsFolderLinkedFromOutsideIsRefused() throws {
        let site = try TemporarySite.minimal()
        let elsewhere = site.root.appendingPathComponent("elsewhere").path
        try FileManager.default.moveItem(atPath: site.content + "/documents", toPath: elsewhere)
        try FileManager.default.createSymbolicLink(atPath: site.content + "/documents", withDestinationPath: elsewhere)
        let found = messages(site)
        #expect(found.contains { $0.hasPrefix(site.content + "/documents/one.md:1:1: error: one.md is reached through a link and lies at ")
            && $0.contains("outside the content folder") }, "\(found)")
    }

    @Test func aLinkInsideContentIsFollowed() throws {
        let site = try TemporarySite.minimal()
        try site.write("drafts/two.md", TemporarySite.document(title: "Two"))
        try FileManager.default.createSymbolicLink(atPath: site.content + "/documents/two.md", withDestinationPath: "../drafts/two.md")
        try site.builder().build()
        #expect(try site.page("documents/two.html").contains("Two"))
    }

    @Test func aFolderOrALinkToAFolderCalledMdIsSaidToBeAFolder() throws {
        let site = try TemporarySite.minimal()
        try FileManager.default.createDirectory(atPath: site.content + "/documents/folder.md", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: site.content + "/drafts", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: site.content + "/documents/linked.md", withDestinationPath: "../drafts")
        let found = messages(site)
        #expect(found.contains { $0.hasPrefix(site.content + "/documents/folder.md:1:1: error: folder.md is a folder, not a text file") }, "\(found)")
        #expect(found.contains { $0.hasPrefix(site.content + "/documents/linked.md:1:1: error: linked.md is a link to a folder, not a text file") }, "\(found)")
        #expect(!found.contains { $0.contains("error 256") || $0.contains("NSCocoaErrorDomain") })
    }

    @Test func aMissingTemplatesFolderIsReportedAsSuch() throws {
        let site = try TemporarySite.minimal()
        let missing = site.root.appendingPathComponent("NoTemplates").path
        let found = messages(site, templates: missing)
        #expect(found.contains { $0.hasPrefix(missing + ":1:1: error: templates folder not found") }, "\(found)")
        #expect(!found.contains { $0.contains("home.mustache") }, "\(found)")
    }

    @Test func yearZeroIsRefusedAtItsValue() throws {
        let text = TemporarySite.document().replacingOccurrences(of: "published: 2010-12-08", with: "published: 0000")
        let site = try TemporarySite.minimal(documents: ["one": text])
        let found = messages(site)
        #expect(found.contains { $0.hasPrefix(site.content + "/documents/one.md:4:12: error: 'published' is in the year 0000, which does not exist") }, "\(found)")
        #expect(PublicationDate("0000") == nil && PublicationDate("0000-01-01") == nil && PublicationDate("+999") == nil)
        #expect(PublicationDate("0001") == PublicationDate(year: 1))
    }

    @Test func aDuplicateFrontMatterKeyIsReportedAtTheDuplicateAlone() throws {
        let text = "---\ntitle: One\nstrategy: \"2010\"\npublished: 2010-12-08\npublisher: Test\nsummary: A secret summary.\ntitle: Again\n---\n\nText.\n"
        let site = try TemporarySite.minimal(documents: ["one": text])
        let found = messages(site)
        let duplicate = try #require(found.first { $0.contains("duplicate key") }, "\(found)")
        #expect(duplicate.hasPrefix(site.content + "/documents/one.md:7:1: error: duplicate key 'title': it is already set at line 2"), "\(duplicate)")
        #expect(!duplicate.contains("secret summary"), "the message carries the front matter: \(duplicate)")
        // Nested, quoted and in site.yml too.
        try site.write("site.yml", "title: Test\nstrategies:\n  \"2010\": { title: Test strategy }\n  \"2017\":\n    title: A\n    'title': B\n")
        let nested = messages(site)
        #expect(nested.contains { $0.hasPrefix(site.content + "/site.yml:6:5: error: duplicate key 'title': it is already set at line 5") }, "\(nested)")
    }

    /// One wrongly indented line in themes.yml: that error, and one warning instead of an
    /// "unknown theme" for every reference to a theme.
    @Test func aNestingMistakeInThemesIsNotBuriedUnderUnknownThemes() throws {
        let site = try TemporarySite(copying: "themes-site")
        var themes = try String(contentsOfFile: site.content + "/themes.yml", encoding: .utf8)
        themes = themes.replacingOccurrences(of: "- id: treatment", with: "  - id: treatment")
        try site.write("themes.yml", themes)
        let diagnostics = site.builder().check()
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1, "\(errors.map(\.description))")
        #expect(errors.first?.location.path == site.content + "/themes.yml")
        #expect(!diagnostics.contains { $0.message.hasPrefix("unknown theme") })
        #expect(diagnostics.contains { $0.severity == .warning && $0.location.path == site.content + "/themes.yml"
                && $0.message.contains("references to themes not checked: themes.yml has errors") }, "\(diagnostics.map(\.description))")
    }

    @Test func unknownThemesAreStillReportedWhenThemesYmlIsFine() throws {
        let site = try TemporarySite.minimal(documents: ["one": TemporarySite.document(body: "[x](theme:none)\n")])
        try site.write("themes.yml", "- { id: a, title: A }\n")
        #expect(messages(site).contains { $0.hasPrefix(site.content + "/documents/one.md:9:1: error: unknown theme 'none'") })
    }
}

/// Links in Templates/assets: followed while they stay inside Templates/, published as plain
/// files, and the same in `build` and `serve`.
@Suite("Asset links")
struct AssetLinkTests {
    func templatesWithLinks(in site: TemporarySite) throws -> String {
        let templates = site.root.appendingPathComponent("Templates").path
        try FileManager.default.copyItem(atPath: Repository.templates, toPath: templates)
        let assets = templates + "/assets"
        try FileManager.default.createSymbolicLink(atPath: assets + "/etcdir", withDestinationPath: "/etc")
        let secret = site.root.appendingPathComponent("secret.txt").path
        try Data("secret\n".utf8).write(to: URL(fileURLWithPath: secret))
        try FileManager.default.createSymbolicLink(atPath: assets + "/secret.txt", withDestinationPath: secret)
        try FileManager.default.createSymbolicLink(atPath: assets + "/broken.css", withDestinationPath: "nowhere.css")
        try FileManager.default.createSymbolicLink(atPath: assets + "/home-copy.txt", withDestinationPath: "../home.mustache")
        try FileManager.default.createSymbolicLink(atPath: assets + "/loop", withDestinationPath: ".")
        return templates
    }

    @Test func linksLeadingOutAreLeftOutWithAWarningAndNoLinkIsPublished() throws {
        let site = try TemporarySite(copying: "themes-site")
        let templates = try templatesWithLinks(in: site)
        let summary = try site.builder(templates: templates).build()
        let warnings = summary.warnings.map(\.description)
        #expect(warnings.contains { $0.hasPrefix(templates + "/assets/etcdir:1:1: warning: etcdir is a link to /etc, outside the templates folder; not published") }, "\(warnings)")
        #expect(warnings.contains { $0.hasPrefix(templates + "/assets/secret.txt:1:1: warning: secret.txt is a link to ") }, "\(warnings)")
        #expect(warnings.contains { $0.hasPrefix(templates + "/assets/broken.css:1:1: warning: broken link") }, "\(warnings)")
        #expect(!FileSystemEntry.exists(site.output + "/assets/etcdir"))
        #expect(!FileSystemEntry.exists(site.output + "/assets/secret.txt"))
        #expect(FileSystemEntry.at(site.output + "/assets/home-copy.txt") == .regular, "a link inside Templates/ is published as a file")
        let published = try FileManager.default.subpathsOfDirectory(atPath: site.output)
        #expect(!published.contains { FileSystemEntry.at(site.output + "/" + $0) == .symlink }, "links in the output: \(published)")

        // serve publishes the same files and warns the same way.
        var options = site.options(templates: templates)
        options.outputDirectory = site.root.appendingPathComponent("Unused").path
        let preview = SitePipeline(options: options).buildAll()
        #expect(Set(preview.diagnostics.filter { $0.location.path.hasPrefix(templates) }) == Set(summary.warnings.filter { $0.location.path.hasPrefix(templates) }))
        let built = Set(published.filter { $0.hasPrefix("assets/") && FileSystemEntry.at(site.output + "/" + $0) == .regular })
        #expect(Set((preview.update.assets ?? [:]).keys) == built)
    }
}
