/**
 * Host names and `host:port` addresses of a TWS / IB Gateway: one check of
 * what a host may be (a DNS name, IPv4 or IPv6), and one spelling of the
 * address for Deno's `--allow-net` and permission queries, where IPv6 needs
 * brackets (`[::1]:7497`) while the socket wants the bare host.
 *
 * @module
 */
import { isIP } from "node:net";

const DNS_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/** What a host may be, for messages. */
export const HOST_DESCRIPTION = "a host name, an IPv4 address or an IPv6 address";

/**
 * The host `text` names, bare (IPv6 without brackets), or undefined when it is
 * not a host: a DNS name of letters, digits and hyphens, an IPv4 address, or
 * an IPv6 address with or without brackets. Ports, spaces, commas, paths and
 * schemes are refused.
 *
 * @example
 * ```ts
 * parseHost("[::1]"); // "::1"
 * parseHost("tws.lan"); // "tws.lan"
 * parseHost("localhost:4002"); // undefined
 * ```
 */
export function parseHost(text: string): string | undefined {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  if (isIP(bare) !== 0) return bare;
  if (bare !== text || bare.length === 0 || bare.length > 253) return undefined;
  const labels = bare.endsWith(".") ? bare.slice(0, -1).split(".") : bare.split(".");
  return labels.every((label) => DNS_LABEL.test(label)) ? bare : undefined;
}

/**
 * `host:port` as Deno's net permission spells it: IPv6 hosts in brackets.
 *
 * @example
 * ```ts
 * netAddress("::1", 7497); // "[::1]:7497"
 * netAddress("127.0.0.1", 7497); // "127.0.0.1:7497"
 * ```
 */
export function netAddress(host: string, port: number): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}
