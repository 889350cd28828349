// swift-tools-version:6.0
// The package reads like the pipeline: load/parse (VIOSSource) → validate
// (VIOSChecks) → render/write (VIOSSite) → serve (VIOSServe), over value
// types in VIOSCore, with a thin `vios` executable on top.
import PackageDescription

let package = Package(
    name: "vios",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "vios", targets: ["vios"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CCMarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // The executable's allocator (see Sources/vios/Allocator.swift).
        .systemLibrary(name: "CMimalloc", providers: [.apt(["libmimalloc-dev"])]),
        .target(name: "VIOSCore"),
        .target(
            name: "VIOSSource",
            dependencies: ["VIOSCore", "CCMarkGFM", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Structures")]
        ),
        .target(name: "VIOSChecks", dependencies: ["VIOSCore", "VIOSSource"]),
        .target(
            name: "VIOSSite",
            dependencies: ["VIOSCore", "VIOSSource", "VIOSChecks",
                           .product(name: "Mustache", package: "swift-mustache")]
        ),
        .target(name: "VIOSServe", dependencies: ["VIOSCore", "VIOSSource", "VIOSSite"]),
        .executableTarget(
            name: "vios",
            dependencies: ["VIOSCore", "VIOSSource", "VIOSChecks", "VIOSSite", "VIOSServe", "CMimalloc",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "VIOSCoreTests", dependencies: ["VIOSCore"]),
        .testTarget(name: "VIOSSourceTests", dependencies: ["VIOSSource"]),
        .testTarget(name: "VIOSChecksTests", dependencies: ["VIOSChecks", "VIOSSource"]),
        .testTarget(name: "VIOSFuzzTests", dependencies: ["VIOSChecks", "VIOSSource"]),
        .testTarget(name: "VIOSSiteTests", dependencies: ["VIOSSite", "VIOSChecks", "VIOSSource"]),
        .testTarget(name: "VIOSServeTests", dependencies: ["VIOSServe"]),
        .testTarget(name: "viosTests", dependencies: ["vios"]),
    ],
    swiftLanguageModes: [.v6]
)
