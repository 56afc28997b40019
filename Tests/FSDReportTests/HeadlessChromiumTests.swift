import FSDReport
import FSDStore
import Foundation
import XCTest

/// The HTML report renders in a real browser: headless Chromium screenshots the fixture's report,
/// and the PNG must be a real picture of a page (size, dimensions, ink on most of it).
/// tools/test installs chromium and ffmpeg; without them the test is skipped, saying why.
final class HeadlessChromiumTests: XCTestCase {
  func which(_ tool: String) -> String? {
    ["/usr/bin/\(tool)", "/usr/local/bin/\(tool)", "/snap/bin/\(tool)"].first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: Data) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, data)
  }

  func testHTMLReportRendersToANonTrivialPNG() throws {
    guard let chromium = which("chromium") ?? which("chromium-browser") else {
      throw XCTSkip("chromium is not installed (tools/test installs it)")
    }
    guard let ffmpeg = which("ffmpeg") else { throw XCTSkip("ffmpeg is not installed (tools/test installs it)") }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fsdlog-chromium-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try ReportTestDatabase.make(at: folder.appendingPathComponent("fixture.sqlite").path)
    let html = folder.appendingPathComponent("report.html")
    try ReportRenderer.html(try ReportBuilder(units: .metric).build(store: store, month: YearMonth(year: 2026, month: 11)))
      .write(to: html, atomically: true, encoding: .utf8)

    let png = folder.appendingPathComponent("report.png")
    let result = try run(chromium, [
      "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(folder.path)/profile",
      "--screenshot=\(png.path)", "--window-size=1100,2400", html.absoluteString,
    ])
    XCTAssertEqual(result.status, 0)
    let data = try Data(contentsOf: png)
    XCTAssertEqual(Array(data.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG signature")
    // IHDR: width and height, big-endian, at bytes 16…23.
    func be32(_ offset: Int) -> Int { data[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
    XCTAssertEqual(be32(16), 1100)
    XCTAssertEqual(be32(20), 2400)
    XCTAssertGreaterThan(data.count, 50_000, "a page of text and charts, not a blank screen")

    // Decode to 8-bit gray at 110x240 and look at it: a rendered report has ink (text, charts,
    // cards) over a good part of the page, and many gray levels, not one flat colour.
    let gray = try run(ffmpeg, ["-v", "error", "-i", png.path, "-vf", "scale=110:240,format=gray", "-f", "rawvideo", "-"])
    XCTAssertEqual(gray.status, 0)
    XCTAssertEqual(gray.output.count, 110 * 240)
    let inked = gray.output.filter { $0 < 235 }.count
    XCTAssertGreaterThan(Double(inked) / Double(gray.output.count), 0.05, "mostly blank")
    XCTAssertLessThan(Double(inked) / Double(gray.output.count), 0.8, "mostly dark: not a page")
    XCTAssertGreaterThan(Set(gray.output).count, 40, "gray levels: text and charts, not a flat fill")
  }
}
