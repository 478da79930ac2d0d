/// The link stage's checks: every reference between documents, themes and indicators. The
/// indexes theme and indicator pages are made from are kept by ``LinkIndex``, which runs these
/// checks; mentions of indicator codes were found and linked by the parse stage and are
/// gathered there.
enum Linker {
    // MARK: References

    struct Problem {
        var message: String
        var hint: String?
        var cause: Diagnostic.Cause?
    }

    /// Why `reference` does not resolve in `site`, or nil when it does.
    static func check(_ reference: Reference, site: LinkedSite, themes: Set<String>, indicators: Set<String>) -> Problem? {
        guard let target = reference.target else {
            return Problem(message: "incomplete reference '\(reference.written)'", hint: "write doc:slug, doc:slug#anchor, theme:id or indicator:id")
        }
        switch target {
        case .document(let slug, let anchor):
            guard let document = site.document(slug) else {
                return Problem(message: "unknown document '\(slug)' in link \(reference.written)",
                               hint: slug.closest(in: site.documents.map(\.slug)).map { "did you mean 'doc:\($0)'?" })
            }
            if let anchor, !document.anchors.contains(anchor) {
                return Problem(message: "unknown anchor '#\(anchor)' in document '\(slug)'",
                               hint: anchorHint(anchor, slug: slug, anchors: document.anchors, headings: document.sections.map(\.anchor)))
            }
        case .theme(let id):
            guard themes.contains(id) else {
                return Problem(message: "unknown theme '\(id)'", hint: id.closest(in: themes).map { "did you mean '\($0)'?" } ?? "themes are defined in themes.yml",
                               cause: .unknownTheme(id))
            }
        case .indicator(let id):
            guard indicators.contains(id) else {
                return Problem(message: "unknown indicator '\(id)'", hint: id.closest(in: indicators).map { "did you mean '\($0)'?" } ?? "indicators are defined in indicators.yml",
                               cause: .unknownIndicator(id))
            }
        }
        return nil
    }

    /// Where a missing anchor most likely went: a near spelling, else the heading a renamed
    /// one most likely became.
    static func anchorHint(_ anchor: String, slug: String, anchors: Set<String>, headings: [String]) -> String {
        if let near = anchor.closest(in: headings) ?? anchor.closest(in: anchors.sorted()) { return "did you mean 'doc:\(slug)#\(near)'?" }
        if !anchor.hasPrefix("p:"), !anchor.hasPrefix("fn:"), let renamed = anchor.likeliestHeading(in: headings) {
            return "the heading may have been renamed: did you mean 'doc:\(slug)#\(renamed)'?"
        }
        return anchor.hasPrefix("p:") ? "passage ids are shown by the ¶ link beside each paragraph" : "anchors are slugs of the heading text"
    }

    // MARK: Data files

    static func checkThemes(_ source: SiteSource, _ diagnostics: inout [Diagnostic]) {
        var seen: [String: SourceLocation] = [:]
        for theme in source.themes {
            if let first = seen[theme.id] {
                diagnostics.append(.error("duplicate theme id '\(theme.id)' (first defined at line \(first.line))", at: theme.location))
            }
            seen[theme.id] = seen[theme.id] ?? theme.location
        }
    }

    static func checkIndicators(_ source: SiteSource, _ diagnostics: inout [Diagnostic]) {
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
                diagnostics.append(.error("unknown theme '\(id)'", at: location, hint: id.closest(in: themes).map { "did you mean '\($0)'?" },
                                          cause: .unknownTheme(id)))
            }
            for key in ["parent", "related"] {
                for (id, location) in indicator.referenceLocations[key] ?? [] where !ids.contains(id) {
                    diagnostics.append(.error("unknown indicator '\(id)' in '\(key)'", at: location, hint: id.closest(in: ids).map { "did you mean '\($0)'?" },
                                              cause: .unknownIndicator(id)))
                }
            }
            if indicator.parent == indicator.id {
                diagnostics.append(.error("indicator '\(indicator.id)' cannot be its own parent", at: indicator.referenceLocations["parent"]?.first?.location ?? indicator.location))
            }
            for (id, location) in indicator.referenceLocations["related"] ?? [] where id == indicator.id {
                diagnostics.append(.error("indicator '\(id)' cannot be related to itself", at: location, hint: "'related' names the same idea in other indicators"))
            }
            for (id, location) in indicator.referenceLocations["strategy"] ?? [] where !strategies.isEmpty && !id.isEmpty && !strategies.contains(id) {
                diagnostics.append(.error("unknown strategy '\(id)'", at: location, hint: "strategies in site.yml: \(source.config.strategies.map(\.id).joined(separator: ", "))"))
            }
        }
        checkParentCycles(source.indicators, &diagnostics)
    }

    /// Each cycle of two or more indicators through `parent` is one error, at the `parent`
    /// of its first member in the file. Every indicator is walked once, so this is linear.
    static func checkParentCycles(_ indicators: [Indicator], _ diagnostics: inout [Diagnostic]) {
        var byID: [String: Indicator] = [:]
        for indicator in indicators where byID[indicator.id] == nil { byID[indicator.id] = indicator }
        enum Mark { case walking, done }
        var marks: [String: Mark] = [:]
        for start in indicators where marks[start.id] == nil {
            var path: [Indicator] = []
            var current: Indicator? = start
            while let indicator = current, marks[indicator.id] == nil {
                marks[indicator.id] = .walking
                path.append(indicator)
                current = indicator.parent.flatMap { byID[$0] }
            }
            if let repeated = current, marks[repeated.id] == .walking, let first = path.firstIndex(where: { $0.id == repeated.id }), path.count - first > 1 {
                let cycle = path[first...]
                let reported = cycle.min { $0.location < $1.location } ?? repeated
                let names = cycle.map { "'\($0.id)'" } + ["'\(repeated.id)'"]
                diagnostics.append(.error("indicators \(names.joined(separator: " → ")) are each other's parents", at: reported.referenceLocations["parent"]?.first?.location ?? reported.location,
                                          hint: "a parent is the PSA or group an indicator sits under; one of them must not have a parent"))
            }
            for indicator in path { marks[indicator.id] = .done }
        }
    }
}
