extension String {
    /// The text with each `%XX` escape decoded and every other `%` left as written, which is
    /// how a browser reads a URL's fragment before it looks for the id. Foundation's
    /// `removingPercentEncoding` gives nil for the whole string at one stray `%` (`#50%-off`),
    /// and a fragment link is then checked against an id no browser would look for. The page
    /// invariants of the tests read fragments with it too.
    public var percentDecodedLeniently: String {
        guard contains("%") else { return self }
        let utf8 = Array(utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "%"), index + 2 < utf8.count,
               let high = utf8[index + 1].hexDigitValue, let low = utf8[index + 2].hexDigitValue {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

private extension UInt8 {
    var hexDigitValue: UInt8? {
        switch self {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return self - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return self - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return self - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
