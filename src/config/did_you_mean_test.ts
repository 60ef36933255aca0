import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { didYouMean, editDistance, suggestClosest } from "./did_you_mean.ts";

Deno.test("editDistance counts insertions, deletions, substitutions and transpositions", () => {
  assertEquals(editDistance("max_postion", "max_position"), 1);
  assertEquals(editDistance("abc", "acb"), 1);
  assertEquals(editDistance("kitten", "sitting"), 3);
  assertEquals(editDistance("", "abc"), 3);
  assertEquals(editDistance("same", "same"), 0);
});

Deno.test("suggestClosest proposes max_position for max_postion", () => {
  assertEquals(suggestClosest("max_postion", ["max_notional", "max_position"]), "max_position");
  assertEquals(suggestClosest("MAX_POSITION", ["max_position"]), "max_position");
});

Deno.test("suggestClosest gives nothing when no candidate is a plausible typo", () => {
  assertEquals(suggestClosest("banana", ["max_position", "max_notional"]), undefined);
  assertEquals(suggestClosest("ab", ["xy"]), undefined);
  assertEquals(suggestClosest("x", []), undefined);
});

Deno.test("didYouMean suggests a close name or lists what is allowed", () => {
  assertEquals(didYouMean("strategy", ["name", "strategies"]), 'did you mean "strategies"?');
  assertEquals(didYouMean("zzz", ["name", "venue"]), "allowed: name, venue");
  assertEquals(didYouMean("zzz", []), "nothing is allowed here");
});
