import FSDDomain
import Foundation
import FSDStore

/// One event of the month's table, as text.
struct EventRowView {
  let id: String
  let when: String
  let title: String
  let kind: String
  let severity: String
  let by: String
  let peak: String
  let speed: String
  let verdict: String
  let verdictClass: String
  /// nil when there is none (an empty string would still open a Mustache section).
  let flags: String?
  let note: String?
  /// `note` as one line of Markdown text (markup, HTML and table characters escaped), empty when
  /// there is none.
  let noteMD: String

  init(_ item: TaggedEvent, units: DistanceUnits) {
    let event = item.event
    id = event.id.map(String.init) ?? NumberText.dash
    when = EventRowView.when(item)
    title = ReportText.kindTitle(EventRecordSummary(kind: event.kind, severity: event.severity, cause: event.cause,
                                                    initiator: event.initiator))
    kind = event.kind.rawValue + (event.cause.map { " (\($0.rawValue))" } ?? "")
    severity = event.severity?.rawValue ?? NumberText.dash
    by = event.initiator.rawValue
    peak = EventRowView.peak(event)
    speed = EventRowView.speed(event, units: units)
    verdict = item.state.current.rawValue
    verdictClass = "verdict-" + verdict
    var flags: [String] = []
    if item.state.critical { flags.append("critical") }
    if item.state.intervened { flags.append("intervened") }
    self.flags = flags.isEmpty ? nil : flags.joined(separator: ", ")
    note = item.state.note.flatMap { $0.isEmpty ? nil : $0 }
    noteMD = UntrustedText.forMarkdown(note ?? "")
  }

  /// "2026-11-02 08:14:45" car-local, or the UTC time marked as such.
  static func when(_ item: TaggedEvent) -> String {
    if let local = item.peakLocal { return local.replacingOccurrences(of: "T", with: " ") }
    return String(item.event.peakUtc.prefix(19)).replacingOccurrences(of: "T", with: " ") + " UTC"
  }

  static func peak(_ event: EventRecord) -> String {
    if let decel = event.peakDecelG { return NumberText.fixed(decel, 2) + " g decel" }
    if let lateral = event.peakLatG { return NumberText.fixed(lateral, 2) + " g lateral" }
    return NumberText.dash
  }

  static func speed(_ event: EventRecord, units: DistanceUnits) -> String {
    let values = [event.speedBeforeMps, event.speedAfterMps].map { $0.map { NumberText.fixed($0 * units.speedFactor, 0) } ?? "?" }
    return values == ["?", "?"] ? NumberText.dash : "\(values[0]) → \(values[1]) \(units.speedLabel)"
  }
}

/// A top event: its facts, thumbnail and trace chart.
struct TopEventView {
  let number: Int
  let row: EventRowView
  let facts: [String]
  let factsText: String
  /// `factsText` and `thumbnailCaption` as Markdown text: they hold file names.
  let factsMD: String
  let hasThumbnail: Bool
  let thumbnailURI: String
  let thumbnailCaption: String
  let thumbnailCaptionMD: String
  let trace: ChartView?
  let traceMissing: String

  init(number: Int, _ top: MonthlyReport.TopEvent, units: DistanceUnits) {
    self.number = number
    let event = top.event.event
    row = EventRowView(top.event, units: units)
    var facts: [String] = []
    if row.speed != NumberText.dash { facts.append("Speed \(row.speed)") }
    if let decel = event.peakDecelG { facts.append("peak deceleration \(NumberText.fixed(decel, 2)) g") }
    if let lateral = event.peakLatG { facts.append("peak lateral \(NumberText.fixed(lateral, 2)) g") }
    if let state = event.autopilotState { facts.append("assistance \(state.rawValue)") }
    if let path = top.event.clipPath {
      facts.append("clip \((path as NSString).lastPathComponent)"
                   + (event.offsetS.map { " @ \(NumberText.fixed($0, 1)) s" } ?? ""))
    }
    if event.source.includesVision {
      facts.append("detected from \(event.source.rawValue) (confidence \(NumberText.fixed(event.confidence, 2)))")
    }
    self.facts = facts
    factsText = facts.joined(separator: "; ")
    factsMD = UntrustedText.forMarkdown(factsText)
    switch top.thumbnail {
    case .png(let data, let source):
      hasThumbnail = true
      thumbnailURI = "data:image/png;base64," + data.base64EncodedString()
      thumbnailCaption = source
    case .unavailable(let reason):
      hasThumbnail = false
      thumbnailURI = ""
      thumbnailCaption = "No thumbnail: \(reason)."
    }
    thumbnailCaptionMD = UntrustedText.forMarkdown(thumbnailCaption)
    let title = "Speed and acceleration around event \(row.id)"
    let chart = top.trace.flatMap { TraceChart.make($0, units: units, title: title) }
    trace = chart
    traceMissing = chart == nil ? "No trace: the event's clip has no stored telemetry around the peak." : ""
  }
}
