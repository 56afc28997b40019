import FSDReport
import FSDTestSupport
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
    let result = try ProcessRunner.run(executable, arguments)
    return (result.status, result.stdoutData)
  }

  /// Chromium and ffmpeg, or a skip that says tools/test installs them.
  func tools() throws -> (chromium: String, ffmpeg: String) {
    guard let chromium = which("chromium") ?? which("chromium-browser") else {
      throw XCTSkip("chromium is not installed (tools/test installs it)")
    }
    guard let ffmpeg = which("ffmpeg") else { throw XCTSkip("ffmpeg is not installed (tools/test installs it)") }
    return (chromium, ffmpeg)
  }

  /// A fresh folder holding the fixture month's report as report.html (the caller removes it).
  func renderedReport() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fsdlog-chromium-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let store = try ReportTestDatabase.make(at: folder.appendingPathComponent("fixture.sqlite").path)
    try ReportRenderer.html(try ReportBuilder(units: .metric).build(store: store, month: YearMonth(year: 2026, month: 11)))
      .write(to: folder.appendingPathComponent("report.html"), atomically: true, encoding: .utf8)
    return folder
  }

  func testHTMLReportRendersToANonTrivialPNG() throws {
    let (chromium, ffmpeg) = try tools()
    let folder = try renderedReport()
    defer { try? FileManager.default.removeItem(at: folder) }
    let html = folder.appendingPathComponent("report.html")

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

    try assertLooksLikeAPage(png, ffmpeg: ffmpeg, crop: nil)
  }

  /// Decodes the PNG (cropped to `crop` = width:height first, when given) to 8-bit gray at a tenth
  /// of its size and looks at it: a rendered report has ink (text, charts, cards) over a good part
  /// of the page, and many gray levels, not one flat colour.
  func assertLooksLikeAPage(_ png: URL, ffmpeg: String, crop: (width: Int, height: Int)?,
                            file: StaticString = #filePath, line: UInt = #line) throws {
    let (width, height) = crop ?? (1100, 2400)
    let filter = (crop.map { "crop=\($0.width):\($0.height):0:0," } ?? "") + "scale=\(width / 10):\(height / 10),format=gray"
    let gray = try run(ffmpeg, ["-v", "error", "-i", png.path, "-vf", filter, "-f", "rawvideo", "-"])
    XCTAssertEqual(gray.status, 0, file: file, line: line)
    XCTAssertEqual(gray.output.count, (width / 10) * (height / 10), file: file, line: line)
    let inked = gray.output.filter { $0 < 235 }.count
    XCTAssertGreaterThan(Double(inked) / Double(gray.output.count), 0.05, "mostly blank", file: file, line: line)
    XCTAssertLessThan(Double(inked) / Double(gray.output.count), 0.8, "mostly dark: not a page", file: file, line: line)
    XCTAssertGreaterThan(Set(gray.output).count, 40, "gray levels: text and charts, not a flat fill", file: file, line: line)
  }

  /// The report reads on a phone (400 px) and a desktop (1200 px): nothing is wider than the page
  /// (wide tables and charts scroll inside their own boxes), and the page has ink at both sizes.
  /// Headless Chromium will not make a window narrower than 500 px, so the report is measured
  /// inside an iframe of the width wanted: its media queries see the iframe's width.
  func testHTMLReportFitsAPhoneAndADesktopWithoutSidewaysScrolling() throws {
    let (chromium, ffmpeg) = try tools()
    let folder = try renderedReport()
    defer { try? FileManager.default.removeItem(at: folder) }

    for width in [400, 1200] {
      let height = 2400
      let harness = folder.appendingPathComponent("at-\(width).html")
      try """
        <!DOCTYPE html><html><body style="margin:0">
        <iframe id="report" src="report.html" style="width:\(width)px;height:\(height)px;border:0"></iframe>
        <script>
        window.addEventListener('load', function () {
          var page = document.getElementById('report').contentDocument.documentElement;
          document.body.setAttribute('data-fit', page.scrollWidth + ' ' + page.clientWidth);
        });
        </script></body></html>
        """.write(to: harness, atomically: true, encoding: .utf8)
      let options = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--allow-file-access-from-files",
                     "--user-data-dir=\(folder.path)/profile", "--window-size=\(width + 100),\(height)"]
      let dom = try run(chromium, options + ["--dump-dom", harness.absoluteString])
      XCTAssertEqual(dom.status, 0)
      let text = String(decoding: dom.output, as: UTF8.self)
      let fit = try XCTUnwrap(text.range(of: #"data-fit="(\d+) (\d+)""#, options: .regularExpression).map { text[$0] },
                              "the page measured itself at \(width) px")
      let numbers = fit.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
      XCTAssertEqual(numbers.count, 2)
      XCTAssertEqual(numbers.last, width, "the report's viewport is the iframe's width")
      XCTAssertLessThanOrEqual(numbers.first ?? .max, width, "at \(width) px the page scrolls sideways: \(fit)")

      let png = folder.appendingPathComponent("at-\(width).png")
      XCTAssertEqual(try run(chromium, options + ["--screenshot=\(png.path)", harness.absoluteString]).status, 0)
      try assertLooksLikeAPage(png, ffmpeg: ffmpeg, crop: (width, height))
    }
  }
}
