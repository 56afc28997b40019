import CFFmpeg
import FSDMotion
import Foundation

/// One clip decoded on several cores without FFmpeg's frame threads.
///
/// The clip is cut at its IDR frames into segments. Nothing after an IDR refers to a frame before
/// it, so each segment decodes on its own. Each of `workers` threads decodes every workers-th
/// segment with a one-thread decoder of its own and downsamples each frame for the motion core
/// (`MotionKernels.downsample(_:for:into:)`). The caller gets the planes in presentation order,
/// segment after segment: the same planes, in the same order, with the same times as one decoder
/// gives, so the motion series is the same value for value (`SegmentedDecodeTests`).
///
/// Why: a clip alone on the machine (one dashcam file, the last clip of a run) was decoded with
/// frame threads, which wait on each other's reference rows and on the one thread that runs the
/// motion core. On 2 cores, the 60 s bench clip decoded in halves side by side took 2.5–2.8 s where
/// `ffmpeg -threads 2` took 3.0–3.3 s (tools/bench, figure d, has the ingest figures).
///
/// Every worker demuxes the file itself up to its last segment, skipping the other workers' packets
/// (demuxing is a few percent of decoding), so no thread hands packets to another; worker 0 reads
/// to the end, handing on every packet. Planes wait in a bounded queue per worker: a worker ahead
/// of the caller stops when its queue is full. The queues share `queueBytes` (48 MB: 300 planes of
/// a 1280x960 clip per worker on 2 cores, longer than a GOP of TeslaCam's or any clip in
/// ../shared), so more cores do not mean more memory.
public struct SegmentedDecode {
  public let path: String
  public let info: MediaInfo
  /// Video packet indices (file order) where segments begin; the first is 0.
  public let segmentStarts: [Int]

  /// The segments of a clip, or nil when it cannot be cut: not H.264 in MP4's length-prefixed
  /// form, or fewer than two IDR frames at least `minimumSegmentPackets` apart.
  public static func plan(path: String, minimumSegmentPackets: Int = 24) -> SegmentedDecode? {
    guard let media = try? MediaFile(path: path), media.info.codecName == "h264",
          let lengthBytes = media.nalLengthBytes() else { return nil }
    var starts = [0], index = 0
    media.forEachVideoPacket { bytes, _ in
      if index - starts[starts.count - 1] >= minimumSegmentPackets,
         Self.startsIDRPicture(bytes, lengthBytes: lengthBytes) {
        starts.append(index)
      }
      index += 1
      return true
    }
    return starts.count >= 2 ? SegmentedDecode(path: path, info: media.info, segmentStarts: starts) : nil
  }

  /// Whether an access unit (MP4 sample form) holds an IDR slice (NAL type 5) before any other slice.
  static func startsIDRPicture(_ bytes: UnsafeBufferPointer<UInt8>, lengthBytes: Int) -> Bool {
    for unit in NALUnits.lengthPrefixed(bytes, lengthSize: lengthBytes) {
      switch bytes[unit.lowerBound] & 0x1F {
      case 5: return true
      case 1: return false
      default: continue
      }
    }
    return false
  }

