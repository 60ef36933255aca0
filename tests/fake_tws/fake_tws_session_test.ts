import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { EventName, IBApi } from "@stoqey/ib";
import { FakeTws } from "./fake_tws.ts";
import { IbTestClient } from "./ib_test_client.ts";
import { sanitizedTest } from "./sanitizers.ts";
import { encodeFrame } from "./wire.ts";

sanitizedTest(
  "the real IBApi connects and receives nextValidId and the managed accounts",
  async () => {
    await using tws = await FakeTws.start({ accounts: ["DU1234567", "DU7654321"], settleMs: 0 });
    await using client = await IbTestClient.connect(tws, { clientId: 7 });
    assertEquals(client.argsOf(EventName.nextValidId), [[1]]);
    assertEquals(client.argsOf(EventName.managedAccounts), [["DU1234567,DU7654321"]]);
    assertEquals(client.ib.serverVersion, 176);
    const start = tws.requests("START_API");
    assertEquals(start.map((r) => r.clientId), [7]);
    assertEquals(tws.connections().map((c) => [c.clientId, c.phase]), [[7, "ready"]]);
    assert(tws.protocolErrors.length === 0, tws.protocolErrors.join("\n"));
  },
);

sanitizedTest(
  "every decoded request is recorded in order with its connection and client id",
  async () => {
    await using tws = await FakeTws.start({ settleMs: 0 });
    await using client = await IbTestClient.connect(tws, { clientId: 12 });
    client.ib.reqMarketDataType(3);
    client.ib.reqAutoOpenOrders(true);
    client.ib.reqCurrentTime();
    const last = await tws.waitFor("REQ_CURRENT_TIME");
    assertEquals(tws.received.map((r) => [r.seq, r.name, r.connectionId, r.clientId]), [
      [0, "START_API", 1, 12],
      [1, "REQ_MARKET_DATA_TYPE", 1, 12],
      [2, "REQ_AUTO_OPEN_ORDERS", 1, 12],
      [3, "REQ_CURRENT_TIME", 1, 12],
    ]);
    assertEquals(last.raw, ["49", "1"]);
    assertEquals(tws.requests("REQ_MARKET_DATA_TYPE")[0]?.marketDataType, 3);
  },
);

sanitizedTest("close() alone cleans up a raw IBApi the test never disconnected", async () => {
  const tws = await FakeTws.start();
  const ib = new IBApi({ host: tws.host, port: tws.port, clientId: 9, maxReqPerSec: 40 });
  const ready = new Promise((resolve) => ib.once(EventName.nextValidId, resolve));
  const disconnected = new Promise((resolve) => ib.once(EventName.disconnected, resolve));
  ib.connect();
  await ready;
  ib.reqCurrentTime();
  await tws.waitFor("REQ_CURRENT_TIME");
  await tws.close();
  await disconnected;
  assertEquals(ib.isConnected, false);
});

sanitizedTest(
  "bytes that are not the TWS protocol are reported in protocolErrors and the socket is closed",
  async () => {
    await using tws = await FakeTws.start({ settleMs: 0 });
    const conn = await Deno.connect({ hostname: tws.host, port: tws.port });
    await conn.write(new TextEncoder().encode("GET / HTTP/1.1\r\n\r\n"));
    assertEquals(await conn.read(new Uint8Array(16)), null);
    conn.close();
    await tws.waitUntil(() => (tws.protocolErrors.length > 0 ? true : undefined));
    assert(/expected "API\\0"/.test(tws.protocolErrors[0]!), tws.protocolErrors[0]);
    await tws.waitForNoClients();
  },
);

sanitizedTest(
  "a client that sends a request before START_API is reported in protocolErrors",
  async () => {
    await using tws = await FakeTws.start({ settleMs: 0 });
    const conn = await Deno.connect({ hostname: tws.host, port: tws.port });
    const range = new TextEncoder().encode("v100..193");
    const hello = new Uint8Array(8 + range.length);
    hello.set(new TextEncoder().encode("API\0"));
    new DataView(hello.buffer).setUint32(4, range.length);
    hello.set(range, 8);
    await conn.write(hello);
    const reply = new Uint8Array(64);
    const n = await conn.read(reply);
    assert(n !== null && new TextDecoder().decode(reply.subarray(4, n)).startsWith("176\0"));
    await conn.write(encodeFrame([8, 1, 1]));
    await tws.waitUntil(() => (tws.protocolErrors.length > 0 ? true : undefined));
    assertEquals(tws.protocolErrors, ["connection 1: REQ_IDS before START_API"]);
    conn.close();
    await tws.waitForNoClients();
  },
);
