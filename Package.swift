// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "fsdlog",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "fsdlog", targets: ["fsdlog"]),
    .library(name: "FSDCLI", targets: ["FSDCLI"]),
    // For the developer tools' package (tools/Package.swift: the synthetic generator, the kernel
    // benchmark and the tests that check the product against the generator), which builds on
    // these and is kept out of this package so that building and testing fsdlog does not compile it.
    .library(name: "FSDDomain", targets: ["FSDDomain"]),
    .library(name: "FSDMotion", targets: ["FSDMotion"]),
    .library(name: "FSDMedia", targets: ["FSDMedia"]),
    .library(name: "FSDTelemetry", targets: ["FSDTelemetry"]),
    .library(name: "FSDDetection", targets: ["FSDDetection"]),
    .library(name: "FSDTestSupport", targets: ["FSDTestSupport"]),
  ],
  dependencies: [
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
  ],
  targets: [
    // FFmpeg through pkg-config; only FSDMedia may import it.
    .systemLibrary(
      name: "CFFmpeg",
      path: "Sources/CFFmpeg",
      pkgConfig: "libavformat",
      providers: [.apt(["libavformat-dev", "libavcodec-dev", "libavutil-dev", "libswscale-dev"])]
    ),
    // The kernels are optimised even in debug builds: unoptimised SIMD code is ~100x slower, which
    // would make the end-to-end tests (they decode real clips) take minutes instead of seconds.
    // The domain's values (event kind, initiator, source, severity, verdict, assistance state,
    // analysis mode), spelled once and used by every layer; it imports nothing.
    .target(name: "FSDDomain"),
    .target(name: "FSDMotion", swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
    .target(name: "FSDMedia", dependencies: ["CFFmpeg", "FSDMotion"]),
    .target(name: "FSDDiscovery", dependencies: ["FSDDomain"]),
    // SEI records and CSV telemetry. The protobuf Swift is generated once by tools/gen-proto and
    // committed (building protoc's Swift plugin takes minutes).
    .target(
      name: "FSDTelemetry",
      dependencies: ["FSDDomain", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
      exclude: ["Protos"]),
    .target(name: "FSDDetection", dependencies: ["FSDDomain", "FSDTelemetry"]),
    .target(name: "FSDStore", dependencies: ["FSDDomain", "FSDMotion", .product(name: "GRDB", package: "GRDB.swift")]),
    .target(name: "FSDReview", dependencies: ["FSDDomain", "FSDStore", "FSDMedia"]),
    // The monthly report and trust statistics: pure, no FFmpeg (a frame thumbnail comes in through
    // a closure, made by the CLI).
    .target(name: "FSDReport", dependencies: ["FSDDomain", "FSDStore", .product(name: "Mustache", package: "swift-mustache")]),
    .target(
      name: "FSDIngest",
      dependencies: ["FSDDomain", "FSDMedia", "FSDMotion", "FSDDiscovery", "FSDStore", "FSDTelemetry", "FSDDetection"]),
    .target(
      name: "FSDCLI",
      dependencies: [
        "FSDDomain", "FSDIngest", "FSDStore", "FSDDiscovery", "FSDDetection", "FSDReview", "FSDReport", "FSDMedia",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(name: "fsdlog", dependencies: ["FSDCLI"]),

    // What the test targets share: the seeded generator, temporary folders, the test tiers, the
    // runner for executables (fsdlog, ffmpeg, sqlite3 ...).
    .target(name: "FSDTestSupport", path: "Tests/Support"),
    .testTarget(name: "FSDMotionTests", dependencies: ["FSDMotion"]),
    .testTarget(name: "FSDMediaTests", dependencies: ["FSDMedia", "FSDMotion", "FSDTestSupport"]),
    .testTarget(name: "FSDDiscoveryTests", dependencies: ["FSDDiscovery"]),
    .testTarget(name: "FSDStoreTests", dependencies: ["FSDStore", "FSDTestSupport"]),
    .testTarget(name: "FSDReviewTests", dependencies: ["FSDReview", "FSDStore", "FSDMedia", "FSDTestSupport"]),
    .testTarget(name: "FSDIngestTests", dependencies: ["FSDIngest", "FSDStore", "FSDDiscovery", "FSDTestSupport"]),
    .testTarget(name: "FSDReportTests", dependencies: ["FSDReport", "FSDStore", "FSDTestSupport"], exclude: ["Golden"]),
    .testTarget(name: "FSDCLITests", dependencies: ["FSDCLI", "FSDTestSupport"], exclude: ["Golden"]),
    .testTarget(name: "FSDTelemetryTests", dependencies: ["FSDTelemetry", "FSDTestSupport"]),
    .testTarget(name: "FSDDetectionTests", dependencies: ["FSDDetection", "FSDTelemetry", "FSDTestSupport"]),
  ]
)
