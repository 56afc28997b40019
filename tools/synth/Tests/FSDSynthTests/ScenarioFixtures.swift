import FSDSynth

/// Small scenarios shared by the tests (short, low frame counts where the test allows).
enum Fixtures {
  static func cruise(seconds: Double = 20, kmh: Double = 100, seed: UInt64 = 7) -> Scenario {
    Scenario(name: "cruise", durationS: seconds, seed: seed, initialSpeedKmh: kmh)
  }

  /// A phantom brake of 0.4 g at 10 s in a 30 s drive at 100 km/h.
  static func phantomBrake(peakG: Double = 0.4) -> Scenario {
    var s = cruise(seconds: 30)
    s.name = "phantom-brake"
    s.events = [.fsdBrake(.init(atS: 10, peakG: peakG, durationS: 1.8))]
    return s
  }

  static func swerve(offsetM: Double = 1.2) -> Scenario {
    var s = cruise(seconds: 25, kmh: 90)
    s.name = "swerve"
    s.road = RoadLayout(lanes: 3, egoLane: 2)
    s.events = [
      .swerve(
        .init(
          atS: 8, lateralOffsetM: offsetM, durationS: 2.4, verdict: .justified,
          obstacle: Obstacle(kind: .cutIn, side: .right)))
    ]
    return s
  }
}
