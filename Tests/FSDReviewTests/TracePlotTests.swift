import FSDDomain
@testable import FSDReview
import FSDStore
import XCTest

/// The card's text plot from a hand-made window: a brake from 90 to 50 km/h over 2 s at the peak.
final class TracePlotTests: XCTestCase {
  func brakeWindow() -> TelemetryWindow {
    let samples = stride(from: -5.0, through: 5.0, by: 0.1).map { t -> TelemetryWindow.Sample in
      var sample = TelemetryWindow.Sample(tS: t)
      let speedKmh = t < -1 ? 90 : t > 1 ? 50 : 70 - 20 * t
      sample.speedMPS = speedKmh / 3.6
      sample.accelLongMPS2 = abs(t) <= 1 ? -(40 / 3.6) / 2 : 0
      sample.brakePressed = t > 0.55 && t < 1.95
      sample.autopilot = t < 0.6 ? .selfDriving : AutopilotMode.none
      return sample
    }
    return TelemetryWindow(samples: samples, source: "sei")
  }

  func testBrakeShowsTheDropTheDecelerationAndTheTakeover() throws {
    let lines = TracePlot.render(brakeWindow(), width: 50, style: TerminalStyle(usesColor: false))
    XCTAssertEqual(lines.count, 7, lines.joined(separator: "\n"))
    XCTAssertTrue(lines[0].contains("km/h") && lines[0].contains("90"), lines[0])
    let decelTop = try XCTUnwrap(lines.first { $0.hasPrefix("decel g") })
    XCTAssertTrue(decelTop.contains("0.57"), "peak 11.1 m/s² = 0.57 g: \(decelTop)")
    // Deceleration bars sit in the middle columns (±1 s of the peak), nowhere else.
    let bars = Array(decelTop.split(separator: "│")[1])
    XCTAssertEqual(bars[25], "█")
    XCTAssertEqual(bars[5], " ")
    let fsd = try XCTUnwrap(lines.first { $0.hasPrefix("FSD") })
    XCTAssertTrue(fsd.contains("━") && fsd.contains("·"), "engaged, then off: \(fsd)")
    let brake = try XCTUnwrap(lines.first { $0.hasPrefix("brake pedal") })
    XCTAssertEqual(brake.filter { $0 == "█" }.count, 7, brake)
    XCTAssertTrue(lines.last!.contains("▲ peak"))
  }

  func testSpeedsInMilesPerHourAndAWiderPlot() throws {
    let lines = TracePlot.render(brakeWindow(), width: 100, speed: .mph, style: TerminalStyle(usesColor: false))
    XCTAssertTrue(lines[0].hasPrefix("mph") && lines[0].contains("56"), "90 km/h is 56 mph: \(lines[0])")
    let decel = try XCTUnwrap(lines.first { $0.hasPrefix("decel g") })
    XCTAssertEqual(decel.split(separator: "│")[1].count, 100, "100 columns of data")
    // 10 Hz samples in 0.1 s columns: some columns fall between two samples, and must not show
    // as a comb of gaps in the speed bars.
    let speedBottom = String(lines[1].split(separator: "│")[1])
    XCTAssertFalse(speedBottom.contains(" ") || speedBottom.contains("·"), "no holes: \(speedBottom)")
    XCTAssertEqual(lines.last?.count, TracePlot.labelWidth + 1 + 100, "the time axis spans the plot")
  }

  /// The review card's plot takes a wide terminal's width; the speed line follows --units.
  func testReviewCardPlotFollowsTheTerminalWidthAndUnits() throws {
    let event = EventRecord(kind: .brake, onsetUtc: "2026-11-01T10:00:00.000Z", peakUtc: "2026-11-01T10:00:01.000Z",
                            endUtc: "2026-11-01T10:00:02.000Z", initiator: .fsd, source: .telemetry, confidence: 1,
                            detectedAt: "2026-11-04T00:00:00.000Z")
    var withSpeeds = event
    withSpeeds.speedBeforeMps = 25
    withSpeeds.speedAfterMps = 20
    let details = EventDetails(event: withSpeeds, clip: nil, folder: nil, window: brakeWindow(), localTime: nil)
    let wide = ReviewCard.lines(details, state: .untagged, style: TerminalStyle(usesColor: false), speed: .mph, plotWidth: 100)
    XCTAssertTrue(wide.contains { $0.contains("speed") && $0.contains("56 → 45 mph") }, wide.joined(separator: "\n"))
    let axis = try XCTUnwrap(wide.last)
    XCTAssertEqual(axis.count, 2 + TracePlot.labelWidth + 1 + 100, axis)
    let narrow = ReviewCard.lines(details, state: .untagged, style: TerminalStyle(usesColor: false))
    XCTAssertEqual(try XCTUnwrap(narrow.last).count, 2 + TracePlot.labelWidth + 1 + 50)
  }

  func testSwerveWithoutLateralAccelerationPlotsTheSteeringWheel() {
    var window = brakeWindow()
    for index in window.samples.indices { window.samples[index].steeringDeg = abs(window.samples[index].tS) < 1 ? -30 : 0 }
    let lines = TracePlot.render(window, kind: .swerve, style: TerminalStyle(usesColor: false))
    XCTAssertTrue(lines.contains { $0.hasPrefix("steer °") && $0.contains("30") }, lines.joined(separator: "\n"))
  }

  func testNoTelemetryDrawsNothing() {
    XCTAssertEqual(TracePlot.render(.empty, style: TerminalStyle(usesColor: false)), [])
  }

  func testDriverActionsInWords() {
    XCTAssertEqual(brakeWindow().driverActions(), "brake pedal at +0.6 s")
    var window = brakeWindow()
    for index in window.samples.indices { window.samples[index].brakePressed = false }
    XCTAssertEqual(window.driverActions(), "no pedal or steering input")
  }

  func testAWideNumberLosesItsDecimalsNotItsDigits() {
    let label = TracePlot.labelled("nose dip", 117.4, "%.1f")
    XCTAssertTrue(label.contains("117"), label)
    XCTAssertFalse(label.contains("117."), label)
    XCTAssertLessThanOrEqual(label.count, TracePlot.labelWidth, label)
    XCTAssertTrue(TracePlot.labelled("nose dip", 1.4, "%.1f").contains("1.4"))
  }
}
