/// One file of the finished site.
public struct RenderedPage: Sendable, Hashable {
    /// Path under the output directory, e.g. `documents/2010-drug-strategy.html`.
    public var path: String
    public var contents: String
    /// The source documents and templates this page was made from, so `serve` can tell
    /// which pages an edit affects.
    public var template: String

    public init(path: String, contents: String, template: String) {
        self.path = path
        self.contents = contents
        self.template = template
    }
}
