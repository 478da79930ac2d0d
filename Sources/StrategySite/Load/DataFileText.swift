import Foundation

/// One content file's bytes read as ``ContentLoader`` reads that kind of file, without the
/// file system: the YAML fuzz target and the tests feed any bytes through the same decoding,
/// YAML checks and field rules as a build.
package enum DataFileText {
    package enum Kind: String, CaseIterable, Sendable {
        /// A document file: front matter, then the body.
        case document
        case site = "site.yml"
        case themes = "themes.yml"
        case indicators = "indicators.yml"
    }

    /// Whether the file gave a value (a document, a site configuration, themes or indicators
    /// read from it), and every problem found on the way.
    package static func load(_ data: Data, as kind: Kind, path: String) -> (loaded: Bool, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let text: String
        do throws(Diagnostic) {
            text = try TextFile.decode(data, displayPath: path)
        } catch {
            return (false, [error])
        }
        let strategies = [Strategy(id: "2010", title: "Strategy", shortTitle: "2010", published: nil, summary: "", ambitions: [], ownThemes: [])]
        switch kind {
        case .document:
            return (SourceDocument.parse(text, slug: "doc", path: path, strategies: strategies, &diagnostics) != nil, diagnostics)
        case .site:
            guard let yaml = YAMLDocument.parse(text, path: path, diagnostics: &diagnostics) else { return (false, diagnostics) }
            return (SiteConfig.decode(yaml, &diagnostics) != nil, diagnostics)
        case .themes:
            guard let yaml = YAMLDocument.parse(text, path: path, diagnostics: &diagnostics) else { return (false, diagnostics) }
            _ = yaml.rootList(expecting: "themes", diagnostics: &diagnostics).compactMap { Theme.decode($0, strategies: strategies, &diagnostics) }
            return (yaml.root == nil || yaml.root?.sequence != nil, diagnostics)
        case .indicators:
            guard let yaml = YAMLDocument.parse(text, path: path, diagnostics: &diagnostics) else { return (false, diagnostics) }
            _ = yaml.rootList(expecting: "indicators", diagnostics: &diagnostics).compactMap { Indicator.decode($0, &diagnostics) }
            return (yaml.root == nil || yaml.root?.sequence != nil, diagnostics)
        }
    }

    /// The indicators an `indicators.yml` text defines, as a build reads them.
    package static func indicators(_ text: String, path: String, _ diagnostics: inout [Diagnostic]) -> [Indicator] {
        guard let yaml = YAMLDocument.parse(text, path: path, diagnostics: &diagnostics) else { return [] }
        return yaml.rootList(expecting: "indicators", diagnostics: &diagnostics).compactMap { Indicator.decode($0, &diagnostics) }
    }
}
