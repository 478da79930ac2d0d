import Foundation
import Synchronization

/// The pipeline — load, parse, link, render, and for `build` write — and the state its stages
/// leave, so that it can be run once or kept and changed.
///
/// `build` and `check` run it once from empty and stream the pages out as they are rendered
/// (``build(onWait:)``, ``check()``; ``link()`` for `lookup`, which needs no pages). `serve`
/// keeps it: ``buildAll()`` builds the site in memory, and ``rebuild(changed:)`` applies edits,
/// re-doing only what a changed file affects:
///
/// - a document saved: reads and parses that document, updates the link stage by difference
///   (``LinkIndex``), and renders the pages that read something the edit changed: each page
///   job records what it reads as it renders (``PageInput``), ``SiteChanges`` says which
///   inputs differ, ``PageReads`` which jobs read them;
/// - a document added or removed: the same, after listing `documents/` again;
/// - a template: renders the pages that used it, directly or through partials (also inputs);
///   a template added or removed, or a new literal id in one, renders everything;
/// - `site.yml`, `themes.yml` or `indicators.yml`: everything;
/// - an asset: reloads the assets.
///
/// Changes seen while the site has errors are remembered, so the first good rebuild renders
/// all of them. A kept pipeline holds no pages: each build hands over what changed
/// (``SiteUpdate``) to whoever serves the site.
///
/// The stages are set up in one place, ``State``, whichever way the pipeline runs: the base
/// URL option replaces site.yml's as the data files are read, the parser (with the indicator
/// matcher) is made once per reading of the data files and templates, and the diagnostics of
/// loading, parsing and linking are collapsed (``DiagnosticCascade``) before any others are
/// added. Calls may come from any thread; they are serialised.
public final class SitePipeline: Sendable {
    public struct Options: Sendable {
        public var contentDirectory: String
        public var templatesDirectory: String
        public var outputDirectory: String
        /// Overrides `base-url` of site.yml.
        public var baseURL: String?
        public var force: Bool
        /// Also pack the written site into this zip file.
        public var zipPath: String?

        public init(contentDirectory: String = "Content", templatesDirectory: String = "Templates",
                    outputDirectory: String = "Output", baseURL: String? = nil, force: Bool = false, zipPath: String? = nil) {
            self.zipPath = zipPath
            self.contentDirectory = contentDirectory
            self.templatesDirectory = templatesDirectory
            self.outputDirectory = outputDirectory
            self.baseURL = baseURL
            self.force = force
        }
    }

    /// What a build or rebuild in memory did.
    public struct Result: Sendable {
        public var diagnostics: [Diagnostic]
        /// Whether the site now reflects every change (no errors). When false the last good
        /// site stands and `update` is empty.
        public var succeeded: Bool
        /// What changed in the site: for whoever serves it.
        public var update: SiteUpdate

        /// Pages and data files rendered by this rebuild (0 when it failed or nothing needed it).
        public var pagesRendered: Int { update.pages.count }
    }

    /// The difference a build makes to the site being served.
    public struct SiteUpdate: Sendable {
        /// Whether `pages` are the whole site (a full build), replacing every page before.
        public var replacesAll = false
        public var pages: [RenderedPage] = []
        /// Pages gone (their documents were removed).
        public var removed: [String] = []
        /// Every asset, when they were read again; nil when they did not change.
        public var assets: [String: Data]?
    }

    public let options: Options
    /// Extra HTML for the end of every page's `<body>` (the preview's reload script).
    public let bodyEnd: String
    private let classifier: PathClassifier
    private let state: Mutex<State>

    public init(options: Options, bodyEnd: String = "") {
        self.options = options
        self.bodyEnd = bodyEnd
        classifier = PathClassifier(contentDirectory: options.contentDirectory, templatesDirectory: options.templatesDirectory)
        state = Mutex(State(options: options, bodyEnd: bodyEnd, classifier: classifier))
    }

    /// Full build in memory, from empty (errors mean the last good site is kept).
    @discardableResult
    public func buildAll() -> Result {
        state.withLock { $0.buildAll() }
    }

    /// Rebuild after these files changed, appeared or disappeared (paths under the content or
    /// templates directories, absolute or as the options name them).
    @discardableResult
    public func rebuild(changed paths: [String]) -> Result {
        state.withLock { $0.rebuild(changed: paths) }
    }

    /// The diagnostics of the last build or rebuild, sorted.
    public var lastDiagnostics: [Diagnostic] { state.withLock { $0.lastDiagnostics } }

    /// Paths rendered by the last build, for tests.
    var lastRenderedPaths: [String] { state.withLock { $0.lastRenderedPaths } }

    /// What kind of file `path` is, for the rebuild it calls for.
    func classify(_ path: String) -> PathClassifier.Change { classifier.classify(path) }

    /// Runs `body` on the state, for the ways of running the pipeline once.
    func withState<T: Sendable>(_ body: (inout State) -> T) -> T {
        state.withLock { body(&$0) }
    }
}
