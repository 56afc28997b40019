import Foundation

struct FrameRenderer {
  let s: RendererStorage
  let state: FrameState
  let y: UnsafeMutablePointer<UInt8>
  let yStride: Int
  let u: UnsafeMutablePointer<UInt8>
  let v: UnsafeMutablePointer<UInt8>
  let uvStride: Int

  let width: Int, height: Int
  let f: Double, cx: Double, cy: Double
  // Camera pose: position, heading (+ left), unit vectors along the view (F) and to its right (R).
  let camU: Double, camW: Double, camH: Double
  let yaw: Double
  let fu: Double, fw: Double, ru: Double, rw: Double
  let sinT: Double, cosT: Double
  let brightness: Double
  let groundLUT: ByteBuffer
  var brightLUT = [UInt8](repeating: 0, count: 256)
  var rows: [RowGeometry]

  init(
    storage: RendererStorage, state: FrameState, y: UnsafeMutablePointer<UInt8>, yStride: Int,
    u: UnsafeMutablePointer<UInt8>, v: UnsafeMutablePointer<UInt8>, uvStride: Int
  ) {
    s = storage
    self.state = state
    self.y = y
    self.yStride = yStride
    self.u = u
    self.v = v
    self.uvStride = uvStride
    width = storage.width
    height = storage.height
    f = storage.focalPx
    cx = storage.cx
    cy = storage.cy
    let rig = storage.rig
    let carYaw = state.roadYawDeg * .pi / 180
    camU = state.roadProgressM + rig.forwardM * cos(carYaw) - rig.leftM * sin(carYaw)
    camW = state.lateralOffsetM + rig.forwardM * sin(carYaw) + rig.leftM * cos(carYaw)
    camH = rig.heightM + state.heaveM
    yaw = carYaw + rig.yawDeg * .pi / 180
    fu = cos(yaw)
    fw = sin(yaw)
    ru = sin(yaw)
    rw = -cos(yaw)
    // Body pitch tilts a forward camera down, a rear camera up; side cameras would roll (ignored).
    let tilt = (rig.tiltDeg + state.pitchDeg * cos(rig.yawDeg * .pi / 180)) * .pi / 180
    sinT = sin(tilt)
    cosT = cos(tilt)
    brightness = max(state.sceneBrightness, 0)
    groundLUT = storage.groundLUTs.table(brightness: brightness, materialLuma: storage.materialLuma)
    for k in 0..<256 { brightLUT[k] = UInt8(min(max((Double(k) * brightness).rounded(), 0), 255)) }
    rows = [RowGeometry](repeating: RowGeometry(), count: storage.height)
  }

  mutating func run() {
    computeRows()
    let columns = skyColumns()
    var previousSky = (row: -2, panoramaRow: -1)
    for r in 0..<height {
      if rows[r].ground {
        // Pixels under the car's body (the hood) are never seen: skip them.
        if s.bodyStart[r] == 0 && s.bodyEnd[r] == width { continue }
        groundRow(r, hiddenFrom: s.bodyStart[r], hiddenTo: s.bodyEnd[r])
      } else {
        skyRow(r, columns: columns, previous: &previousSky)
      }
    }
    chroma(skyColumns: columns)
    drawSprites()
    drawBody()
    addSensorNoise()
  }

  // MARK: Geometry

  static let farLimitM = 900.0

  /// Where each row's rays meet the road plane.
  mutating func computeRows() {
    let xn0 = (0.5 - cx) / f
    for r in 0..<height {
      let yn = (cy - (Double(r) + 0.5)) / f
      var row = RowGeometry()
      row.elevation = atan2(yn * cosT - sinT, cosT + yn * sinT)
      let den = sinT - yn * cosT
      if den > 1e-9 {
        let t = camH / den
        let distance = t * (cosT + yn * sinT)
        if distance < Self.farLimitM && distance > 0 {
          row.ground = true
          row.distance = distance
          row.u0 = camU + distance * fu + t * xn0 * ru
          row.w0 = camW + distance * fw + t * xn0 * rw
          row.du = t * ru / f
          row.dw = t * rw / f
          // Row-to-row extent: distance at the row's upper and lower pixel edges.
          func distanceAt(_ edge: Double) -> Double {
            let y = (cy - edge) / f
            let d = sinT - y * cosT
            return d > 1e-9 ? camH / d * (cosT + y * sinT) : Self.farLimitM * 4
          }
          let span = abs(distanceAt(Double(r)) - distanceAt(Double(r) + 1))
          row.footprintU = max(abs(row.du), span * abs(fu))
          row.footprintW = max(abs(row.dw), span * abs(fw))
          row.hazeLevel = RendererStorage.hazeLevel(distanceM: distance)
          func level(_ footprint: Double, _ texelM: Double) -> Int {
            let ratio = footprint / texelM
            return ratio <= 1 ? 0 : min(Int(log2(ratio) + 0.5), 8)
          }
          row.asphaltLevel = (
            level(row.footprintU, SceneAssets.asphaltTexelM), level(row.footprintW, SceneAssets.asphaltTexelM)
          )
          row.coarseLevel = (
            level(row.footprintU, SceneAssets.coarseTexelM), level(row.footprintW, SceneAssets.coarseTexelM)
          )
        }
      }
      rows[r] = row
    }
  }

  // MARK: Body and noise

  func drawBody() {
    guard s.rig.body != .none else { return }
    brightLUT.withUnsafeBufferPointer { lut in
      for r in 0..<height where s.bodyEnd[r] > s.bodyStart[r] {
        let dst = y + r * yStride
        let src = s.bodyLuma.pointer + r * width
        // Body spans are solid (the hood is a dome, the flank a wedge): no per-pixel test.
        for c in s.bodyStart[r]..<s.bodyEnd[r] { dst[c] = lut[Int(src[c])] }
        if r % 2 == 0 {
          let from = (s.bodyStart[r] + 1) / 2
          let to = min((s.bodyEnd[r] + 1) / 2, (width + 1) / 2)
          if from < to {
            (u + (r / 2) * uvStride + from).update(repeating: 128, count: to - from)
            (v + (r / 2) * uvStride + from).update(repeating: 128, count: to - from)
          }
        }
      }
    }
  }

  func addSensorNoise() {
    guard !s.noise.isEmpty else { return }
    var rng = SeededRandom(seed: SeededRandom.hash(s.world.seed, UInt64(truncatingIfNeeded: state.frameIndex), 0x4015E))
    s.noise.withUnsafeBufferPointer { table in
      for r in 0..<height {
        let dst = y + r * yStride
        var k = Int(rng.next() & 0xFFFF)
        for c in 0..<width {
          dst[c] = UInt8(min(max(Int(dst[c]) + Int(table[k]), 0), 255))
          k = (k + 1) & 0xFFFF
        }
      }
    }
  }
}
