/**
 * Test strategy whose construction throws.
 *
 * @module
 */
import { defineStrategy, z } from "../../src/mod.ts";

/** Fails in create (tests). */
export default defineStrategy({
  description: "throws in create (tests)",
  params: z.object({}),
  create() {
    throw new Error("cannot build this strategy");
  },
});
