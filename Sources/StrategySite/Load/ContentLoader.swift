import Foundation

/// Reads `Content/` into a ``SiteSource``: `site.yml`, `themes.yml`, `indicators.yml` and
/// `documents/*.md`. Every problem becomes a diagnostic; loading goes on past errors so one
/// run reports them all.
public struct ContentLoader: Sendable {
    public var contentDirectory: String

    public init(contentDirectory: String) {
        self.contentDirectory = contentDirectory
    }

    /// Where a content file lives, as diagnostics print it.
    func displayPath(_ relative: String) -> String {
        contentDirectory.hasSuffix("/") ? contentDirectory + relative : contentDirectory + "/" + relative
    }

    public func load(_ diagnostics: inout [Diagnostic]) -> SiteSource? {
        guard var source = loadData(&diagnostics) else { return nil }
        source.documents = loadDocuments(strategies: source.config.strategies, &diagnostics)
        return source
    }

    /// `site.yml`, `themes.yml` and `indicators.yml`, without the documents (`serve` reloads
    /// these only when one of them changes).
    func loadData(_ diagnostics: inout [Diagnostic]) -> SiteSource? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: contentDirectory, isDirectory: &isDirectory), isDirectory.boolValue else {
            diagnostics.append(.error("content directory not found", at: SourceLocation(path: contentDirectory),
                                      hint: "pass --content DIR, or run from the folder that holds Content/"))
            return nil
        }
        guard let siteYAML = readYAML("site.yml", required: true, &diagnostics),
              let config = SiteConfig.decode(siteYAML, &diagnostics) else { return nil }

        var themes: [Theme] = []
        if let yaml = readYAML("themes.yml", required: false, &diagnostics) {
            themes = yaml.rootList(expecting: "themes", diagnostics: &diagnostics)
                .compactMap { Theme.decode($0, strategies: config.strategies, &diagnostics) }
        }
        var indicators: [Indicator] = []
        if let yaml = readYAML("indicators.yml", required: false, &diagnostics) {
            indicators = yaml.rootList(expecting: "indicators", diagnostics: &diagnostics)
                .compactMap { Indicator.decode($0, &diagnostics) }
        }
        var source = SiteSource(config: config, themes: themes, indicators: indicators, documents: [])
        source.ledger = PassageLedger.load(path: displayPath(PassageLedger.fileName), &diagnostics)
        return source
    }

    private func readYAML(_ name: String, required: Bool, _ diagnostics: inout [Diagnostic]) -> YAMLDocument? {
        let path = displayPath(name)
        guard FileSystemEntry.exists(path) else {
            if required { diagnostics.append(.error("missing file \(name)", at: SourceLocation(path: path))) }
            return nil
        }
        if let problem = linkLeadingOut(path) {
            diagnostics.append(problem)
            return nil
        }
        do {
            let text = try TextFile.read(URL(fileURLWithPath: path), displayPath: path)
            return YAMLDocument.parse(text, path: path, diagnostics: &diagnostics)
        } catch {
            diagnostics.append(error)
            return nil
        }
    }

    /// Reads every `documents/*.md`, in parallel: reading and front matter are independent per file.
    private func loadDocuments(strategies: [Strategy], _ diagnostics: inout [Diagnostic]) -> [SourceDocument] {
        let results = documentFiles(&diagnostics).parallelMap { file in loadDocument(slug: file.slug, path: file.path, strategies: strategies) }
        for result in results { diagnostics += result.1 }
        return results.compactMap { $0.0 }
    }

    /// The `.md` files of `documents/` with valid names, sorted; warns about the others.
    func documentFiles(_ diagnostics: inout [Diagnostic]) -> [(slug: String, path: String)] {
        let folder = displayPath("documents")
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            diagnostics.append(.error("missing folder documents/", at: SourceLocation(path: folder)))
            return []
        }
        var markdownFiles: [(slug: String, path: String)] = []
        let root = FileSystemEntry.realPath(contentDirectory)
        for name in names where !name.hasPrefix(".") {
            let path = folder + "/" + name
            guard name.hasSuffix(".md") else {
                diagnostics.append(.warning("ignored file: documents are .md files", at: SourceLocation(path: path)))
                continue
            }
            let slug = String(name.dropLast(3))
            guard Identifier.isValid(slug) else {
                let suggestion = Identifier.suggestion(for: slug)
                diagnostics.append(.error("invalid document file name '\(name)': use lower-case letters, digits and single hyphens",
                                          at: SourceLocation(path: path), hint: suggestion.map { "for example '\($0).md'" }))
                continue
            }
            if let problem = linkLeadingOut(path, root: root) {
                diagnostics.append(problem)
                continue
            }
            markdownFiles.append((slug, path))
        }
        return markdownFiles
    }

    /// An error if `path`, with every link on the way resolved (the file, or a folder such as
    /// `documents/` itself), lies outside the content folder: the site publishes only what is
    /// in `Content/`, and a link could publish any file on the machine.
    ///
    /// - Parameter root: the content folder's real path, when the caller has it already.
    func linkLeadingOut(_ path: String, root: String? = nil) -> Diagnostic? {
        guard let target = FileSystemEntry.realPath(path), let root = root ?? FileSystemEntry.realPath(contentDirectory),
              !FileSystemEntry.isInside(target, root) else { return nil }
        let name = (path as NSString).lastPathComponent
        let what = FileSystemEntry.at(path) == .symlink ? "\(name) is a link to \(target)" : "\(name) is reached through a link and lies at \(target)"
        return .error("\(what), outside the content folder; it was not published", at: SourceLocation(path: path),
                      hint: "copy the file itself into \((path as NSString).deletingLastPathComponent)/ instead of linking to it")
    }

    /// Reads one document file and its front matter.
    func loadDocument(slug: String, path: String, strategies: [Strategy]) -> (SourceDocument?, [Diagnostic]) {
        var found: [Diagnostic] = []
        do throws(Diagnostic) {
            let text = try TextFile.read(URL(fileURLWithPath: path), displayPath: path)
            return (SourceDocument.parse(text, slug: slug, path: path, strategies: strategies, &found), found)
        } catch {
            return (nil, [error])
        }
    }
}
