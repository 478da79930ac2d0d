import Foundation
import StrategySite
import StrategySiteTestSupport

/// libFuzzer target: any bytes as each kind of content file (a document's front matter,
/// `site.yml`, `themes.yml`, `indicators.yml`), read as a build reads it; each must give a value
/// or a located error, with every message one line (``InputInvariants/dataFileProblems(_:as:)``).
/// Time is bounded by libFuzzer's `-timeout`, which `make fuzz` sets.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Data(bytes: data, count: size)
    let problems = DataFileText.Kind.allCases.flatMap { InputInvariants.dataFileProblems(bytes, as: $0) }
    if !problems.isEmpty {
        FileHandle.standardError.write(Data(("loader invariants broken:\n" + problems.joined(separator: "\n") + "\n").utf8))
        abort()
    }
    return 0
}

/// Built by `make fuzz` (`-sanitize=fuzzer -DFUZZING`), libFuzzer's driver; otherwise the
/// files named are run once each, as libFuzzer runs a corpus, to replay a finding.
@main
struct YAMLFuzzer {
    static func main() {
        #if FUZZING
        exit(FuzzDriver.run(fuzzYAML))
        #else
        FuzzReplay.run(CommandLine.arguments.dropFirst(), fuzzYAML)
        #endif
    }
}
