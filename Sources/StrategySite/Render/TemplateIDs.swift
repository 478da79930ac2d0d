import Foundation

/// The ids page templates write themselves (`id="contents"`), which a heading, a note or a
/// citable paragraph of a document must never take. Read from the templates rather than
/// listed by hand, so a template that gains an id protects it at once.
public enum TemplateIDs {
    /// Every literal `id="…"` value in the `.mustache` files under `directory`; values built
    /// from Mustache tags (`id="{{id}}"`) are the templates' own business and are skipped.
    public static func read(directory: String) -> Set<String> {
        let root = URL(fileURLWithPath: directory)
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var ids: Set<String> = []
        for case let file as URL in enumerator where file.pathExtension == "mustache" {
            guard let data = try? Data(contentsOf: file) else { continue }
            ids.formUnion(literalIDs(in: Array(data)))
        }
        return ids
    }

    static func literalIDs(in bytes: [UInt8]) -> Set<String> {
        let marker = Array(" id=\"".utf8)
        var ids: Set<String> = []
        var index = 0
        while index + marker.count <= bytes.count {
            guard bytes[index..<(index + marker.count)].elementsEqual(marker) else { index += 1; continue }
            let start = index + marker.count
            guard let end = bytes[start...].firstIndex(of: UInt8(ascii: "\"")) else { break }
            let value = bytes[start..<end]
            if !value.isEmpty, !value.contains(UInt8(ascii: "{")) { ids.insert(String(decoding: value, as: UTF8.self)) }
            index = end + 1
        }
        return ids
    }
}
