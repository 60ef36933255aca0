import {
  deepStrictEqual as assertEquals,
  ok as assert,
  throws as assertThrows,
} from "node:assert/strict";
import type { AccountSnapshot } from "../model/account.ts";
import type { VenueEndpoint } from "../venue/venue.ts";
import { LiveTradingRefusedError } from "./errors.ts";
import { LiveTradingGuard } from "./live_trading_guard.ts";
import { APPROVED } from "./risk_decision.ts";

const PAPER: AccountSnapshot = { accountId: "DU1234567", isPaper: true, currency: "USD" };
const LIVE: AccountSnapshot = { accountId: "U7654321", isPaper: false, currency: "USD" };

const ENDPOINTS: Record<string, VenueEndpoint> = {
  sim: { kind: "sim" },
  tws_paper: { kind: "ibkr", host: "127.0.0.1", port: 7497 },
  tws_live: { kind: "ibkr", host: "127.0.0.1", port: 7496 },
  gateway_paper: { kind: "ibkr", host: "127.0.0.1", port: 4002 },
  gateway_live: { kind: "ibkr", host: "127.0.0.1", port: 4001 },
};

/** Flag / acknowledgement combinations, in the column order of EXPECTED. */
const AUTH = [
  { liveFlag: false, ack: undefined },
  { liveFlag: false, ack: "match" },
  { liveFlag: false, ack: "WRONG1" },
  { liveFlag: true, ack: undefined },
  { liveFlag: true, ack: "match" },
  { liveFlag: true, ack: "WRONG1" },
] as const;

/** `endpoint/account` -> one letter per AUTH column: Y allowed, N refused. */
const EXPECTED: Record<string, string> = {
  "sim/paper": "YYYYYY",
  "sim/live": "YYYYYY",
  "tws_paper/paper": "YYYYYY",
  "tws_paper/live": "NNNNYN",
  "tws_live/paper": "NNNNYN",
  "tws_live/live": "NNNNYN",
  "gateway_paper/paper": "YYYYYY",
  "gateway_paper/live": "NNNNYN",
  "gateway_live/paper": "NNNNYN",
  "gateway_live/live": "NNNNYN",
};

Deno.test("LiveTradingGuard allows or refuses every endpoint, account, flag and acknowledgement combination", () => {
  let cases = 0;
  for (const [endpointName, endpoint] of Object.entries(ENDPOINTS)) {
    for (const [accountName, account] of [["paper", PAPER], ["live", LIVE]] as const) {
      const row = EXPECTED[`${endpointName}/${accountName}`] as string;
      AUTH.forEach((auth, column) => {
        const acknowledgement = auth.ack === "match" ? account.accountId : auth.ack;
        const guard = new LiveTradingGuard({ liveFlag: auth.liveFlag, acknowledgement });
        const allowed = row[column] === "Y";
        const label = `${endpointName}/${accountName} live=${auth.liveFlag} ack=${auth.ack}`;
        const decision = guard.checkOrder(endpoint, account);
        assertEquals(decision.approved, allowed, label);
        if (allowed) {
          guard.checkStart(endpoint, account);
        } else {
          assertEquals(decision.approved ? "" : decision.rule, "live_guard", label);
          assertThrows(() => guard.checkStart(endpoint, account), LiveTradingRefusedError, label);
        }
        cases += 1;
      });
    }
  }
  assertEquals(cases, 60);
});

function refusal(guard: LiveTradingGuard, endpoint: VenueEndpoint, account: AccountSnapshot) {
  try {
    guard.checkStart(endpoint, account);
  } catch (error) {
    assert(error instanceof LiveTradingRefusedError);
    return { message: error.message, accountId: error.accountId, name: error.name };
  }
  throw new Error("expected a refusal");
}

Deno.test("LiveTradingGuard explains a live account without --live", () => {
  const guard = new LiveTradingGuard({ liveFlag: false });
  assertEquals(refusal(guard, ENDPOINTS.tws_live as VenueEndpoint, LIVE), {
    message:
      "live trading refused: account U7654321 is a live (real-money) account on live port 127.0.0.1:7496; " +
      "to trade it, pass --live and set IBKR_LIVE_ACK=U7654321",
    accountId: "U7654321",
    name: "LiveTradingRefusedError",
  });
});

Deno.test("LiveTradingGuard explains a paper-looking account on a live port", () => {
  const guard = new LiveTradingGuard({ liveFlag: true });
  assertEquals(
    refusal(guard, ENDPOINTS.gateway_live as VenueEndpoint, PAPER).message,
    "live trading refused: account DU1234567 reports as paper but 127.0.0.1:4001 is a live port (7496, 4001); " +
      "--live is set but IBKR_LIVE_ACK is not; set IBKR_LIVE_ACK=DU1234567 to acknowledge this account",
  );
});

Deno.test("LiveTradingGuard explains a live account on a paper port with a wrong acknowledgement", () => {
  const guard = new LiveTradingGuard({ liveFlag: true, acknowledgement: "U0000000" });
  assertEquals(
    refusal(guard, ENDPOINTS.tws_paper as VenueEndpoint, LIVE).message,
    "live trading refused: account U7654321 is a live (real-money) account although 127.0.0.1:7497 is not a live port (7496, 4001); " +
      "IBKR_LIVE_ACK=U0000000 does not match account U7654321; set IBKR_LIVE_ACK=U7654321 to acknowledge this account",
  );
});

Deno.test("LiveTradingGuard re-checks before each order, so a reconnect to a live account is refused", () => {
  const guard = new LiveTradingGuard({ liveFlag: false });
  const endpoint = ENDPOINTS.tws_paper as VenueEndpoint;
  guard.checkStart(endpoint, PAPER);
  assertEquals(guard.checkOrder(endpoint, PAPER), APPROVED);
  const afterReconnect = guard.checkOrder(endpoint, LIVE);
  assertEquals(afterReconnect.approved, false);
  assertEquals(afterReconnect.approved ? "" : afterReconnect.rule, "live_guard");
  assertEquals(guard.checkOrder(ENDPOINTS.tws_live as VenueEndpoint, PAPER).approved, false);
});

Deno.test("LiveTradingGuard trims the acknowledgement and treats an empty one as absent", () => {
  const trimmed = new LiveTradingGuard({ liveFlag: true, acknowledgement: " U7654321\n" });
  assertEquals(trimmed.checkOrder(ENDPOINTS.tws_live as VenueEndpoint, LIVE), APPROVED);
  const empty = new LiveTradingGuard({ liveFlag: true, acknowledgement: "" });
  assert(
    empty.refusal(ENDPOINTS.tws_live as VenueEndpoint, LIVE)?.includes("IBKR_LIVE_ACK is not"),
  );
});
