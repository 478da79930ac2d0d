import Foundation
import ZIPFoundation

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

    /// Why the zip may not be written, or nil when it may; checked before the build writes anything.
    public func refusal() -> Diagnostic? {
        let url = URL(fileURLWithPath: destination).standardizedFileURL
        guard FileManager.default.fileExists(atPath: url.path), !Self.isZip(url) else { return nil }
        return .error("refusing to replace \(destination): it exists and is not a zip archive", at: SourceLocation(path: destination))
    }

    /// - Returns: the number of files in the archive.
    @discardableResult
    public func archive() throws(Diagnostic) -> Int {
        let location = SourceLocation(path: destination)
        let destinationURL = URL(fileURLWithPath: destination).standardizedFileURL
        if let refusal = refusal() { throw refusal }
        let folder = destinationURL.deletingPathExtension().lastPathComponent
        let temporary = destinationURL.deletingLastPathComponent().appendingPathComponent(".\(destinationURL.lastPathComponent).partial-\(UUID().uuidString)")
        do {
            let root = URL(fileURLWithPath: siteDirectory).standardizedFileURL
            let files = try FileManager.default.subpathsOfDirectory(atPath: root.path).filter { path in
                !path.split(separator: "/").contains { $0.hasPrefix(".") } && !Self.isDirectory(root.appendingPathComponent(path))
            }.sorted()
            let archive = try Archive(url: temporary, accessMode: .create)
            for file in files {
                try archive.addEntry(with: folder + "/" + file, fileURL: root.appendingPathComponent(file), compressionMethod: .deflate)
            }
            if FileManager.default.fileExists(atPath: destinationURL.path) {
                _ = try FileManager.default.replaceItemAt(destinationURL, withItemAt: temporary)
            } else {
                try FileManager.default.moveItem(at: temporary, to: destinationURL)
            }
            return files.count
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .error("could not write the zip: \(error.localizedDescription)", at: location)
        }
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
