// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "StrategySite",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "strategy-site", targets: ["strategy-site"]),
        // `strategy-site serve` runs this one; kept apart so `make site` never compiles Hummingbird.
        .executable(name: "strategy-site-preview", targets: ["strategy-site-preview"]),
        .library(name: "StrategySite", targets: ["StrategySite"]),
    ],
    dependencies: [
        // Command-line parsing, help and usage errors (exit code 64 -> we map to 2).
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // YAML front matter and data files, with line and column marks for diagnostics.
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // Page templates editors can change without recompiling.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        // `build --zip`: one archive of the site for offline readers.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        // The `serve` preview server (StrategySitePreview and strategy-site-preview only).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        // The preview's request-head check sits in the NIO pipeline before Hummingbird's
        // conversion to HTTPRequest (StrategySitePreview only; both come with Hummingbird).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.24.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .target(
            name: "StrategySite",
            dependencies: [
                "CCmark",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "StrategySitePreview",
            dependencies: [
                "StrategySite",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
            ]
        ),
        // The options `strategy-site` and `strategy-site-preview` share, so `serve` means the same in both.
        .target(
            name: "StrategySiteCommandLine",
            dependencies: [
                "StrategySite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "strategy-site",
            dependencies: [
                "StrategySite",
                "StrategySiteCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The preview server's executable: Hummingbird and SwiftNIO are linked here only.
        .executableTarget(
            name: "strategy-site-preview",
            dependencies: [
                "StrategySite",
                "StrategySitePreview",
                "StrategySiteCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `make bench`: one-document rebuild latency of IncrementalBuilder (bench/run.py).
        .executableTarget(
            name: "strategy-site-bench",
            dependencies: ["StrategySite"]
        ),
        // What both test targets share: the repository's paths and sites in temporary folders.
        .target(
            name: "StrategySiteTestSupport",
            dependencies: ["StrategySite"],
            path: "Tests/StrategySiteTestSupport"
        ),
        .testTarget(
            name: "StrategySiteTests",
            dependencies: ["StrategySite", "StrategySiteTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(
            name: "StrategySitePreviewTests",
            dependencies: ["StrategySite", "StrategySitePreview", "StrategySiteTestSupport"]
        ),
    ]
)
