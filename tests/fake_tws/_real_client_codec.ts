/**
 * The real client's encoder and decoder (stoqey/ib 1.6.10 internals) driven
 * without a socket, so unit tests can check the fake's layouts at every
 * supported server version.
 *
 * @module
 */
import { Decoder } from "@stoqey/ib/dist/core/io/decoder.js";
import { Encoder } from "@stoqey/ib/dist/core/io/encoder.js";
import { formatWireValue, type WireValue } from "./wire.ts";

/** What the real decoder made of one message. */
export interface DecodeResult {
  /** Emitted events as `[name, ...args]`. */
  readonly events: unknown[][];
  /** emitError calls as `[message, code, reqId]` (505 = layout error). */
  readonly errors: unknown[][];
  /** emitInfo calls as `[message, code]`. */
  readonly infos: unknown[][];
}

/** Runs one server message (fields as the fake builds them) through the real decoder. */
export function decodeWithRealClient(
  fields: readonly WireValue[],
  serverVersion: number,
): DecodeResult {
  const result: DecodeResult = { events: [], errors: [], infos: [] };
  const decoder = new Decoder({
    serverVersion,
    emitEvent: (name, ...args) => result.events.push([name, ...args]),
    emitError: (message, code, reqId) => result.errors.push([message, code, reqId]),
    emitInfo: (message, code) => result.infos.push([message, code]),
  });
  decoder.enqueueMessage(fields.map(formatWireValue));
  decoder.process();
  return result;
}

function flatten(values: readonly unknown[], into: unknown[] = []): unknown[] {
  for (const value of values) {
    if (Array.isArray(value)) flatten(value, into);
    else into.push(value);
  }
  return into;
}

/**
 * The fields the real client sends for one call, e.g.
 * `encodeWithRealClient(176, (e) => e.reqIds(1))`, formatted as its socket
 * does (booleans 1/0, undefined and null empty).
 */
export function encodeWithRealClient(
  serverVersion: number,
  call: (encoder: Encoder) => void,
): string[] {
  const sent: string[][] = [];
  const errors: string[] = [];
  const encoder = new Encoder({
    serverVersion,
    sendMsg: (...tokens: unknown[]) => {
      sent.push(
        flatten(tokens).map((t) => {
          if (t === true) return "1";
          if (t === false) return "0";
          return t === undefined || t === null ? "" : String(t);
        }),
      );
    },
    emitError: (message: string) => errors.push(message),
  });
  call(encoder);
  if (errors.length > 0) throw new Error(`encoder refused: ${errors.join("; ")}`);
  if (sent.length !== 1) throw new Error(`expected one message, encoder sent ${sent.length}`);
  return sent[0]!;
}
