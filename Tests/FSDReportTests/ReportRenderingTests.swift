import FSDReport
import FSDStore
import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The report of a fixed database: the Markdown against a golden file, the HTML parsed as XML.
final class ReportRenderingTests: XCTestCase {
  static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Golden/report-2026-11.md")

  var folder: URL!
  var store: Store!

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("fsdlog-report-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    store = try ReportTestDatabase.make(at: folder.appendingPathComponent("fixture.sqlite").path)
  }

  override func tearDownWithError() throws {
    store = nil
    try? FileManager.default.removeItem(at: folder)
  }

  func report(_ month: String = "2026-11", units: DistanceUnits = .metric) throws -> MonthlyReport {
    try ReportBuilder(units: units).build(store: store, month: XCTUnwrap(YearMonth(month)))
  }

  /// FSDLOG_UPDATE_GOLDEN=1 rewrites the golden file after a deliberate change; read the diff.
  func testMarkdownMatchesGoldenFile() throws {
    let markdown = ReportRenderer.markdown(try report())
    if ProcessInfo.processInfo.environment["FSDLOG_UPDATE_GOLDEN"] == "1" {
      try markdown.write(to: Self.golden, atomically: true, encoding: .utf8)
    }
    let expected = try String(contentsOf: Self.golden, encoding: .utf8)
    if markdown != expected {
      let actual = folder.appendingPathComponent("actual.md")
      try markdown.write(to: actual, atomically: true, encoding: .utf8)
      XCTFail("Markdown differs from \(Self.golden.path): diff it against \(actual.path)")
    }
  }

  func testReportFiguresForTheFixtureMonth() throws {
    let figures = try report().figures
    // November: 85.3 + 40.0 km of FSD in 1.05 + 0.45 h; phantom: event 4 (the untagged event 9 is not).
    XCTAssertEqual(figures.fsdDistance, 125.3, accuracy: 1e-9)
    XCTAssertEqual(figures.totals.phantom, 1)
    XCTAssertEqual(figures.totals.justified, 1, "the justified disengagement is the driver's, not an FSD maneuver")
    XCTAssertEqual(figures.totals.unsure, 1)
    XCTAssertEqual(figures.totals.untagged, 1)
    XCTAssertEqual(figures.totals.eventsByVerdict[.untagged], 3, "override, untagged-again brake, vision brake")
    XCTAssertEqual(try XCTUnwrap(figures.phantomPer1000).value, 1000 / 125.3, accuracy: 1e-9)
    XCTAssertEqual(figures.totals.criticalInterventions, 1)
    XCTAssertEqual(figures.totals.drives, 3)
    XCTAssertEqual(figures.totals.drivesWithTelemetry, 2)
    XCTAssertTrue(figures.isThin)
  }

  func testHistoryVersionsAndTopEvents() throws {
    let report = try report()
    XCTAssertEqual(report.history.map(\.name), ["2026-09", "2026-10", "2026-11"])
    XCTAssertEqual(report.versions.map(\.name), [VersionTimeline.unknown, "12.5.6", "13.2.1"])
    XCTAssertEqual(report.versions.map { $0.figures.totals.drives }, [1, 3, 2])
    XCTAssertEqual(report.events.count, 7, "every event of the month, untagged ones included")
    XCTAssertEqual(report.topEvents.first?.event.event.id, 4, "the phantom brake leads")
    let trace = try XCTUnwrap(report.topEvents.first?.trace)
    XCTAssertEqual(trace.tS.count, 161, "±8 s at 10 Hz")
    XCTAssertEqual(trace.accelSource, "d(speed)/dt")
    XCTAssertEqual(try XCTUnwrap(trace.longAccelMPS2[80]), -3.04, accuracy: 0.01)
    if case .unavailable(let reason) = report.topEvents[0].thumbnail {
      XCTAssertTrue(reason.contains("thumb.png"))
    } else {
      XCTFail("the fixture has no thumbnails")
    }
  }

  func testAMonthWithoutDataNamesTheMonthsThatHaveSome() throws {
    XCTAssertThrowsError(try report("2026-12")) { error in
      XCTAssertEqual(error as? ReportError, .noData(month: "2026-12", available: ["2026-09", "2026-10", "2026-11"]))
      XCTAssertTrue("\(error)".contains("--month 2026-11"))
    }
  }

  func testAPastMonthIgnoresLaterData() throws {
    let october = try report("2026-10")
    XCTAssertEqual(october.history.map(\.name), ["2026-09", "2026-10"])
    XCTAssertEqual(october.versions.map(\.name), [VersionTimeline.unknown, "12.5.6"])
  }

  func testImperialReport() throws {
    let markdown = ReportRenderer.markdown(try report(units: .imperial))
    XCTAssertTrue(markdown.contains("Phantom events per 1,000 FSD mi"))
    XCTAssertTrue(markdown.contains("77.9 mi"), "125.3 km of FSD")
    XCTAssertTrue(markdown.contains("mph"))
  }

  func testHTMLIsWellFormedXMLWithChartsAndNoEmptySections() throws {
    let html = ReportRenderer.html(try report())
    let data = Data(html.utf8)
    let parser = XMLParser(data: Data(html.replacingOccurrences(of: "<!DOCTYPE html>", with: "").utf8))
    XCTAssertTrue(parser.parse(), "not well-formed at line \(parser.lineNumber): \(String(describing: parser.parserError))")
    XCTAssertGreaterThan(data.count, 5000)
    XCTAssertEqual(html.components(separatedBy: "<svg ").count - 1, 3, "rate trend, share trend, and the one trace")
    XCTAssertTrue(html.contains("bridge | shadow, again"))
    XCTAssertTrue(html.contains("Thin data"))
    XCTAssertTrue(html.contains("Some distance unknown"))
    XCTAssertFalse(html.contains("{{"), "an unrendered Mustache tag")
  }
}
