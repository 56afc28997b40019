// swift-tools-version: 6.0
import PackageDescription

// The developer tools, a package of their own (as swift-nio keeps its Benchmarks) so that building
// and testing fsdlog (the package one folder up) does not compile them:
//   fsdlog-synth          the synthetic TeslaCam generator (synth/, its README says how to use it)
//   fsdlog-bench-kernels  each SIMD kernel against its scalar twin, for tools/bench (BenchKernels/)
// and their tests, with the tests that check fsdlog against the generator (detection against the
// simulator's ground truth, the CSV reader on every CSV the generator writes). tools/test runs
// them after fsdlog's own. From the repository root, `swift build --package-path tools
// --scratch-path .build-tools` builds it (what the tools/ scripts do, TOOLS_PACKAGE in
// tools/lib/deps.sh). Not in fsdlog's own .build: the two packages' build descriptions would
// overwrite each other there, and fsdlog's next build could miss an edited file.
let package = Package(
  name: "fsdlog-tools",
  platforms: [.macOS(.v14)],
  dependencies: [
    // fsdlog's libraries, as its Package.swift exposes them.
    .package(name: "fsdlog", path: ".."),
    // The same requirement as fsdlog's Package.swift.
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
  ],
  targets: [
    // The generator's model: scenario, kinematics, renderer and ground truth (Foundation only).
    // Optimised even in debug builds: rendering unoptimised makes the tests take minutes.
    .target(
      name: "FSDSynth", path: "synth/Sources/FSDSynth",
      swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
    // The generator tool: encodes, writes SEI telemetry and CSVs, lays out the TeslaCam tree.
    .executableTarget(
      name: "fsdlog-synth",
      dependencies: [
        "FSDSynth", .product(name: "FSDMedia", package: "fsdlog"), .product(name: "FSDTelemetry", package: "fsdlog"),
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "synth/Sources/fsdlog-synth"),
    // Kernel micro-benchmark for tools/bench: each SIMD kernel against its scalar twin.
    .executableTarget(
      name: "fsdlog-bench-kernels",
      dependencies: [.product(name: "FSDMotion", package: "fsdlog"), .product(name: "FSDMedia", package: "fsdlog")],
      path: "BenchKernels"),

    // Scenario, kinematics, ground truth and renderer.
    .testTarget(name: "FSDSynthTests", dependencies: ["FSDSynth"], path: "synth/Tests/FSDSynthTests"),
    // The fsdlog-synth executable end to end (it is built next to the test bundle).
    .testTarget(
      name: "SynthToolTests",
      dependencies: ["FSDSynth", .product(name: "FSDTestSupport", package: "fsdlog")],
      path: "synth/Tests/SynthToolTests"),
    // fsdlog's detection and CSV reader against the generator: the simulator's ground truth on
    // varied seeded drives, axis calibration in every IMU convention, the generator's copy of the
    // detection thresholds, and every CSV dialect fsdlog-synth writes.
    .testTarget(
      name: "GeneratorAgreementTests",
      dependencies: [
        "FSDSynth", .product(name: "FSDDomain", package: "fsdlog"), .product(name: "FSDDetection", package: "fsdlog"),
        .product(name: "FSDTelemetry", package: "fsdlog"),
        .product(name: "FSDTestSupport", package: "fsdlog"),
      ],
      path: "synth/Tests/GeneratorAgreementTests"),
  ]
)
