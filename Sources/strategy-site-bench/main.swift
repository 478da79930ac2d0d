// strategy-site-bench: one-document rebuild latency of the pipeline as `serve` keeps it (SitePipeline).
//
//     strategy-site-bench --content DIR --templates DIR [--iterations 30]
//     strategy-site-bench --content DIR --templates DIR --full-build OUTPUT
//
// Builds the site in memory once (buildAll), then, N times, appends a sentence to one document
// (the middle one of documents/, by name) and times `rebuild(changed: [that file])`. Prints the
// median and the 90th percentile in milliseconds. It edits the content folder it is given, so
// bench/run.py passes it a copy. Called by `make bench` (bench/run.py) at 1,000 documents.
//
// With --full-build it runs one whole `build` into OUTPUT (the pipeline call `strategy-site
// build` makes) and exits: for callgrind, which cannot run strategy-site's async entry point
// (valgrind 3.19 faults inside libdispatch's main-queue wait).
import Foundation
import StrategySite

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(1)
}

var content = "Content"
var templates = "Templates"
var iterations = 30
var fullBuildOutput: String?
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--content":
        guard let value = arguments.popFirst() else { fail("--content needs a folder") }
        content = value
    case "--templates":
        guard let value = arguments.popFirst() else { fail("--templates needs a folder") }
        templates = value
    case "--iterations":
        guard let value = arguments.popFirst().flatMap({ Int($0) }), value > 0 else { fail("--iterations needs a positive number") }
        iterations = value
    case "--full-build":
        guard let value = arguments.popFirst() else { fail("--full-build needs an output folder") }
        fullBuildOutput = value
    case "-h", "--help":
        print("usage: strategy-site-bench --content DIR --templates DIR [--iterations N | --full-build OUTPUT]")
        exit(0)
    default: fail("unknown argument \(argument)")
    }
}

func milliseconds(since start: ContinuousClock.Instant) -> Double {
    let duration = ContinuousClock.now - start
    return Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

if let output = fullBuildOutput {
    let pipeline = SitePipeline(options: SitePipeline.Options(contentDirectory: content, templatesDirectory: templates, outputDirectory: output))
    do {
        let summary = try pipeline.build()
        print("Built \(summary.documents) documents: \(summary.pages) pages in \(String(format: "%.2f", summary.seconds)) s")
        exit(0)
    } catch {
        fail(error.diagnostics.prefix(10).map(\.description).joined(separator: "\n"))
    }
}

let documentsFolder = (content as NSString).appendingPathComponent("documents")
let names = ((try? FileManager.default.contentsOfDirectory(atPath: documentsFolder)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
guard !names.isEmpty else { fail("no documents in \(documentsFolder)") }
let path = (documentsFolder as NSString).appendingPathComponent(names[names.count / 2])
guard let original = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }

let builder = SitePipeline(options: SitePipeline.Options(contentDirectory: content, templatesDirectory: templates))
let start = ContinuousClock.now
let diagnostics = builder.buildAll().diagnostics
let buildAll = milliseconds(since: start)
if diagnostics.hasErrors {
    fail(diagnostics.filter { $0.severity == .error }.prefix(10).map(\.description).joined(separator: "\n"))
}
print(String(format: "buildAll %.0f ms (%d documents)", buildAll, names.count))

var times: [Double] = []
var pages: [Int] = []
for iteration in 1...iterations {
    guard let handle = FileHandle(forWritingAtPath: path) else { fail("cannot write \(path)") }
    handle.seekToEndOfFile()
    handle.write(Data("\nAn edit made while serving, number \(iteration), about treatment and recovery services.\n".utf8))
    handle.closeFile()
    let began = ContinuousClock.now
    let result = builder.rebuild(changed: [path])
    times.append(milliseconds(since: began))
    pages.append(result.pagesRendered)
    if !result.succeeded {
        fail(result.diagnostics.filter { $0.severity == .error }.prefix(10).map(\.description).joined(separator: "\n"))
    }
}
_ = FileManager.default.createFile(atPath: path, contents: original)

let sorted = times.sorted()
func percentile(_ p: Double) -> Double {
    let rank = p * Double(sorted.count - 1)
    let low = Int(rank.rounded(.down)), high = Int(rank.rounded(.up))
    return sorted[low] + (sorted[high] - sorted[low]) * (rank - Double(low))
}
let medianPages = pages.sorted()[pages.count / 2]
print(String(format: "rebuild: median %.1f ms, p90 %.1f ms (%d edits of documents/%@, %d pages rendered per rebuild)",
             percentile(0.5), percentile(0.9), iterations, (path as NSString).lastPathComponent, medianPages))
