import Foundation

/// Runs a fuzz target's entry point once on each file named, or on each file in each folder
/// named: what a fuzz target's executable does when it is built without libFuzzer, so a
/// corpus can be checked with a plain `swift build`.
public enum FuzzReplay {
    public static func run(_ arguments: ArraySlice<String>, _ target: (UnsafePointer<UInt8>?, Int) -> CInt) {
        var files: [String] = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.subpathsOfDirectory(atPath: argument)) ?? []
                files += names.sorted().map { argument + "/" + $0 }.filter { path in
                    var folder: ObjCBool = false
                    return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && !folder.boolValue
                }
            } else {
                files.append(argument)
            }
        }
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            _ = data.withUnsafeBytes { target($0.bindMemory(to: UInt8.self).baseAddress, data.count) }
        }
        print("ran \(files.count) inputs")
    }
}

#if FUZZING
/// libFuzzer's driver, in the runtime `-sanitize=fuzzer` links. SwiftPM names an executable's
/// entry point itself, so a fuzz target keeps its own `main` and hands over to the driver
/// rather than using libFuzzer's `main`.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                                 _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

public enum FuzzDriver {
    public static func run(_ target: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        return LLVMFuzzerRunDriver(&argc, &argv, target)
    }
}
#endif
