import Foundation

/// Surface materials of the ground and how texture values map to luma and chroma.
enum Material: Int, CaseIterable {
  case road, shoulder, grass, whiteLine, yellowLine, patchDark, patchLight

  static let count = Material.allCases.count

  var usesCoarseTexture: Bool { self == .grass }

  /// Luma for a texture value (before haze and scene brightness).
  func luma(texel: Int) -> Double {
    let t = Double(texel - 128)
    switch self {
    case .road: return 102 + 0.30 * t
    case .shoulder: return 112 + 0.28 * t
    case .grass: return 88 + 0.45 * t
    case .whiteLine: return 200 + 0.12 * t
    case .yellowLine: return 166 + 0.10 * t
    case .patchDark: return 80 + 0.16 * t
    case .patchLight: return 128 + 0.18 * t
    }
  }

  /// (U, V) of the material.
  var chroma: (u: Double, v: Double) {
    switch self {
    case .road, .shoulder, .patchDark, .patchLight: (127, 129)
    case .grass: (110, 119)
    case .whiteLine: (128, 128)
    case .yellowLine: (86, 150)
    }
  }
}

/// A stripe of the road cross-section: everything between two lateral positions.
struct LateralBand: Sendable {
  var material: Material
  /// Lane line with dashes: white where the dash pattern is on, road elsewhere.
  var dashed: Bool
}

/// The road cross-section, left (large w) to right: verge, shoulder, yellow edge line, lanes with
/// dashed lines, white edge line, shoulder, verge.
struct CrossSection: Sendable {
  /// Band boundaries in w, strictly decreasing.
  var boundaries: [Double]
  /// One more than the boundaries.
  var bands: [LateralBand]

  static let lineWidthM = 0.15
  static let dashLengthM = 3.0
  static let dashPeriodM = 12.0

  init(road: RoadLayout) {
    let half = Self.lineWidthM / 2
    let left = road.leftEdgeW
    let right = road.rightEdgeW
    var boundaries: [Double] = [left + 1.2, left + half, left - half]
    var bands: [LateralBand] = [
      .init(material: .grass, dashed: false), .init(material: .shoulder, dashed: false),
      .init(material: .yellowLine, dashed: false),
    ]
    for k in stride(from: road.lanes - 1, through: 1, by: -1) {
      let w = right + Double(k) * road.laneWidthM
      bands.append(.init(material: .road, dashed: false))
      boundaries.append(w + half)
      bands.append(.init(material: .whiteLine, dashed: true))
      boundaries.append(w - half)
    }
    bands.append(.init(material: .road, dashed: false))
    boundaries.append(right + half)
    bands.append(.init(material: .whiteLine, dashed: false))
    boundaries.append(right - half)
    bands.append(.init(material: .shoulder, dashed: false))
    boundaries.append(right - max(road.shoulderM, 0.3))
    bands.append(.init(material: .grass, dashed: false))
    self.boundaries = boundaries
    self.bands = bands
  }

  func band(at w: Double) -> Int {
    var index = 0
    while index < boundaries.count && w < boundaries[index] { index += 1 }
    return index
  }

  /// Fraction of [u - footprint/2, u + footprint/2] covered by dashes (anti-aliased far away).
  @inline(__always)
  static func dashCoverage(_ u: Double, footprint: Double) -> Double {
    if footprint < 0.02 {
      let phase = u - (u / dashPeriodM).rounded(.down) * dashPeriodM
      return phase < dashLengthM ? 1 : 0
    }
    @inline(__always) func integral(_ x: Double) -> Double {
      let k = (x / dashPeriodM).rounded(.down)
      return k * dashLengthM + min(x - k * dashPeriodM, dashLengthM)
    }
    return (integral(u + footprint / 2) - integral(u - footprint / 2)) / footprint
  }
}

/// Fraction of [x - footprint/2, x + footprint/2] inside [a, b].
@inline(__always)
func intervalCoverage(_ x: Double, footprint: Double, _ a: Double, _ b: Double) -> Double {
  let half = max(footprint, 1e-6) / 2
  let overlap = min(x + half, b) - max(x - half, a)
  return min(max(overlap / (2 * half), 0), 1)
}