  /// Decodes every frame and hands `body` its plane, downsampled for `geometry` (the clip's frame
  /// size), and its time in seconds (where the frame has none, its number, as `decodeLuma` does).
  /// The plane is reused once `body` returns. `body` returns false to stop. `onPacket` sees every
  /// video packet in file order, on one worker's thread, while `body` runs on the caller's: the
  /// two must share nothing until this returns.
  ///
  /// Returns nil when the result may differ from one decoder's: a frame of another size than
  /// `geometry`'s, frames out of time order, a packet that gave no frame, a damaged packet, a file
  /// shorter than its index, or a worker that could not open the file. The caller then decodes the clip the ordinary way
  /// (`MediaFile.decodeLuma`).
  public func decode(
    workers: Int, quality: DecodeOptions.Quality, geometry: MotionGeometry, kernels: MotionKernels = .simd,
    queueBytes: Int = 48 << 20,
    onPacket: ((UnsafeBufferPointer<UInt8>, Double?) -> Void)? = nil,
    _ body: (_ plane: PlaneBuffer, _ ptsSeconds: Double) -> Bool
  ) -> DecodeOutcome? {
    let workers = max(1, min(workers, segmentStarts.count))
    let planeBytes = max(1, geometry.width * geometry.height)
    let exchange = PlaneExchange(workers: workers, capacity: max(16, queueBytes / workers / planeBytes),
                                 width: geometry.width, height: geometry.height)
    let packetSink = PacketSink(onPacket)
    let done = DispatchGroup()
    for worker in 0..<workers {
      done.enter()
      let job = SegmentWorker(path: path, segmentStarts: segmentStarts, index: worker, of: workers, quality: quality,
                              geometry: geometry, kernels: kernels, exchange: exchange,
                              packetSink: worker == 0 ? packetSink : nil)
      let thread = Thread {
        defer { done.leave() }
        job.run()
      }
      thread.stackSize = 8 << 20  // FFmpeg's decoder wants more than a secondary thread's default
      thread.start()
    }

    var framesDecoded = 0
    var stoppedEarly = false, outOfOrder = false
    var lastPtsSeconds = -Double.infinity
    segments: for segment in segmentStarts.indices {
      let worker = segment % workers
      while true {
        switch exchange.next(from: worker) {
        case .frame(let plane, let ptsSeconds):
          framesDecoded += 1
          let pts = ptsSeconds ?? Double(framesDecoded - 1)
          // Frames out of presentation order: a decoder that starts mid-stream guessing its reorder
          // delay (a stream without it in its SPS), or timestamps that run back. One decoder is
          // the reference for such a clip.
          guard pts > lastPtsSeconds else { outOfOrder = true; break segments }
          lastPtsSeconds = pts
          let keepGoing = body(plane, pts)
          exchange.recycle(plane)
          if !keepGoing { stoppedEarly = true; break segments }
        case .segmentEnd:
          continue segments
        case .finished:
          // The worker stopped before this segment (a read error cut the file): nothing more of it.
          continue segments
        }
      }
    }
    // Told to stop only when the caller stopped early: otherwise worker 0 reads on to the end of
    // the file (every packet's SEI, and the count that says whether the file is whole) after the
    // caller has had the last frame.
    if stoppedEarly || outOfOrder { exchange.stop() }
    done.wait()

    let results = exchange.results
    guard !outOfOrder, results.allSatisfy({ $0.opened && !$0.frameSizeChanged }) else { return nil }
    var outcome = DecodeOutcome(packetsIndexed: info.indexedFrameCount)
    outcome.framesDecoded = framesDecoded
    outcome.packetsRead = results[0].packetsRead
    outcome.readError = results[0].readError
    outcome.damagedPackets = results.reduce(0) { $0 + $1.damagedPackets }
    outcome.stoppedEarly = stoppedEarly
    // Every packet of a whole, undamaged clip is one frame; anything else (a cut or damaged clip,
    // field pictures) is left to one decoder, whose handling of it the rest of ingest knows.
    guard stoppedEarly
      || (framesDecoded == outcome.packetsRead && outcome.damagedPackets == 0 && !outcome.isCutShort) else { return nil }
    return outcome
  }
}

/// What one worker saw, for the outcome.
struct SegmentWorkerResult: Sendable {
  var opened = false
  var packetsRead = 0
  var readError: String?
  var damagedPackets = 0
  var frameSizeChanged = false
}

/// One decoding thread: its own demuxer and one-thread decoder, its segments only.
private struct SegmentWorker: Sendable {
  let path: String
  let segmentStarts: [Int]
  let index: Int
  let of: Int
  let quality: DecodeOptions.Quality
  let geometry: MotionGeometry
  let kernels: MotionKernels
  let exchange: PlaneExchange
  let packetSink: PacketSink?

  func run() {
    var result = SegmentWorkerResult()
    var damaged = 0, frameSizeChanged = false
    defer {
      result.damagedPackets = damaged
      result.frameSizeChanged = frameSizeChanged
      exchange.finish(worker: index, result)
    }
    guard let media = try? MediaFile(path: path),
          let decoder = try? media.makeDecoder(options: DecodeOptions(quality: quality, threads: 1)) else { return }
    result.opened = true
    var codecContext: UnsafeMutablePointer<AVCodecContext>? = decoder
    defer { avcodec_free_context(&codecContext) }
    var framePointer = av_frame_alloc()
    var packetPointer = av_packet_alloc()
    defer { av_frame_free(&framePointer); av_packet_free(&packetPointer) }
    guard let frame = framePointer, let packet = packetPointer else { return }

    // Hands on every frame the decoder has ready; false when the caller has stopped.
    func drain() -> Bool {
      MediaFile.receiveFrames(from: decoder, threads: 1, damaged: &damaged, into: { frame }) { frame in
        defer { av_frame_unref(frame) }
        guard Int(frame.pointee.width) == geometry.sourceWidth, Int(frame.pointee.height) == geometry.sourceHeight else {
          frameSizeChanged = true
          exchange.stop()
          return false
        }
        let plane = exchange.takePlane()
        kernels.downsample(LumaView(base: UnsafePointer(frame.pointee.data.0!), strideBytes: Int(frame.pointee.linesize.0),
                                    width: geometry.sourceWidth, height: geometry.sourceHeight),
                           for: geometry, into: plane)
        return exchange.push(.frame(plane, media.seconds(MediaFile.timestamp(frame))), to: index)
      }
    }
    // The end of one of this worker's segments: every frame out, then the decoder reset for the next.
    func endSegment() -> Bool {
      avcodec_send_packet(decoder, nil)
      guard drain() else { return false }
      avcodec_flush_buffers(decoder)
      return exchange.push(.segmentEnd, to: index)
    }

    var packetIndex = 0, segment = 0
    var mine: Bool { segment % of == index }
    // Worker 0 reads every packet (for the packet callback and the count); the others stop after
    // their last segment.
    let lastOwnedSegment = (segmentStarts.count - 1) - ((segmentStarts.count - 1 - index) % of + of) % of
    while !exchange.isStopped, index == 0 || segment <= lastOwnedSegment {
      let status = av_read_frame(media.formatContext, packet)
      if status < 0 {
        if status != fsd_averror_eof() { result.readError = ffmpegErrorText(status) }
        break
      }
      defer { av_packet_unref(packet) }
      guard packet.pointee.stream_index == media.videoStreamIndex else { continue }
      if segment + 1 < segmentStarts.count, packetIndex == segmentStarts[segment + 1] {
        if mine, !endSegment() { return }
        segment += 1
      }
      packetIndex += 1
      result.packetsRead = packetIndex
      packetSink?.send(UnsafeBufferPointer(start: packet.pointee.data, count: Int(packet.pointee.size)),
                       media.seconds(packet.pointee.pts))
      guard mine else { continue }
      if avcodec_send_packet(decoder, packet) < 0 { damaged += 1 }
      if !drain() { return }
    }
    if mine, !exchange.isStopped { _ = endSegment() }
  }
}

