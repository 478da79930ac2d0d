/// Everything read from `Content/`: the first stage's output.
public struct SiteSource: Sendable {
    public var config: SiteConfig
    public var themes: [Theme]
    public var indicators: [Indicator]
    public var documents: [SourceDocument]
    /// The passage ids published before (`passages.ledger`); nil when the site keeps none.
    public var ledger: PassageLedger?

    public init(config: SiteConfig, themes: [Theme] = [], indicators: [Indicator] = [], documents: [SourceDocument]) {
        self.config = config
        self.themes = themes
        self.indicators = indicators
        self.documents = documents
    }
}
