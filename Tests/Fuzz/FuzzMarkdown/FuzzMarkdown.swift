import Foundation
import StrategySiteTestSupport

/// libFuzzer target: any bytes as a document body, through the parse stage; the HTML must
/// hold the page invariants (``InputInvariants/markdownProblems(body:)``). A broken invariant
/// is printed and aborts, which libFuzzer records as a crash with its input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    // The loader refuses text that is not UTF-8 before the parse stage sees it.
    guard let body = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
    let problems = InputInvariants.markdownProblems(body: body)
    if !problems.isEmpty {
        FileHandle.standardError.write(Data(("page invariants broken:\n" + problems.joined(separator: "\n") + "\n").utf8))
        abort()
    }
    return 0
}

/// Built by `make fuzz` (`-sanitize=fuzzer -DFUZZING`), libFuzzer's driver; otherwise the
/// files named are run once each, as libFuzzer runs a corpus, to replay a finding.
@main
struct MarkdownFuzzer {
    static func main() {
        #if FUZZING
        exit(FuzzDriver.run(fuzzMarkdown))
        #else
        FuzzReplay.run(CommandLine.arguments.dropFirst(), fuzzMarkdown)
        #endif
    }
}
