import CFFmpeg
import Foundation

/// Writes a YUV 4:2:0 picture as a PNG (scaled with swscale, encoded with FFmpeg's PNG encoder):
/// TeslaCam's `thumb.png`, and preview images.
public enum PNGWriter {
  public static func write(_ planes: YUVPlanes, to path: String, width outputWidth: Int, height outputHeight: Int) throws {
    func failure(_ reason: String) -> MediaError { .decoderFailed(path: path, reason: reason) }
    guard let scaler = sws_getContext(
      Int32(planes.width), Int32(planes.height), AV_PIX_FMT_YUV420P,
      Int32(outputWidth), Int32(outputHeight), AV_PIX_FMT_RGB24, SWS_BICUBIC, nil, nil, nil)
    else { throw failure("cannot scale \(planes.width)x\(planes.height) to \(outputWidth)x\(outputHeight)") }
    defer { sws_freeContext(scaler) }

    var rgb: UnsafeMutablePointer<AVFrame>? = av_frame_alloc()
    defer { av_frame_free(&rgb) }
    guard let rgbFrame = rgb else { throw failure("out of memory") }
    rgbFrame.pointee.format = AV_PIX_FMT_RGB24.rawValue
    rgbFrame.pointee.width = Int32(outputWidth)
    rgbFrame.pointee.height = Int32(outputHeight)
    guard av_frame_get_buffer(rgbFrame, 0) >= 0 else { throw failure("out of memory") }

    var sourceData: [UnsafePointer<UInt8>?] = [UnsafePointer(planes.y), UnsafePointer(planes.u), UnsafePointer(planes.v), nil]
    var sourceStrides: [Int32] = [Int32(planes.yStride), Int32(planes.uvStride), Int32(planes.uvStride), 0]
    var destinationData: [UnsafeMutablePointer<UInt8>?] = [rgbFrame.pointee.data.0, nil, nil, nil]
    var destinationStrides: [Int32] = [rgbFrame.pointee.linesize.0, 0, 0, 0]
    sws_scale(scaler, &sourceData, &sourceStrides, 0, Int32(planes.height), &destinationData, &destinationStrides)

    guard let codec = avcodec_find_encoder(AV_CODEC_ID_PNG), let context = avcodec_alloc_context3(codec) else {
      throw failure("FFmpeg has no PNG encoder")
    }
    var contextPointer: UnsafeMutablePointer<AVCodecContext>? = context
    defer { avcodec_free_context(&contextPointer) }
    context.pointee.width = Int32(outputWidth)
    context.pointee.height = Int32(outputHeight)
    context.pointee.pix_fmt = AV_PIX_FMT_RGB24
    context.pointee.time_base = AVRational(num: 1, den: 1)
    var result = avcodec_open2(context, codec, nil)
    guard result >= 0 else { throw failure("cannot open the PNG encoder: \(ffmpegErrorText(result))") }
    result = avcodec_send_frame(context, rgbFrame)
    guard result >= 0 else { throw failure("PNG encoding failed: \(ffmpegErrorText(result))") }
    avcodec_send_frame(context, nil)
    var packet: UnsafeMutablePointer<AVPacket>? = av_packet_alloc()
    defer { av_packet_free(&packet) }
    guard let packet, avcodec_receive_packet(context, packet) >= 0 else { throw failure("PNG encoding produced nothing") }
    let data = Data(bytes: packet.pointee.data, count: Int(packet.pointee.size))
    do {
      try data.write(to: URL(fileURLWithPath: path))
    } catch {
      throw failure("cannot write: \(error.localizedDescription)")
    }
  }
}
