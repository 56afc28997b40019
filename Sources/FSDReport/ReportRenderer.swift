import Foundation
import Mustache

/// Renders a `MonthlyReport` as Markdown and as one self-contained HTML page (styles, SVG charts
/// and thumbnails inline: it can be mailed, printed or opened years later without fsdlog).
public enum ReportRenderer {
  /// Parsed once: the templates are constants, so a parse error is a programming error caught by
  /// every test that renders.
  static let library: MustacheLibrary = {
    do {
      var library = MustacheLibrary()
      try library.register(MarkdownTemplate.text, named: "markdown")
      try library.register(HTMLTemplate.page, named: "html")
      try library.register(HTMLTemplate.chart, named: "chart")
      return library
    } catch {
      fatalError("report template does not parse: \(error)")
    }
  }()

  public static func markdown(_ report: MonthlyReport) -> String {
    tidy(library.render(ReportView(report), withTemplate: "markdown") ?? "")
  }

  public static func html(_ report: MonthlyReport) -> String {
    library.render(ReportView(report), withTemplate: "html") ?? ""
  }

  /// Collapses the blank lines that section tags leave behind, so the Markdown reads cleanly.
  static func tidy(_ text: String) -> String {
    var lines: [Substring] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.trimmingCharacters(in: .whitespaces).isEmpty, lines.last?.isEmpty ?? true { continue }
      lines.append(line.trimmingCharacters(in: .whitespaces).isEmpty ? "" : line)
    }
    while lines.last?.isEmpty == true { lines.removeLast() }
    return lines.joined(separator: "\n") + "\n"
  }
}
