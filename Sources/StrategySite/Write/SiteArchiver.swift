import Foundation
import ZIPFoundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Packs a written site into one zip for offline readers: unpacked anywhere, its `index.html`
/// opens the site from disk, because every link in it is relative.
///
/// Entries sit under one folder named after the zip (`strategies.zip` holds `strategies/…`),
/// so unpacking never scatters files. Dotfiles (the output marker, `.git`) stay out. The zip
/// is written beside its destination and moved into place, and an existing file is replaced
/// only if it is itself a zip archive.
public struct SiteArchiver: Sendable {
    public var siteDirectory: String
    public var destination: String

    public init(siteDirectory: String, destination: String) {
        self.siteDirectory = siteDirectory
        self.destination = destination
    }

    /// Why the zip may not be written, or nil when it may. Checked before the build writes
    /// anything, so a zip that cannot be written never leaves the output replaced and the
    /// command failed.
    public func refusal() -> Diagnostic? {
        let location = SourceLocation(path: destination)
        guard let reason = Self.pathRefusal(destination, output: siteDirectory) else { return nil }
        return .error(reason, at: location)
    }

    /// Why `destination` cannot be the zip, whatever the site: empty, a folder, in a missing or
    /// read-only folder, inside the output (the next build would delete it), or an existing
    /// file that is not a zip. `build --zip` checks this as it reads its options.
    public static func pathRefusal(_ destination: String, output: String?) -> String? {
        guard !destination.isEmpty else { return "--zip needs a file name, e.g. --zip site.zip" }
        guard !destination.hasSuffix("/") else { return "--zip \(destination) names a folder; give a file name, e.g. \(destination)site.zip" }
        let real = FileSystemEntry.realPathOfPossiblyMissing(destination)
        let folder = (real as NSString).deletingLastPathComponent
        if let output, FileSystemEntry.isInside(real, FileSystemEntry.realPathOfPossiblyMissing(output)) {
            return "refusing to write the zip inside the output folder \(output): the build replaces that folder's files"
        }
        switch FileSystemEntry.following(folder) {
        case .directory:
            guard access(folder, W_OK) == 0 else { return "cannot write the zip: the folder \(folder) is not writable" }
        case .missing:
            return "cannot write the zip: the folder \(folder) does not exist; create it first"
        case let kind:
            return "cannot write the zip: \(folder) is \(kind.description), not a folder"
        }
        switch FileSystemEntry.following(real) {
        case .missing: return nil
        case .regular: return isZip(URL(fileURLWithPath: real)) ? nil : "refusing to replace \(destination): it exists and is not a zip archive"
        case let kind: return "refusing to replace \(destination): it is \(kind.description), not a zip archive"
        }
    }

    /// A zip written beside its destination, not yet in place.
    public struct Packed: Sendable {
        var temporary: URL
        var destination: URL
        public var files: Int
    }

    /// Writes the archive of `siteDirectory` beside the destination (`.<name>.partial-<pid>-…`).
    /// `build` packs the staging folder before the swap, so a zip that cannot be written
    /// leaves the previous site in place.
    public func pack() throws(Diagnostic) -> Packed {
        let location = SourceLocation(path: destination)
        let destinationURL = URL(fileURLWithPath: FileSystemEntry.realPathOfPossiblyMissing(destination))
        if let refusal = refusal() { throw refusal }
        removePartialsOfEndedBuilds(beside: destinationURL)
        let folder = destinationURL.deletingPathExtension().lastPathComponent
        let temporary = destinationURL.deletingLastPathComponent().appendingPathComponent(".\(destinationURL.lastPathComponent).partial-\(getpid())-\(UUID().uuidString)")
        do {
            let root = URL(fileURLWithPath: siteDirectory).standardizedFileURL
            let files = try FileManager.default.subpathsOfDirectory(atPath: root.path).filter { path in
                !path.split(separator: "/").contains { $0.hasPrefix(".") } && !Self.isDirectory(root.appendingPathComponent(path))
            }.sorted()
            let archive = try Archive(url: temporary, accessMode: .create)
            for file in files {
                try archive.addEntry(with: folder + "/" + file, fileURL: root.appendingPathComponent(file), compressionMethod: .deflate)
            }
            return Packed(temporary: temporary, destination: destinationURL, files: files.count)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .error("could not write the zip: \(error.localizedDescription)", at: location)
        }
    }

    /// Renames a packed zip into place: rename(2) replaces an old zip in one step, so a reader
    /// sees the old archive or the new one, never half of one.
    @discardableResult
    public func place(_ packed: Packed) throws(Diagnostic) -> Int {
        guard rename(packed.temporary.path, packed.destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            discard(packed)
            throw .error("could not move the zip into place: \(reason)", at: SourceLocation(path: destination))
        }
        return packed.files
    }

    /// Removes `.<name>.partial-<pid>-…` files whose build has ended (killed while packing):
    /// only strategy-site writes such names, and a running build's partial is left alone.
    func removePartialsOfEndedBuilds(beside destination: URL) {
        let folder = destination.deletingLastPathComponent()
        let prefix = ".\(destination.lastPathComponent).partial-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "-" }) else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }

    /// Removes a packed zip that will not be placed.
    public func discard(_ packed: Packed) {
        try? FileManager.default.removeItem(at: packed.temporary)
    }

    static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// A zip file starts with a local file header (`PK\u{3}\u{4}`) or, when empty, an end record.
    static func isZip(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        let magic = (try? handle.read(upToCount: 4)) ?? Data()
        return magic == Data([0x50, 0x4B, 0x03, 0x04]) || magic == Data([0x50, 0x4B, 0x05, 0x06])
    }
}
