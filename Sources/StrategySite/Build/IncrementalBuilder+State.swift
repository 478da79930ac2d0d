/// What IncrementalBuilder keeps between rebuilds: each document's parse, the pending work,
/// and what each page read.
extension IncrementalBuilder {
    struct DocumentEntry: Sendable {
        var parsed: ParsedDocument?
        var diagnostics: [Diagnostic]
        /// Of the file's text as read, to tell a save that changed nothing.
        var fingerprint: Int?
    }

    /// Changes not yet rendered: built up while the site has errors.
    struct Pending {
        var all = false
        /// Documents read again (edited, added or removed).
        var documents: Set<String> = []
        /// Those of `documents` the link stage has been told about, and what that changed.
        var linked: Set<String> = []
        var inputs: Set<PageInput> = []
        var templates: Set<String> = []
        var isEmpty: Bool { !all && documents.isEmpty && templates.isEmpty }
    }

    /// The last good render.
    struct RenderedState: Sendable {
        /// What each page job read, to find the jobs an edit affects.
        var reads: PageReads
        /// The files each job made, to remove them when the job goes.
        var paths: [PageJob: [String]]
        /// The templates there were: one added or removed renders everything.
        var templateNames: Set<String>
    }
}
