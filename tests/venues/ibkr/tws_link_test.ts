import { deepStrictEqual as assertEquals, ok, rejects } from "node:assert/strict";
import { FakeTws, sanitizedTest } from "../../fake_tws/mod.ts";
import { SYSTEM_SCHEDULER } from "../../../src/venues/ibkr/scheduler.ts";
import { TwsLink, type TwsLinkOptions } from "../../../src/venues/ibkr/tws_link.ts";
import { TwsDisconnectedError } from "../../../src/venues/ibkr/ibkr_errors.ts";

function link(port: number, options: Partial<TwsLinkOptions> = {}): TwsLink {
  return new TwsLink({
    host: "127.0.0.1",
    port,
    clientId: 9,
    maxRequestsPerSecond: 45,
    scheduler: SYSTEM_SCHEDULER,
    connectTimeoutMs: 2000,
    ...options,
  });
}

/** Largest number of arrival times within any 1-second window. */
function busiestSecond(times: readonly number[]): number {
  let best = 0;
  for (let i = 0; i < times.length; i++) {
    let j = i;
    while (j < times.length && (times[j] as number) < (times[i] as number) + 1000) j++;
    best = Math.max(best, j - i);
  }
  return best;
}

sanitizedTest("TwsLink completes the handshake and reports nextValidId and accounts", async () => {
  await using tws = await FakeTws.start({ accounts: ["DU111", "DU222"], firstOrderId: 17 });
  const tws_link = link(tws.port);
  try {
    const session = await tws_link.connect();
    assertEquals([session.nextValidId, session.managedAccounts, session.serverVersion], [
      17,
      "DU111,DU222",
      176,
    ]);
    assertEquals(tws.requests("START_API").map((r) => r.clientId), [9]);
  } finally {
    await tws_link.close();
  }
});

sanitizedTest(
  "a burst of 150 requests all reach TWS, at most 46 in any second at the fake (IB allows 50)",
  async () => {
    await using tws = await FakeTws.start({ farmStatusOnConnect: false });
    const tws_link = link(tws.port);
    try {
      await tws_link.connect();
      const sends = Array.from({ length: 150 }, () => tws_link.send((ib) => ib.reqCurrentTime()));
      await Promise.all(sends);
      await tws.waitFor("REQ_CURRENT_TIME", { count: 150, timeoutMs: 10_000 });
      const times = tws.requests("REQ_CURRENT_TIME").map((r) => r.at);
      assertEquals(times.length, 150);
      ok(busiestSecond(times) <= 46, `busiest second at the fake: ${busiestSecond(times)}`);
      assertEquals(tws.protocolErrors, []);
    } finally {
      await tws_link.close();
    }
  },
);

sanitizedTest(
  "TwsLink refuses to send while disconnected instead of letting IBApi queue",
  async () => {
    await using tws = await FakeTws.start();
    const tws_link = link(tws.port);
    try {
      await tws_link.connect();
      const lost = new Promise<void>((resolve) => tws_link.on("disconnected", resolve));
      await tws.dropConnection();
      await lost;
      await rejects(tws_link.send((ib) => ib.reqCurrentTime()), TwsDisconnectedError);
      await tws_link.connect();
      await tws_link.send((ib) => ib.reqCurrentTime());
      await tws.waitFor("REQ_CURRENT_TIME");
      assertEquals(
        tws.requests("REQ_CURRENT_TIME").map((r) => r.connectionId),
        [2],
      );
    } finally {
      await tws_link.close();
    }
  },
);

sanitizedTest("TwsLink.connect names host:port and the API settings when TWS refuses", async () => {
  await using tws = await FakeTws.start();
  tws.setAcceptConnections(false);
  const tws_link = link(tws.port);
  try {
    await rejects(tws_link.connect(), (error: Error) => {
      assertEquals(
        error.message.startsWith(`cannot connect to TWS / IB Gateway at 127.0.0.1:${tws.port}`),
        true,
      );
      ok(error.message.includes("paper 7497"), error.message);
      return true;
    });
  } finally {
    await tws_link.close();
  }
});

sanitizedTest("TwsLink.connect times out when the port answers but never speaks TWS", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const accepted: Deno.Conn[] = [];
  const accepting = (async () => {
    for await (const conn of listener) accepted.push(conn);
  })();
  const tws_link = link((listener.addr as Deno.NetAddr).port, { connectTimeoutMs: 200 });
  try {
    await rejects(
      tws_link.connect(),
      /no answer from TWS \/ IB Gateway at 127\.0\.0\.1:\d+ within 0\.2 s: check that it is running and logged in, that Configure > API > Settings has "Enable ActiveX and Socket Clients" on/,
    );
  } finally {
    await tws_link.close();
    for (const conn of accepted) conn.close();
    listener.close();
    await accepting;
  }
});

sanitizedTest(
  "closing the link abandons a handshake in progress without leaking its timer",
  async () => {
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const accepted: Deno.Conn[] = [];
    const accepting = (async () => {
      for await (const conn of listener) accepted.push(conn);
    })();
    const tws_link = link((listener.addr as Deno.NetAddr).port, { connectTimeoutMs: 60_000 });
    try {
      const connecting = tws_link.connect();
      const closing = tws_link.close();
      await rejects(connecting, /the connection attempt to TWS at 127\.0\.0\.1:\d+ was abandoned/);
      await closing;
    } finally {
      for (const conn of accepted) conn.close();
      listener.close();
      await accepting;
    }
  },
);

sanitizedTest("TwsLink.connect reports a client id already in use (326)", async () => {
  await using tws = await FakeTws.start();
  const first = link(tws.port);
  const second = link(tws.port);
  try {
    await first.connect();
    await rejects(second.connect(), /client id 9 is already in use at 127\.0\.0\.1:\d+/);
  } finally {
    await second.close();
    await first.close();
  }
});

sanitizedTest(
  "a port nobody listens on is reported as such; a TWS that hangs up says which setting lets us in",
  async () => {
    const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const freePort = (closed.addr as Deno.NetAddr).port;
    closed.close();
    const nobody = link(freePort);
    try {
      await rejects(nobody.connect(), (error: Error) => {
        ok(error.message.includes("nothing listens on that port"), error.message);
        return true;
      });
    } finally {
      await nobody.close();
    }
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const hangingUp = (async () => {
      for await (const conn of listener) conn.close();
    })();
    const rude = link((listener.addr as Deno.NetAddr).port);
    try {
      await rejects(rude.connect(), (error: Error) => {
        ok(error.message.includes("closed the connection before the API handshake"), error.message);
        ok(error.message.includes("127.0.0.1 is a trusted IP"), error.message);
        return true;
      });
    } finally {
      await rude.close();
      listener.close();
      await hangingUp;
    }
  },
);
