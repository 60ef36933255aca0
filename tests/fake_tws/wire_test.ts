import { deepStrictEqual as assertEquals, throws as assertThrows } from "node:assert/strict";
import { toDecimal } from "../../src/model/mod.ts";
import { encodeFrame, formatWireValue, InboundFrameReader, WireProtocolError } from "./wire.ts";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const bytes = (s: string) => new TextEncoder().encode(s);

function handshake(range: string): Uint8Array {
  const body = bytes(range);
  const out = new Uint8Array(8 + body.length);
  out.set(bytes("API\0"));
  new DataView(out.buffer).setUint32(4, body.length);
  out.set(body, 8);
  return out;
}

Deno.test("encodeFrame writes a big-endian length and NUL-terminates every field, the last too", () => {
  const frame = encodeFrame([9, 1, 42]);
  assertEquals([...frame.subarray(0, 4)], [0, 0, 0, 7]);
  assertEquals(text(frame.subarray(4)), "9\x001\x0042\x00");
});

Deno.test("formatWireValue writes booleans as 1/0, undefined as empty and decimals without exponent", () => {
  assertEquals(
    [true, false, undefined, 0.5, "x", toDecimal("1e-7"), toDecimal("12.50")].map(formatWireValue),
    ["1", "0", "", "0.5", "x", "0.0000001", "12.5"],
  );
});

Deno.test("InboundFrameReader reads the handshake then frames split across and joined in chunks", () => {
  const reader = new InboundFrameReader();
  const stream = new Uint8Array([
    ...handshake("v100..193"),
    ...encodeFrame([71, 2, 5, ""]),
    ...encodeFrame([8, 1, 1]),
  ]);
  const frames = [];
  for (let i = 0; i < stream.length; i += 3) frames.push(...reader.push(stream.subarray(i, i + 3)));
  assertEquals(frames, [
    { kind: "handshake", minVersion: 100, maxVersion: 193 },
    { kind: "message", fields: ["71", "2", "5", ""] },
    { kind: "message", fields: ["8", "1", "1"] },
  ]);
  assertEquals(new InboundFrameReader().push(stream).length, 3);
});

Deno.test("InboundFrameReader rejects a connection that does not open with API\\0", () => {
  assertThrows(() => new InboundFrameReader().push(bytes("GET / HTTP/1.1\r\n")), WireProtocolError);
});

Deno.test("InboundFrameReader rejects a frame whose last field is not NUL-terminated", () => {
  const reader = new InboundFrameReader();
  reader.push(handshake("v176"));
  const body = bytes("8\x001\x001");
  const frame = new Uint8Array(4 + body.length);
  new DataView(frame.buffer).setUint32(0, body.length);
  frame.set(body, 4);
  assertThrows(() => reader.push(frame), /does not end with NUL/);
});