/// The caller's packet callback, called from worker 0's thread only (see `SegmentedDecode.decode`).
private final class PacketSink: @unchecked Sendable {
  let body: ((UnsafeBufferPointer<UInt8>, Double?) -> Void)?
  init(_ body: ((UnsafeBufferPointer<UInt8>, Double?) -> Void)?) { self.body = body }
  func send(_ bytes: UnsafeBufferPointer<UInt8>, _ ptsSeconds: Double?) { body?(bytes, ptsSeconds) }
}

/// The planes between the workers and the caller: a first-in-first-out queue per worker, bounded,
/// and the planes handed back for reuse. One lock for all: a few operations per frame.
final class PlaneExchange: @unchecked Sendable {
  enum Item {
    case frame(PlaneBuffer, Double?)
    case segmentEnd
    /// The worker has stopped: after its last segment, on a read error or when told to.
    case finished
  }

  private let condition = NSCondition()
  private var queues: [[Item]]
  private var heads: [Int]
  private var framesQueued: [Int]
  private var spare: [PlaneBuffer] = []
  private var stopped = false
  private(set) var results: [SegmentWorkerResult]
  let capacity: Int
  let width: Int, height: Int

  init(workers: Int, capacity: Int, width: Int, height: Int) {
    queues = Array(repeating: [], count: workers)
    heads = Array(repeating: 0, count: workers)
    framesQueued = Array(repeating: 0, count: workers)
    results = Array(repeating: SegmentWorkerResult(), count: workers)
    self.capacity = capacity
    self.width = width
    self.height = height
  }

  var isStopped: Bool { condition.withLock { stopped } }

  func stop() { condition.withLock { stopped = true; condition.broadcast() } }

  func takePlane() -> PlaneBuffer {
    condition.withLock { spare.popLast() } ?? PlaneBuffer(width: width, height: height)
  }

  func recycle(_ plane: PlaneBuffer) { condition.withLock { spare.append(plane) } }

  /// Waits while the worker's queue is full; false (the item dropped) once stopped.
  func push(_ item: Item, to worker: Int) -> Bool {
    condition.withLock {
      while !stopped, case .frame = item, framesQueued[worker] >= capacity { condition.wait() }
      guard !stopped else { return false }
      if case .frame = item { framesQueued[worker] += 1 }
      queues[worker].append(item)
      condition.broadcast()
      return true
    }
  }

  func finish(worker: Int, _ result: SegmentWorkerResult) {
    condition.withLock {
      results[worker] = result
      queues[worker].append(.finished)
      condition.broadcast()
    }
  }

  /// The worker's next item, waiting for it. After `.finished` every call returns `.finished`.
  func next(from worker: Int) -> Item {
    condition.withLock {
      while heads[worker] == queues[worker].count { condition.wait() }
      let item = queues[worker][heads[worker]]
      if case .finished = item { return item }
      heads[worker] += 1
      if heads[worker] > 256 {
        queues[worker].removeFirst(heads[worker])
        heads[worker] = 0
      }
      if case .frame = item { framesQueued[worker] -= 1; condition.broadcast() }
      return item
    }
  }
}

extension MediaFile {
  /// The NAL length prefix size from the avcC record in the stream's extradata; nil when the
  /// stream has none (Annex B start codes, or not H.264).
  func nalLengthBytes() -> Int? {
    guard let stream = formatContext?.pointee.streams[Int(videoStreamIndex)],
          let extradata = stream.pointee.codecpar.pointee.extradata,
          stream.pointee.codecpar.pointee.extradata_size >= 7, extradata[0] == 1 else { return nil }
    let size = Int(extradata[4] & 0x03) + 1
    return size == 3 ? nil : size
  }
}
