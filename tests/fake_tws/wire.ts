/**
 * The TWS socket framing, both directions.
 *
 * Every message after the handshake is a 4-byte big-endian payload length
 * followed by the payload: text fields, each terminated by a NUL byte (the last
 * one too). The client opens with an unframed `"API\0"`, then a framed version
 * range such as `v100..193` (length prefix, no NUL terminator).
 *
 * @module
 */
import { Decimal } from "../../src/model/mod.ts";

/** A value that can be written as one field: booleans become `1`/`0`, `undefined` an empty field. */
export type WireValue = string | number | boolean | Decimal | undefined;

/** The unframed bytes a client sends first. */
const API_PREFIX = "API\0";
/** Largest frame the real client accepts (socket.js MAX_V100_MESSAGE_LENGTH). */
const MAX_FRAME_LENGTH = 0xffffff;

/** A client broke the framing rules; the connection cannot continue. */
export class WireProtocolError extends Error {
  /** Creates the error with a message that says what was wrong. */
  constructor(message: string) {
    super(message);
    this.name = "WireProtocolError";
  }
}

/** Formats one value the way the real client and TWS do. */
export function formatWireValue(value: WireValue): string {
  if (value === undefined) return "";
  if (value === true) return "1";
  if (value === false) return "0";
  if (value instanceof Decimal) return value.toFixed();
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`cannot send ${value} as a field`);
    return String(value);
  }
  return value;
}

/**
 * Encodes fields as one framed message: length prefix, then each field
 * followed by NUL.
 *
 * @example
 * ```ts
 * encodeFrame([9, 1, 1]); // 00 00 00 06 "9\0" "1\0" "1\0"
 * ```
 */
export function encodeFrame(fields: readonly WireValue[]): Uint8Array {
  const text = fields.map((field) => `${formatWireValue(field)}\0`).join("");
  const payload = new TextEncoder().encode(text);
  const frame = new Uint8Array(4 + payload.length);
  new DataView(frame.buffer).setUint32(0, payload.length);
  frame.set(payload, 4);
  return frame;
}

/** The client's opening: the API version range it supports. */
export interface HandshakeFrame {
  /** Discriminant. */
  readonly kind: "handshake";
  /** Lowest server version the client accepts. */
  readonly minVersion: number;
  /** Highest server version the client accepts. */
  readonly maxVersion: number;
}

/** One framed message, split into its fields. */
export interface MessageFrame {
  /** Discriminant. */
  readonly kind: "message";
  /** The fields, without their NUL terminators. */
  readonly fields: string[];
}

/** What {@link InboundFrameReader} yields. */
export type InboundFrame = HandshakeFrame | MessageFrame;

/**
 * Reassembles a client's byte stream (chunks may split or join messages) into
 * the handshake and then framed messages.
 */
export class InboundFrameReader {
  #buffer = new Uint8Array(0);
  #handshakeDone = false;

  /** Adds received bytes and returns every frame now complete, in order. */
  push(chunk: Uint8Array): InboundFrame[] {
    const joined = new Uint8Array(this.#buffer.length + chunk.length);
    joined.set(this.#buffer);
    joined.set(chunk, this.#buffer.length);
    this.#buffer = joined;
    const frames: InboundFrame[] = [];
    while (true) {
      const frame = this.#handshakeDone ? this.#nextMessage() : this.#nextHandshake();
      if (!frame) break;
      frames.push(frame);
    }
    return frames;
  }

  #nextHandshake(): HandshakeFrame | undefined {
    if (this.#buffer.length < API_PREFIX.length + 4) return undefined;
    const prefix = new TextDecoder().decode(this.#buffer.subarray(0, API_PREFIX.length));
    if (prefix !== API_PREFIX) {
      throw new WireProtocolError(
        `expected "API\\0" to open the connection, got ${JSON.stringify(prefix)}`,
      );
    }
    const length = new DataView(this.#buffer.buffer, this.#buffer.byteOffset).getUint32(4);
    const start = API_PREFIX.length + 4;
    if (this.#buffer.length < start + length) return undefined;
    const text = new TextDecoder().decode(this.#buffer.subarray(start, start + length));
    this.#buffer = this.#buffer.slice(start + length);
    this.#handshakeDone = true;
    return parseVersionRange(text);
  }

  #nextMessage(): MessageFrame | undefined {
    if (this.#buffer.length < 4) return undefined;
    const length = new DataView(this.#buffer.buffer, this.#buffer.byteOffset).getUint32(0);
    if (length > MAX_FRAME_LENGTH) {
      throw new WireProtocolError(`frame of ${length} bytes exceeds ${MAX_FRAME_LENGTH}`);
    }
    if (this.#buffer.length < 4 + length) return undefined;
    const text = new TextDecoder().decode(this.#buffer.subarray(4, 4 + length));
    this.#buffer = this.#buffer.slice(4 + length);
    if (!text.endsWith("\0")) {
      throw new WireProtocolError(`frame does not end with NUL: ${JSON.stringify(text)}`);
    }
    return { kind: "message", fields: text.slice(0, -1).split("\0") };
  }
}

/** Parses `v100..193` (or a single `v176`) into a version range. */
function parseVersionRange(text: string): HandshakeFrame {
  const match = /^v(\d+)(?:\.\.(\d+))?$/.exec(text);
  if (!match) {
    throw new WireProtocolError(
      `expected a version range like "v100..193", got ${JSON.stringify(text)}`,
    );
  }
  const minVersion = Number(match[1]);
  const maxVersion = match[2] === undefined ? minVersion : Number(match[2]);
  return { kind: "handshake", minVersion, maxVersion };
}
