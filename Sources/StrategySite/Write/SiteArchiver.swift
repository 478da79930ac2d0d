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

    /// - Returns: the number of files in the archive.
    @discardableResult
    public func archive() throws(Diagnostic) -> Int {
        let location = SourceLocation(path: destination)
        let destinationURL = URL(fileURLWithPath: FileSystemEntry.realPathOfPossiblyMissing(destination))
        if let refusal = refusal() { throw refusal }
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
            // rename(2) replaces the old zip in one step: a reader sees the old or the new one.
            guard rename(temporary.path, destinationURL.path) == 0 else {
                throw ArchiveError(message: "cannot move the zip into place: \(String(cString: strerror(errno)))")
            }
            return files.count
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .error("could not write the zip: \((error as? ArchiveError)?.message ?? error.localizedDescription)", at: location)
        }
    }

    private struct ArchiveError: Error { var message: String }

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
