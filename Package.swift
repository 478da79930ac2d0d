// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "StrategySite",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "strategy-site", targets: ["strategy-site"]),
        .library(name: "StrategySite", targets: ["StrategySite"]),
    ],
    dependencies: [
        // Command-line parsing, help and usage errors (exit code 64 -> we map to 2).
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // YAML front matter and data files, with line and column marks for diagnostics.
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // Tests only: a second Mustache engine the project's own renderer is compared with.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        // `build --zip`: one archive of the site for offline readers.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        // The `serve` preview's sockets: FlyingSocks, the non-blocking socket layer of FlyingFox
        // (epoll/kqueue, async reads and writes, errno in its errors), without FlyingFox's HTTP
        // server, which folds repeated headers together and has no deadline for a request head.
        // It compiles in seconds, so `make site` builds the preview with strategy-site.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
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
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "StrategySitePreview",
            dependencies: [
                "StrategySite",
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "strategy-site",
            dependencies: [
                "StrategySite",
                "StrategySitePreview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `make bench`: one-document rebuild latency of SitePipeline as serve keeps it (bench/run.py).
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
        // Fuzz targets (Tests/Fuzz): libFuzzer entry points when `make fuzz` builds them with
        // -sanitize=fuzzer into .build-fuzz; otherwise they run the files they are given once.
        .executableTarget(
            name: "fuzz-markdown",
            dependencies: ["StrategySiteTestSupport"],
            path: "Tests/Fuzz/FuzzMarkdown"
        ),
        .executableTarget(
            name: "fuzz-yaml",
            dependencies: ["StrategySite", "StrategySiteTestSupport"],
            path: "Tests/Fuzz/FuzzYAML"
        ),
        .testTarget(
            name: "StrategySiteTests",
            dependencies: [
                "StrategySite",
                "StrategySiteTestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .testTarget(
            name: "StrategySitePreviewTests",
            dependencies: ["StrategySite", "StrategySitePreview", "StrategySiteTestSupport"]
        ),
    ]
)
