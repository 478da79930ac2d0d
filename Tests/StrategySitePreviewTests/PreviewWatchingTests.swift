#if os(Linux)
import Foundation
import Testing
import StrategySiteTestSupport
@testable import StrategySitePreview

/// On Linux the server learns of saves from the kernel, not by scanning: with the polling
/// fallback set to once an hour, saves still reach the open pages.
@Suite struct PreviewWatchingTests {
    @Test func savesReachThePagesWithoutPolling() async throws {
        let site = try PreviewSite()
        try await withPreview(site, pollInterval: .seconds(3600)) { server in
            #expect(!server.logLines.lines.contains { $0.contains("polling") }, "inotify was available")
            let events = try EventStreamClient(port: server.port)
            defer { events.close() }
            try await eventually("the event stream to open") { events.text.contains(": connected") }

            try site.edit(site.contentPath("documents/first-plan.md")) {
                $0.replacingOccurrences(of: "Treatment works.", with: "Treatment works, seen by inotify.")
            }
            try await eventually("a reload event") { events.messages == ["reload"] }
            #expect(try await server.get("/documents/first-plan.html").text.contains("seen by inotify"))

            // A document in a folder made after the server started is seen too (a listing warning).
            try FileManager.default.createDirectory(atPath: site.contentPath("documents/drafts"), withIntermediateDirectories: true)
            try site.write(site.contentPath("documents/drafts/note.txt"), "not a document")
            try site.write(site.contentPath("documents/third-plan.md"), PreviewSite.document(title: "Third plan", body: "New."))
            try await eventually("the new document") { try await server.get("/documents/third-plan.html").status == 200 }
        }
    }
}
#endif
