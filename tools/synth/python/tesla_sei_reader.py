#!/usr/bin/env python3
"""An independent reader of Tesla dashcam SEI telemetry, following Tesla's published procedure.

It shares no code with fsdlog: it walks the MP4's top-level boxes to the mdat, reads the
length-prefixed NAL units in it, keeps SEI NAL units (type 6) whose message is
user_data_unregistered (payload type 5) and whose identifier is a run of 0x42 bytes ending with
0x69, drops the RBSP trailing byte, removes emulation-prevention bytes, and decodes the protobuf
with the `protobuf` package. The message type is built from a descriptor here (no protoc needed).

Usage: tesla_sei_reader.py CLIP.mp4   -> one JSON object per record on standard output
       (field names as in the .proto, enums as names); a summary line on standard error.
"""
import json
import struct
import sys

from google.protobuf import descriptor_pb2, descriptor_pool, json_format

try:
    from google.protobuf.message_factory import GetMessageClass
except ImportError:  # protobuf < 4.21
    from google.protobuf import message_factory

    def GetMessageClass(descriptor):
        return message_factory.MessageFactory().GetPrototype(descriptor)


def sei_metadata_class():
    F = descriptor_pb2.FieldDescriptorProto
    file_proto = descriptor_pb2.FileDescriptorProto(name="tesla_dashcam_reader.proto", syntax="proto3")
    message = file_proto.message_type.add(name="SeiMetadata")
    gear = message.enum_type.add(name="Gear")
    for number, name in enumerate(["GEAR_PARK", "GEAR_DRIVE", "GEAR_REVERSE", "GEAR_NEUTRAL"]):
        gear.value.add(name=name, number=number)
    autopilot = message.enum_type.add(name="AutopilotState")
    for number, name in enumerate(["NONE", "SELF_DRIVING", "AUTOSTEER", "TACC"]):
        autopilot.value.add(name=name, number=number)
    fields = [
        ("version", F.TYPE_UINT32, None), ("gear_state", F.TYPE_ENUM, ".SeiMetadata.Gear"),
        ("frame_seq_no", F.TYPE_UINT64, None), ("vehicle_speed_mps", F.TYPE_FLOAT, None),
        ("accelerator_pedal_position", F.TYPE_FLOAT, None), ("steering_wheel_angle", F.TYPE_FLOAT, None),
        ("blinker_on_left", F.TYPE_BOOL, None), ("blinker_on_right", F.TYPE_BOOL, None),
        ("brake_applied", F.TYPE_BOOL, None), ("autopilot_state", F.TYPE_ENUM, ".SeiMetadata.AutopilotState"),
        ("latitude_deg", F.TYPE_DOUBLE, None), ("longitude_deg", F.TYPE_DOUBLE, None),
        ("heading_deg", F.TYPE_DOUBLE, None), ("linear_acceleration_mps2_x", F.TYPE_DOUBLE, None),
        ("linear_acceleration_mps2_y", F.TYPE_DOUBLE, None), ("linear_acceleration_mps2_z", F.TYPE_DOUBLE, None),
    ]
    for number, (name, kind, type_name) in enumerate(fields, start=1):
        field = message.field.add(name=name, number=number, type=kind, label=F.LABEL_OPTIONAL)
        if type_name:
            field.type_name = type_name
    pool = descriptor_pool.DescriptorPool()
    pool.Add(file_proto)
    return GetMessageClass(pool.FindMessageTypeByName("SeiMetadata"))


def mdat_ranges(data):
    """(start, end) of each top-level mdat box's payload."""
    offset, ranges = 0, []
    while offset + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[offset:offset + 8])
        header = 8
        if size == 1:
            size = struct.unpack(">Q", data[offset + 8:offset + 16])[0]
            header = 16
        elif size == 0:
            size = len(data) - offset
        if size < header:
            break
        if kind == b"mdat":
            ranges.append((offset + header, min(offset + size, len(data))))
        offset += size
    return ranges


def strip_emulation_prevention(payload):
    out, zeros = bytearray(), 0
    for byte in payload:
        if zeros >= 2 and byte == 3:
            zeros = 0
            continue
        out.append(byte)
        zeros = zeros + 1 if byte == 0 else 0
    return bytes(out)


def tesla_payloads(data):
    """Yields the protobuf bytes of every Tesla SEI record in the file, in file order."""
    for start, end in mdat_ranges(data):
        offset = start
        while offset + 4 <= end:
            (length,) = struct.unpack(">I", data[offset:offset + 4])
            offset += 4
            if length == 0 or offset + length > end:
                break
            nal = data[offset:offset + length]
            offset += length
            if nal[0] & 0x1F != 6 or len(nal) < 3 or nal[1] != 5:
                continue
            # After the header, payload type (5) and payload size: the 0x42... 0x69 marker.
            index = 3
            while index < len(nal) and nal[index] == 0x42:
                index += 1
            if index <= 3 or index >= len(nal) or nal[index] != 0x69:
                continue
            yield strip_emulation_prevention(nal[index + 1:-1])  # drop the trailing 0x80


def as_dict(record):
    """Every field, defaults included, named as in the .proto (the keyword changed in protobuf 5)."""
    try:
        return json_format.MessageToDict(record, preserving_proto_field_name=True,
                                         always_print_fields_with_no_presence=True)
    except TypeError:
        return json_format.MessageToDict(record, preserving_proto_field_name=True,
                                         including_default_value_fields=True)


def main(path):
    SeiMetadata = sei_metadata_class()
    with open(path, "rb") as handle:
        data = handle.read()
    decoded = failed = 0
    for payload in tesla_payloads(data):
        record = SeiMetadata()
        try:
            record.ParseFromString(payload)
        except Exception:  # a damaged record is counted, never fatal
            failed += 1
            continue
        decoded += 1
        print(json.dumps(as_dict(record)))
    print(json.dumps({"file": path, "records": decoded, "undecodable": failed}), file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
