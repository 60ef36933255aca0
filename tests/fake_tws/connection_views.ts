/**
 * Read-only views of the fake's connections and subscriptions for tests.
 *
 * @module
 */
import type { ClientConnection, ConnectionPhase } from "./client_connection.ts";

/** A client connection as tests see it. */
export interface ConnectionInfo {
  readonly connectionId: number;
  /** From START_API; undefined during the handshake. */
  readonly clientId: number | undefined;
  readonly phase: ConnectionPhase;
  /** 1 live, 2 frozen, 3 delayed, 4 delayed frozen. */
  readonly marketDataType: number;
  readonly positionsSubscribed: boolean;
}

/** One live market data or real-time bar subscription. */
export interface SubscriptionInfo {
  readonly connectionId: number;
  readonly clientId: number | undefined;
  readonly kind: "marketData" | "realTimeBars";
  readonly reqId: number;
  readonly symbol: string;
}

/** The view of one connection. */
export function connectionInfo(c: ClientConnection): ConnectionInfo {
  return {
    connectionId: c.id,
    clientId: c.clientId,
    phase: c.phase,
    marketDataType: c.marketDataType,
    positionsSubscribed: c.positionsSubscribed,
  };
}

/** Live market data and real-time bar subscriptions of `connections`, optionally of one symbol. */
export function subscriptionInfos(
  connections: readonly ClientConnection[],
  symbol?: string,
): SubscriptionInfo[] {
  const result: SubscriptionInfo[] = [];
  for (const c of connections) {
    const base = { connectionId: c.id, clientId: c.clientId };
    for (const [reqId, s] of c.marketData) {
      result.push({ ...base, kind: "marketData", reqId, symbol: s });
    }
    for (const [reqId, s] of c.realTimeBars) {
      result.push({ ...base, kind: "realTimeBars", reqId, symbol: s });
    }
  }
  return symbol === undefined ? result : result.filter((s) => s.symbol === symbol.toUpperCase());
}
