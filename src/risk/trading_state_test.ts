import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { TradingState, type TradingStateChange, TradingStateMachine } from "./trading_state.ts";

Deno.test("TradingStateMachine starts ACTIVE and reports only real changes", () => {
  const changes: TradingStateChange[] = [];
  const machine = new TradingStateMachine((change) => changes.push(change));
  assertEquals(machine.state, TradingState.ACTIVE);
  assertEquals(machine.transition(TradingState.ACTIVE, { reason: "noop", ts: 1 }), false);
  assertEquals(machine.transition(TradingState.HALTED, { reason: "error", ts: 2 }), true);
  assertEquals(machine.state, "HALTED");
  assertEquals(changes, [{ from: "ACTIVE", to: "HALTED", reason: "error", ts: 2 }]);
});
