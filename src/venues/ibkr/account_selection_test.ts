import { deepStrictEqual as assertEquals, throws } from "node:assert/strict";
import { chooseAccount, isPaperAccount, parseManagedAccounts } from "./account_selection.ts";

Deno.test("parseManagedAccounts splits the list and drops blanks and a trailing comma", () => {
  assertEquals(parseManagedAccounts("DU111, DU222,"), ["DU111", "DU222"]);
  assertEquals(parseManagedAccounts(""), []);
});

Deno.test("chooseAccount takes the configured account when TWS manages it", () => {
  assertEquals(chooseAccount(["DU1", "DU2"], "DU2"), "DU2");
});

Deno.test("chooseAccount takes the only managed account when none is configured", () => {
  assertEquals(chooseAccount(["U7654321"], undefined), "U7654321");
});

Deno.test("chooseAccount refuses several accounts without venue.account", () => {
  throws(
    () => chooseAccount(["DU1", "DU2"], undefined),
    {
      message:
        "TWS manages several accounts (DU1, DU2): set venue.account in the graph to the one to trade",
    },
  );
});

Deno.test("chooseAccount refuses a configured account the login does not manage", () => {
  throws(
    () => chooseAccount(["DU1"], "DU9"),
    {
      message:
        "account DU9 (venue.account) is not managed by this TWS login; managed accounts: DU1",
    },
  );
});

Deno.test("isPaperAccount is true only for DU accounts", () => {
  assertEquals(["DU1234567", "U1234567", "DF123", ""].map(isPaperAccount), [
    true,
    false,
    false,
    false,
  ]);
});
