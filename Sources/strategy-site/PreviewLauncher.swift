import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the preview server's executable beside `strategy-site`, builds it when it is missing
/// or older than the package's sources, and replaces this process with it.
///
/// The preview lives in its own executable so that `make site` compiles only what `build`
/// uses; the price is paid once, by the first `serve`. Replacing the process (rather than
/// running a child) keeps Ctrl-C, standard output and the exit status exactly the server's.
struct PreviewLauncher {
    static let product = "strategy-site-preview"

    /// The folder `strategy-site` runs from, symlinks resolved (the build folder, in a checkout).
    var directory: URL

    var executable: URL { directory.appendingPathComponent(Self.product) }

    static func current() throws -> PreviewLauncher {
        guard let binary = Bundle.main.executableURL else {
            throw LaunchError("cannot tell where strategy-site is, so cannot find \(product)")
        }
        return PreviewLauncher(directory: binary.resolvingSymlinksInPath().deletingLastPathComponent())
    }

    /// The package `strategy-site` was built from, when it was built by SwiftPM in a checkout:
    /// `<package>/<scratch>/<triple>/<debug|release>/`, with the preview's sources there.
    var build: (package: URL, scratch: URL, configuration: String)? {
        let configuration = directory.lastPathComponent
        guard ["debug", "release"].contains(configuration) else { return nil }
        let scratch = directory.deletingLastPathComponent().deletingLastPathComponent()
        // SwiftPM links <scratch>/<configuration> to the triple's folder; that confirms the layout.
        guard scratch.appendingPathComponent(configuration).resolvingSymlinksInPath().path == directory.path else { return nil }
        let package = scratch.deletingLastPathComponent()
        let manager = FileManager.default
        guard manager.fileExists(atPath: package.appendingPathComponent("Package.swift").path),
              manager.fileExists(atPath: package.appendingPathComponent("Sources/\(Self.product)").path) else { return nil }
        return (package, scratch, configuration)
    }

    /// Builds the preview when it is missing, or when a source file of the package is newer than it
    /// (after a `git pull` and `make site`, which updates only `strategy-site`).
    func prepare() throws {
        let manager = FileManager.default
        let exists = manager.isExecutableFile(atPath: executable.path)
        guard let build else {
            if exists { return }
            throw LaunchError("""
                \(Self.product) is not beside strategy-site (in \(directory.path)). It is the preview server; build it \
                in the StrategySite package with: swift build -c release --product \(Self.product)
                """)
        }
        if exists, !Self.sources(in: build.package, newerThan: [executable, checked]) { return }
        if exists, Self.busy(build.scratch) {
            // Waiting could mean waiting for ever: `swift test` holds the lock while it runs us.
            Self.say("warning: the package's sources are newer than the preview server, but another swift command is using \(build.scratch.path), so it is not rebuilt now; starting it as it is.")
            return
        }
        let command = ["swift", "build", "-c", build.configuration, "--product", Self.product,
                       "--package-path", build.package.path, "--scratch-path", build.scratch.path]
        let shown = "swift build -c \(build.configuration) --product \(Self.product)"
        Self.say(exists
            ? "The package's sources changed since the preview server was built; updating it first (\(shown))…"
            : "Building the preview server, once (\(shown)): this takes a few minutes the first time, as it compiles the Hummingbird web server, which make site leaves out…")
        let start = Date()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        // Keep standard output for the server's own lines; SwiftPM's progress goes to standard error.
        process.standardOutput = FileHandle.standardError
        do {
            try process.run()
        } catch {
            throw LaunchError("could not run swift to build \(Self.product): \(error.localizedDescription)")
        }
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0,
              manager.isExecutableFile(atPath: executable.path) else {
            throw LaunchError("building the preview server failed (\(shown) in \(build.package.path)); the messages above say why")
        }
        // SwiftPM leaves the executable as it was when the sources' content did not change, so
        // this notes that they were checked, or every serve would run the build again.
        manager.createFile(atPath: checked.path, contents: Data())
        Self.say("Built the preview server in \(Int(Date().timeIntervalSince(start).rounded())) s.")
    }

    /// Touched after each build of the preview; sources older than it need no build.
    var checked: URL { directory.appendingPathComponent(".\(Self.product).checked") }

    /// Whether another SwiftPM command is using the build folder: while one runs, its process id
    /// is in `<scratch>/.lock` (the lock itself is elsewhere, under a name SwiftPM chooses).
    static func busy(_ scratch: URL) -> Bool {
        guard let text = try? String(contentsOf: scratch.appendingPathComponent(".lock"), encoding: .utf8),
              let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0, pid != getpid() else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// Runs the preview in place of this process; returns only by throwing.
    func exec(arguments: [String]) throws -> Never {
        fflush(nil)
        let argv = [executable.path] + arguments
        var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        execv(executable.path, &cArguments)
        let reason = String(cString: strerror(errno))
        for pointer in cArguments { free(pointer) }
        throw LaunchError("could not start \(executable.path): \(reason)")
    }

    /// Whether `Package.swift` or any file under `Sources/` was modified after the newest of `marks`.
    static func sources(in package: URL, newerThan marks: [URL]) -> Bool {
        let manager = FileManager.default
        let dates = marks.compactMap { (try? manager.attributesOfItem(atPath: $0.path))?[.modificationDate] as? Date }
        guard let built = dates.max() else { return true }
        func newer(_ path: String) -> Bool {
            guard let modified = (try? manager.attributesOfItem(atPath: path))?[.modificationDate] as? Date else { return false }
            return modified > built
        }
        if newer(package.appendingPathComponent("Package.swift").path) { return true }
        let sources = package.appendingPathComponent("Sources").path
        guard let files = manager.enumerator(atPath: sources) else { return false }
        while let relative = files.nextObject() as? String {
            if newer(sources + "/" + relative) { return true }
        }
        return false
    }

    static func say(_ text: String) {
        FileHandle.standardError.write(Data(("strategy-site serve: " + text + "\n").utf8))
    }

    /// A reason `serve` could not start the preview; printed as `error: …`, exit status 1.
    struct LaunchError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
