import Foundation

/// Reads a user's text file the way editors save them: UTF-8, with or without a byte-order
/// mark, with LF or CRLF line ends. Anything else is a located error, never a crash.
enum TextFile {
    static func read(_ url: URL, displayPath: String) throws(Diagnostic) -> String {
        try checkIsAFile(url.path, displayPath: displayPath)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .error("cannot read file: \((error as NSError).localizedDescription)", at: SourceLocation(path: displayPath))
        }
        return try decode(data, displayPath: displayPath)
    }

    /// Refuses, before opening, what is not a regular file: opening a named pipe waits for a
    /// writer forever, `/dev/zero` never ends, and a folder gave "NSCocoaErrorDomain error 256".
    static func checkIsAFile(_ path: String, displayPath: String) throws(Diagnostic) {
        let location = SourceLocation(path: displayPath)
        let name = (displayPath as NSString).lastPathComponent
        let isLink = FileSystemEntry.at(path) == .symlink
        switch FileSystemEntry.following(path) {
        case .regular:
            return
        case .missing:
            throw .error(isLink ? "\(name) is a link to a file that does not exist" : "file not found", at: location)
        case .directory:
            throw .error("\(name) is \(isLink ? "a link to a folder" : "a folder"), not a text file", at: location,
                         hint: "rename or move the folder: only files may be named like this")
        case let kind:
            throw .error("\(name) is \(isLink ? "a link to " : "")\(kind.description), not a text file; it was not read", at: location,
                         hint: "replace it with an ordinary UTF-8 text file")
        }
    }

    static func decode(_ data: Data, displayPath: String) throws(Diagnostic) -> String {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if String(validating: bytes, as: UTF8.self) != nil {
            if bytes.contains(UInt8(ascii: "\r")) {
                var unified: [UInt8] = []
                unified.reserveCapacity(bytes.count)
                for (index, byte) in bytes.enumerated() where byte != UInt8(ascii: "\r") || index + 1 >= bytes.count || bytes[index + 1] != UInt8(ascii: "\n") {
                    unified.append(byte == UInt8(ascii: "\r") ? UInt8(ascii: "\n") : byte)
                }
                bytes = unified
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        if let offset = firstInvalidUTF8Offset(bytes) {
            let before = bytes[..<offset]
            let line = before.filter { $0 == UInt8(ascii: "\n") }.count + 1
            let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
            let column = (String(decoding: bytes[lineStart..<offset], as: UTF8.self).count) + 1
            throw .error("file is not valid UTF-8 (byte offset \(offset), byte 0x\(String(bytes[offset], radix: 16, uppercase: true).leftPadded(to: 2)))",
                         at: SourceLocation(path: displayPath, line: line, column: column),
                         hint: "save the file as UTF-8 in your editor")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The offset of the first byte that does not belong to a valid UTF-8 sequence.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }
}
