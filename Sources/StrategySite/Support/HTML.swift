/// Escaping for the two contexts generated HTML uses: text and attribute values.
public enum HTML {
    /// Escapes `&`, `<`, `>`, `"` and `'`, which is safe in text and in quoted attributes.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Prepares a URL for an `href` or `src`: characters outside cmark's safe set are
    /// percent-encoded and `&` is escaped, as cmark's own renderer does.
    public static func escapeURL(_ url: String) -> String {
        var result = ""
        result.reserveCapacity(url.utf8.count)
        for byte in url.utf8 {
            switch byte {
            case UInt8(ascii: "&"): result += "&amp;"
            case UInt8(ascii: "'"): result += "&#x27;"
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                if Array("-_.+!*(),%#@?=;:/$~".utf8).contains(byte) {
                    result.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
                }
            }
        }
        return result
    }

    /// Whether a link target may appear on a page. Like cmark's safe mode, but stricter:
    /// `data:` is refused outright, not only for non-images.
    public static func isSafeURL(_ url: String) -> Bool {
        let lowered = url.drop(while: { $0 == " " || $0 == "\t" }).lowercased()
        for scheme in ["javascript:", "vbscript:", "file:", "data:"] where lowered.hasPrefix(scheme) {
            return false
        }
        return true
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
