/// The link stage: checks every reference between documents, themes and indicators, and builds
/// the indexes theme and indicator pages are made from. Mentions of indicator codes were found
/// and linked by the parse stage; here they are gathered per indicator.
public struct Linker: Sendable {
    public init() {}

    public func link(_ source: SiteSource, documents parsed: [ParsedDocument], _ diagnostics: inout [Diagnostic]) -> LinkedSite {
        checkThemes(source, &diagnostics)
        checkIndicators(source, &diagnostics)
        let strategyOrder = Dictionary(source.config.strategies.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let documents = parsed.sorted {
            let a = (strategyOrder[$0.metadata.strategy] ?? .max, $0.metadata.published.decimalYear, $0.metadata.title, $0.slug)
            let b = (strategyOrder[$1.metadata.strategy] ?? .max, $1.metadata.published.decimalYear, $1.metadata.title, $1.slug)
            return a < b
        }
        var site = LinkedSite(config: source.config, themes: source.themes, indicators: source.indicators,
                              documents: documents, sectionsByTheme: [:], mentionsByIndicator: [:])
        let anchors = Dictionary(documents.map { ($0.slug, $0.anchors) }, uniquingKeysWith: { a, _ in a })
        let themeIDs = Set(source.themes.map(\.id))
        let indicatorIDs = Set(source.indicators.map(\.id))
        for document in documents {
            for reference in document.references {
                if let problem = Self.check(reference.target, anchors: anchors, themes: themeIDs, indicators: indicatorIDs) {
                    diagnostics.append(.error(problem.message, at: reference.location, hint: problem.hint))
                }
            }
        }

        site.figuresBySection = ValueProvenance(documents: documents).check(source.indicators, &diagnostics)

        // Gathered here and assigned once: `LinkedSite.sectionsByTheme` regroups itself by
        // strategy on every change, so appending to it section by section was quadratic.
        var sectionsByTheme: [String: [SectionReference]] = [:]
        for document in site.documents {
            for section in document.sections {
                let reference = SectionReference(slug: document.slug, anchor: section.anchor, strategy: document.metadata.strategy)
                for theme in section.themes { sectionsByTheme[theme, default: []].append(reference) }
            }
        }
        site.sectionsByTheme = sectionsByTheme
        var recorded = Set<MentionKey>()
        for document in site.documents {
            for mention in document.mentions {
                let reference = SectionReference(slug: document.slug, anchor: mention.section, strategy: document.metadata.strategy)
                if recorded.insert(MentionKey(indicator: mention.indicator, reference: reference)).inserted {
                    site.mentionsByIndicator[mention.indicator, default: []].append(reference)
                }
            }
        }
        for theme in source.themes where site.sectionsByTheme[theme.id] == nil {
            diagnostics.append(.warning("theme '\(theme.id)' is not used by any section", at: theme.location,
                                        hint: "tag a section with <!-- themes: \(theme.id) --> or remove the theme"))
        }
        return site
    }

    // MARK: References

    struct Problem { var message: String; var hint: String? }

    /// Why `target` does not resolve, or nil when it does.
    static func check(_ target: String, anchors: [String: Set<String>], themes: Set<String>, indicators: Set<String>) -> Problem? {
        guard let reference = SiteReference(target) else {
            return Problem(message: "incomplete reference '\(target)'", hint: "write doc:slug, doc:slug#anchor, theme:id or indicator:id")
        }
        switch reference {
        case .document(let slug, let anchor):
            guard let documentAnchors = anchors[slug] else {
                return Problem(message: "unknown document '\(slug)' in link \(target)",
                               hint: slug.closest(in: anchors.keys).map { "did you mean 'doc:\($0)'?" })
            }
            if let anchor, !documentAnchors.contains(anchor) {
                return Problem(message: "unknown anchor '#\(anchor)' in document '\(slug)'",
                               hint: anchor.closest(in: documentAnchors).map { "did you mean 'doc:\(slug)#\($0)'?" } ?? "anchors are slugs of the heading text")
            }
        case .theme(let id):
            guard themes.contains(id) else {
                return Problem(message: "unknown theme '\(id)'", hint: id.closest(in: themes).map { "did you mean '\($0)'?" } ?? "themes are defined in themes.yml")
            }
        case .indicator(let id):
            guard indicators.contains(id) else {
                return Problem(message: "unknown indicator '\(id)'", hint: id.closest(in: indicators).map { "did you mean '\($0)'?" } ?? "indicators are defined in indicators.yml")
            }
        }
        return nil
    }

    // MARK: Data files

    private func checkThemes(_ source: SiteSource, _ diagnostics: inout [Diagnostic]) {
        var seen: [String: SourceLocation] = [:]
        for theme in source.themes {
            if let first = seen[theme.id] {
                diagnostics.append(.error("duplicate theme id '\(theme.id)' (first defined at line \(first.line))", at: theme.location))
            }
            seen[theme.id] = seen[theme.id] ?? theme.location
        }
    }

    private func checkIndicators(_ source: SiteSource, _ diagnostics: inout [Diagnostic]) {
        let ids = Set(source.indicators.map(\.id))
        let themes = Set(source.themes.map(\.id))
        let strategies = Set(source.config.strategies.map(\.id))
        var seenIDs: [String: SourceLocation] = [:]
        var seenForms: [String: (id: String, location: SourceLocation)] = [:]
        for indicator in source.indicators {
            if let first = seenIDs[indicator.id] {
                diagnostics.append(.error("duplicate indicator id '\(indicator.id)' (first defined at line \(first.line))", at: indicator.location))
            } else {
                seenIDs[indicator.id] = indicator.location
            }
            for form in indicator.mentionForms {
                if let other = seenForms[form], other.id != indicator.id {
                    let location = indicator.referenceLocations["code"]?.first?.location ?? indicator.location
                    diagnostics.append(.error("duplicate indicator code '\(form)': also used by '\(other.id)' (line \(other.location.line))", at: location))
                } else {
                    seenForms[form] = (indicator.id, indicator.location)
                }
            }
            for (id, location) in indicator.referenceLocations["themes"] ?? [] where !themes.contains(id) {
                diagnostics.append(.error("unknown theme '\(id)'", at: location, hint: id.closest(in: themes).map { "did you mean '\($0)'?" }))
            }
            for key in ["parent", "related"] {
                for (id, location) in indicator.referenceLocations[key] ?? [] where !ids.contains(id) {
                    diagnostics.append(.error("unknown indicator '\(id)' in '\(key)'", at: location, hint: id.closest(in: ids).map { "did you mean '\($0)'?" }))
                }
            }
            if indicator.parent == indicator.id {
                diagnostics.append(.error("indicator '\(indicator.id)' cannot be its own parent", at: indicator.referenceLocations["parent"]?.first?.location ?? indicator.location))
            }
            for (id, location) in indicator.referenceLocations["strategy"] ?? [] where !strategies.isEmpty && !id.isEmpty && !strategies.contains(id) {
                diagnostics.append(.error("unknown strategy '\(id)'", at: location, hint: "strategies in site.yml: \(source.config.strategies.map(\.id).joined(separator: ", "))"))
            }
        }
    }

    private struct MentionKey: Hashable { var indicator: String; var reference: SectionReference }
}
