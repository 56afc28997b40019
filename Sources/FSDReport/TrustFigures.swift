/// The trust statistics of one period, in the driver's units (docs/statistics.md defines each).
/// Every figure is nil when its denominator is zero or unknown: "no FSD distance this month" is
/// shown as such, never as a rate of 0.
public struct TrustFigures: Sendable, Equatable {
  /// Fewer decided (phantom or justified) FSD maneuvers than this: the figures are flagged thin.
  public static let thinDataThreshold = 10

  public struct Rate: Sendable, Equatable {
    public let value: Double
    public let lower: Double
    public let upper: Double
  }

  public let totals: PeriodTotals
  public let units: DistanceUnits

  public init(totals: PeriodTotals, units: DistanceUnits) {
    self.totals = totals
    self.units = units
  }

  /// False when no drive of the period has telemetry (vision-only): no distance, no FSD state.
  public var distanceKnown: Bool { totals.drivesWithTelemetry > 0 }
  public var fsdDistance: Double { units.distance(totals.fsdDistanceM) }
  public var fsdHours: Double { totals.fsdTimeS / 3600 }

  /// Phantom events per 1,000 FSD km (or mi), with a 95 % Poisson interval.
  public var phantomPer1000: Rate? {
    rate(totals.phantomOnMeasuredDrives, per: fsdDistance / 1000)
  }

  /// Phantom events per FSD hour, with a 95 % Poisson interval.
  public var phantomPerFSDHour: Rate? { rate(totals.phantomOnMeasuredDrives, per: fsdHours) }

  /// Vision-only periods: phantom events per hour of driving (FSD state unknown), so a driver
  /// without telemetry still gets a time-based rate, labelled as such.
  public var phantomPerDriveHour: Rate? {
    distanceKnown ? nil : rate(totals.phantom, per: totals.driveTimeS / 3600)
  }

  /// FSD distance per phantom event; nil without a phantom event (then: "none in N km").
  public var distancePerPhantom: Double? {
    totals.phantomOnMeasuredDrives > 0 && fsdDistance > 0 ? fsdDistance / Double(totals.phantomOnMeasuredDrives) : nil
  }

  /// justified / (justified + phantom) over FSD maneuvers, with its Wilson interval.
  public var justifiedShare: WilsonInterval? { WilsonInterval(successes: totals.justified, trials: totals.decided) }

  /// Share of the drives with FSD engaged that had no phantom event.
  public var drivesWithoutPhantom: WilsonInterval? {
    WilsonInterval(successes: totals.fsdDrives - totals.fsdDrivesWithPhantom, trials: totals.fsdDrives)
  }

  /// FSD distance per critical intervention; nil without one (or without FSD distance).
  public var distancePerCritical: Double? {
    totals.criticalOnMeasuredDrives > 0 && fsdDistance > 0 ? fsdDistance / Double(totals.criticalOnMeasuredDrives) : nil
  }

  /// Too few decided FSD maneuvers to read much into the shares.
  public var isThin: Bool { totals.decided < Self.thinDataThreshold }

  /// More than this share of the driving missing between clips: the period is flagged.
  public static let gapsShareThreshold = 0.10

  /// The share of the period's driving that has footage: seen ÷ (seen + missing between clips).
  public var footageShare: Double? {
    let driving = totals.driveTimeS + totals.missingVideoS
    return driving > 0 ? totals.driveTimeS / driving : nil
  }

  /// The share of the footage on drives with telemetry: what the per-distance rates rest on.
  public var telemetryShare: Double? {
    totals.driveTimeS > 0 ? totals.telemetryDriveTimeS / totals.driveTimeS : nil
  }

  /// Much of the driving is missing between clips (RecentClips overwritten before they were copied).
  public var hasGaps: Bool { (footageShare ?? 1) < 1 - Self.gapsShareThreshold }

  private func rate(_ count: Int, per exposure: Double) -> Rate? {
    guard exposure > 0, let r = PoissonInterval(count: count).rate(per: exposure) else { return nil }
    return Rate(value: r.value, lower: r.lower, upper: r.upper)
  }
}
