/// The project's one HTML escaper, on UTF-8 bytes.
///
/// Text and attribute values escape `&`, `<`, `>` and `"`, exactly the set cmark escapes, so
/// that body HTML equals cmark's own output byte for byte; every attribute this project writes
/// is double-quoted, which makes that set safe in attributes too. Runs of bytes that need no
/// escaping are copied in one piece: nothing here looks at `Character`s.
public enum HTML {
    /// Appends `bytes` escaped for text or a double-quoted attribute value.
    public static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var runStart = 0
        for index in 0..<bytes.count {
            guard let replacement = entity(for: bytes[index]) else { continue }
            if runStart < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            out.append(replacement)
            runStart = index + 1
        }
        if runStart < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
    }

    /// The one list of what is escaped, and as what.
    @inline(__always) private static func entity(for byte: UInt8) -> StaticString? {
        switch byte {
        case UInt8(ascii: "&"): return "&amp;"
        case UInt8(ascii: "<"): return "&lt;"
        case UInt8(ascii: ">"): return "&gt;"
        case UInt8(ascii: "\""): return "&quot;"
        default: return nil
        }
    }

    public static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendEscaped($0, to: &out) }
    }

    /// `text` escaped; the same string, not a copy, when nothing in it needs escaping (most
    /// titles and links), which is what makes template values cheap.
    public static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.contains(where: { entity(for: $0) != nil }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            appendEscaped(bytes, to: &out)
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    /// Appends a URL prepared for an `href` or `src` as cmark's own renderer does: `&` and `'`
    /// become entities, bytes outside cmark's safe set are percent-encoded.
    public static func appendEscapedURL(_ url: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        for byte in url {
            if byte < 128, urlSafe[Int(byte)] {
                out.append(byte)
            } else if byte == UInt8(ascii: "&") {
                out.append("&amp;")
            } else if byte == UInt8(ascii: "'") {
                out.append("&#x27;")
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0xF)])
            }
        }
    }

    public static func appendEscapedURL(_ url: String, to out: inout [UInt8]) {
        var url = url
        url.withUTF8 { appendEscapedURL($0, to: &out) }
    }

    public static func escapeURL(_ url: String) -> String {
        var out: [UInt8] = []
        appendEscapedURL(url, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether a link target may appear on a page. Like cmark's safe mode, but stricter:
    /// `data:` is refused outright, not only for non-images.
    public static func isSafeURL(_ url: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        while start < url.count, url[start] == UInt8(ascii: " ") || url[start] == UInt8(ascii: "\t") { start += 1 }
        for scheme in unsafeSchemes where url.count - start >= scheme.count {
            var matches = true
            for (offset, expected) in scheme.enumerated() where url[start + offset] | 0x20 != expected {
                matches = false
                break
            }
            if matches { return false }
        }
        return true
    }

    private static let unsafeSchemes: [[UInt8]] = ["javascript:", "vbscript:", "file:", "data:"].map { Array($0.utf8) }
    private static let hexDigits = Array("0123456789ABCDEF".utf8)
    private static let urlSafe: [Bool] = (0..<128).map { byte in
        let scalar = Unicode.Scalar(UInt8(byte))
        return (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9")
            || "-_.+!*(),%#@?=;:/$~".unicodeScalars.contains(scalar)
    }
}

extension Array where Element == UInt8 {
    /// Appends markup the code itself spells out (tags, attribute names), never user text.
    @inline(__always) mutating func append(_ markup: StaticString) {
        markup.withUTF8Buffer { append(contentsOf: $0) }
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
