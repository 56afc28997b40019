import FSDDomain
import FSDStore
import Foundation

/// Applies a review script: lines `EVENT VERDICT [note...]`, EVENT an event id, VERDICT one of
/// phantom, justified, unsure or untag. Blank lines and `#` comments are ignored.
///
/// An incident has one verdict, its lead's (its FSD maneuver): a line naming another event of an
/// incident that is asked a verdict (the disengagement or override after an FSD brake, say) tags
/// the lead, and says so. A line naming an event of the driver's own action (no maneuver of the
/// car in its incident) tags that event, as `fsdlog tag` does.
///
/// A bad line is reported as "line N: ..." and skipped, never fatal: a long script typed by hand
/// should apply everything it can. Each line is committed before the next is read.
public struct ScriptReviewer: Sendable {
  /// What one line did.
  public enum LineResult: Equatable, Sendable {
    /// A blank or comment line.
    case ignored
    case applied(TagRecord)
    /// Applied to the lead of the incident holding the event the line named.
    case appliedToLead(TagRecord, named: Int64)
    /// Skipped, with the message to show ("line N: ...").
    case rejected(String)
  }

  public struct Summary: Equatable, Sendable {
    public var applied = 0
    public var skipped = 0
    public var messages: [String] = []
    public init() {}
  }

  public let store: Store
  public let source: TagSource

  public init(store: Store, source: TagSource = .script) {
    self.store = store
    self.source = source
  }

  /// Reads lines from `nextLine` until it returns nil (EOF), applying each at once.
  /// `report` sees every applied or rejected line as it happens, with its 1-based number.
  public func run(nextLine: () -> String?, report: (Int, LineResult) -> Void = { _, _ in }) -> Summary {
    var summary = Summary()
    var number = 0
    while let line = nextLine() {
      number += 1
      let result = apply(line, number: number)
      switch result {
      case .ignored: continue
      case .applied, .appliedToLead: summary.applied += 1
      case .rejected(let message):
        summary.skipped += 1
        summary.messages.append(message)
      }
      report(number, result)
    }
    return summary
  }

  /// Applies one line (`number` is only for messages).
  public func apply(_ line: String, number: Int) -> LineResult {
    let text = line.trimmingCharacters(in: .whitespacesAndNewlines)
    if text.isEmpty || text.hasPrefix("#") { return .ignored }
    let fields = text.split(maxSplits: 2, omittingEmptySubsequences: true, whereSeparator: \.isWhitespace)
    guard fields.count >= 2 else {
      return .rejected("line \(number): expected `EVENT VERDICT [note]`, got \"\(text)\"")
    }
    guard let eventID = Int64(fields[0]), eventID > 0 else {
      return .rejected("line \(number): \"\(fields[0])\" is not an event id (a number from `fsdlog events`)")
    }
    let word = fields[1].lowercased()
    let note = fields.count > 2 ? String(fields[2]).trimmingCharacters(in: .whitespaces) : nil
    do {
      let verdict = Verdict(rawValue: word)
      guard verdict != nil || word == "untag" else {
        return .rejected("line \(number): unknown verdict \"\(fields[1])\" (phantom, justified, unsure or untag)")
      }
      let target = try judgedEvent(eventID)
      func result(_ row: TagRecord) -> LineResult { target == eventID ? .applied(row) : .appliedToLead(row, named: eventID) }
      if word == "untag" { return result(try store.untag(eventID: target, note: note, source: source)) }
      // A script line gives a verdict; flags set earlier (e.g. in the interactive review) stay.
      var state = try store.currentState(eventID: target)
      state.verdict = verdict
      if let note { state.note = note }
      return result(try store.addTag(eventID: target, state, source: source))
    } catch let error as StoreError {
      return .rejected("line \(number): \(error)")
    } catch {
      return .rejected("line \(number): could not save the tag: \(error)")
    }
  }

  /// The event a verdict for `eventID` goes to: the lead of its incident when the incident is asked
  /// a verdict, else the event itself (also when it is unknown: the store then says so).
  func judgedEvent(_ eventID: Int64) throws -> Int64 {
    guard let incident = try store.incident(containing: eventID), incident.asksVerdict, let lead = incident.lead.id
    else { return eventID }
    return lead
  }
}
