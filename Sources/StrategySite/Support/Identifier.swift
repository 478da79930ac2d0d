/// The shape of every id editors write: slugs, theme and indicator ids.
enum Identifier {
    /// `[a-z0-9]+(-[a-z0-9]+)*`
    static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, !text.hasPrefix("-"), !text.hasSuffix("-"), !text.contains("--") else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
