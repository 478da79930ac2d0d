/// What each page job read when it was last rendered (``PageInput``), and the reverse: the
/// jobs that read each input. After an edit, the jobs to render are the readers of what changed.
struct PageReads: Sendable {
    private var inputsOf: [PageJob: Set<PageInput>] = [:]
    private var readers: [PageInput: Set<PageJob>] = [:]

    /// Replaces what `job` read.
    mutating func record(_ job: PageJob, read inputs: Set<PageInput>) {
        // Usually what it read last time: the search data reads every document, every edit.
        guard inputsOf[job] != inputs else { return }
        remove(job)
        inputsOf[job] = inputs
        for input in inputs { readers[input, default: []].insert(job) }
    }

    /// Forgets a job whose page is gone.
    mutating func remove(_ job: PageJob) {
        guard let inputs = inputsOf.removeValue(forKey: job) else { return }
        for input in inputs {
            readers[input]?.remove(job)
            if readers[input]?.isEmpty == true { readers[input] = nil }
        }
    }

    /// Every job that read one of `inputs`.
    func jobs(reading inputs: Set<PageInput>) -> Set<PageJob> {
        inputs.reduce(into: Set<PageJob>()) { jobs, input in jobs.formUnion(readers[input] ?? []) }
    }

    /// What `job` read, if it was rendered.
    func inputs(of job: PageJob) -> Set<PageInput>? { inputsOf[job] }
}
