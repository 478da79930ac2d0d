/// Text for search and excerpts: one line, single spaces, on UTF-8 bytes.
enum SearchText {
    /// `bytes` with every run of whitespace (ASCII, no-break and the other Unicode spaces)
    /// collapsed to one space, and none at either end.
    static func oneLine(_ bytes: [UInt8]) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var pendingSpace = false
        var index = 0
        while index < bytes.count {
            let width = spaceWidth(bytes, at: index)
            if width > 0 {
                pendingSpace = !result.isEmpty
                index += width
                continue
            }
            if pendingSpace { result.append(UInt8(ascii: " ")) }
            pendingSpace = false
            result.append(bytes[index])
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Bytes of the whitespace character at `index`, or 0.
    static func spaceWidth(_ bytes: [UInt8], at index: Int) -> Int {
        let byte = bytes[index]
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: return 1
        case 0xC2 where index + 1 < bytes.count && (bytes[index + 1] == 0xA0 || bytes[index + 1] == 0x85): return 2
        case 0xE1 where index + 2 < bytes.count && bytes[index + 1] == 0x9A && bytes[index + 2] == 0x80: return 3 // U+1680
        case 0xE2 where index + 2 < bytes.count:
            let (second, third) = (bytes[index + 1], bytes[index + 2])
            if second == 0x80, (0x80...0x8A).contains(third) || third == 0xA8 || third == 0xA9 || third == 0xAF { return 3 } // U+2000–200A, 2028, 2029, 202F
            if second == 0x81, third == 0x9F { return 3 } // U+205F
            return 0
        case 0xE3 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x80: return 3 // U+3000
        default: return 0
        }
    }

    /// The first `limit` words of one-line text, cut at a word boundary.
    static func excerpt(_ text: String, words limit: Int = 30) -> String {
        var spaces = 0
        for index in text.utf8.indices where text.utf8[index] == UInt8(ascii: " ") {
            spaces += 1
            if spaces == limit { return String(text[..<index]) + " …" }
        }
        return text
    }
}
