import { deepStrictEqual as assertEquals, equal as assertEqual } from "node:assert/strict";
import fc from "fast-check";
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, stringify } from "yaml";
import { DASH_AFTER_VALUE, type PrescanLimits, prescanYaml } from "./_yaml_prescan.ts";

const WIDE: PrescanLimits = { maxLines: 1_000_000, maxNesting: 1_000, maxValues: 1_000_000 };

/** Values and deepest nesting of a parsed document, each alias one value (as the text has it). */
function documentShape(text: string): { values: number; depth: number } | undefined {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) return undefined;
  let values = 0;
  let depth = 0;
  const stack: { node: unknown; level: number }[] = [{ node: doc.contents, level: 0 }];
  while (stack.length > 0) {
    const { node, level } = stack.pop()!;
    values++;
    if (isAlias(node) || isScalar(node) || node === null || node === undefined) continue;
    if (isSeq(node)) {
      depth = Math.max(depth, level + 1);
      for (const item of node.items) stack.push({ node: item, level: level + 1 });
    } else if (isMap(node)) {
      depth = Math.max(depth, level + 1);
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        stack.push({ node: pair.key, level: level + 1 }, { node: pair.value, level: level + 1 });
      }
    }
  }
  return { values, depth };
}

/** The least value and nesting limits the scan accepts `text` within. */
function counted(text: string): { values: number; depth: number } {
  let values = 0;
  while (prescanYaml(text, { ...WIDE, maxValues: values }) !== undefined) values++;
  let depth = 0;
  while (prescanYaml(text, { ...WIDE, maxNesting: depth }) !== undefined) depth++;
  return { values, depth };
}

Deno.test("prescanYaml counts block and flow nesting by the columns of indicators and keys", () => {
  assertEquals(prescanYaml("a: [[[1]]]", { ...WIDE, maxNesting: 3 }), {
    offset: 5,
    limit: "nesting",
  });
  assertEquals(prescanYaml("- - - - x", { ...WIDE, maxNesting: 3 }), {
    offset: 6,
    limit: "nesting",
  });
  // Mappings at a, b and c, the list at its dash and [2]; keys a b c d e; 1, 2, 3 and b's list.
  assertEquals(counted("a:\n  b:\n    - c: 1\n      d: [2]\n  e: 3\n"), { values: 13, depth: 5 });
  // A list at its key's column is inside the key's mapping; a line further left closes both.
  assertEquals(counted("k:\n- a\n- b\nj:\n  - - c\n"), { values: 9, depth: 3 });
  assertEquals(counted("? - a\n: - b\n"), { values: 5, depth: 2 });
  assertEquals(counted("- &x !!seq\n  - *x\n- |\n  - not: [a, list]\n"), { values: 4, depth: 2 });
});

Deno.test("prescanYaml counts an empty value as one value, and a value on the next line once", () => {
  assertEquals(counted("-\n-\n- x\n"), { values: 4, depth: 1 });
  // Two mappings, three keys, a's and c's empty values and b's mapping: 7.
  assertEquals(counted("a:\nb:\n  c:\n"), { values: 7, depth: 2 });
  // The YAML parser drops a list at the column of an explicit key's mapping: it counts as nothing
  // (the mapping, its key and its empty value do).
  assertEquals(counted("? a\n- x\n"), { values: 3, depth: 1 });
  assertEquals(counted("a: # nothing yet\n  # still nothing\n  x\n"), { values: 3, depth: 1 });
});

Deno.test("prescanYaml ignores brackets, dashes and colons in scalars, comments and block scalars", () => {
  const noise = "[[[- : {{";
  const text = `a: "${noise}"\nb: '${noise}' # ${noise}\nc: |\n  ${noise}\n  - - -\nd: x[[-:{\n`;
  assertEquals(counted(text), { values: 9, depth: 1 });
});

Deno.test("prescanYaml reports the first value over the limit where it is written", () => {
  assertEquals(prescanYaml("[1, 2, 3]", { ...WIDE, maxValues: 3 }), {
    offset: 7,
    limit: "values",
  });
  // The mapping is value 2, at its first key.
  assertEquals(prescanYaml("a: 1\nb: 2\n", { ...WIDE, maxValues: 3 }), {
    offset: 5,
    limit: "values",
  });
});

Deno.test("prescanYaml refuses more lines than the limit at the first line over it", () => {
  assertEquals(prescanYaml("a: 1\n\n\n", { ...WIDE, maxLines: 3 }), undefined);
  assertEquals(prescanYaml("a: 1\n\n\n#", { ...WIDE, maxLines: 3 }), {
    offset: 7,
    limit: "lines",
  });
});

Deno.test("prescanYaml refuses the tokens the YAML parser reports one error each for", () => {
  const at = (text: string) => prescanYaml(text, WIDE);
  assertEquals(at("a: [1]]\n"), {
    offset: 6,
    syntax: 'unexpected "]": no flow list or mapping is open',
  });
  assertEquals(at("}"), { offset: 0, syntax: 'unexpected "}": no flow list or mapping is open' });
  assertEquals(at("- 'q' - x\n"), { offset: 6, syntax: DASH_AFTER_VALUE });
  assertEquals(at("a: - x\n"), { offset: 3, syntax: DASH_AFTER_VALUE });
  assertEquals(at("k: &a &b x\n"), { offset: 6, syntax: "a node can have at most one anchor" });
  assertEquals(at("!t &a !u x"), { offset: 6, syntax: "a node can have at most one tag" });
  assertEquals(at("[a, , b]"), {
    offset: 4,
    syntax: 'a flow list or mapping cannot have an empty entry (two "," or a "," first)',
  });
  assertEquals(at("k: : x"), { offset: 3, syntax: '":" follows ":" with no key or value between' });
  assertEquals(at("{? ? x}"), { offset: 3, syntax: '"?" follows "?" with no key between' });
  // One anchor and one tag per node, on nodes of their own (&f names the mapping, &g its key).
  assertEquals(at("- &a !t x\n- &b\n  - &c [&d , &e]\n- &f\n  &g k: v\n"), undefined);
  // A trailing comma, an empty value and an empty key are no errors.
  assertEquals(at("[a, b,]\n"), undefined);
  assertEquals(at("k:\n: v\n{a: , : b}\n"), undefined);
});

const plain: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.boolean(), fc.constant(null)),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), tie("value"), { maxKeys: 4 }),
  ),
})).value;

const styles = fc.record({
  indent: fc.integer({ min: 1, max: 4 }),
  indentSeq: fc.boolean(),
  collectionStyle: fc.constantFrom("any", "block", "flow") as fc.Arbitrary<
    "any" | "block" | "flow"
  >,
  defaultStringType: fc.constantFrom(
    "PLAIN",
    "QUOTE_DOUBLE",
    "QUOTE_SINGLE",
    "BLOCK_LITERAL",
  ) as fc.Arbitrary<"PLAIN" | "QUOTE_DOUBLE" | "QUOTE_SINGLE" | "BLOCK_LITERAL">,
});

Deno.test("prescanYaml never counts more values or levels than a written graph has, and block style exactly (fast-check)", () => {
  fc.assert(
    fc.property(plain, styles, (value, options) => {
      const text = stringify(value, options);
      const shape = documentShape(text);
      if (shape === undefined) return;
      const limits = { maxLines: WIDE.maxLines, maxNesting: shape.depth, maxValues: shape.values };
      assertEqual(prescanYaml(text, limits), undefined, text);
      if (options.collectionStyle === "block") {
        // Block collections are counted as they nest.
        assertEqual(counted(text).depth, shape.depth, text);
      }
    }),
    { numRuns: 500 },
  );
});

/**
 * Pieces of YAML text. Explicit keys (`? `) are left out: after an explicit key's node the YAML
 * parser drops the rest of the line without an error (`? *x [a` reads as a key with no value),
 * so what it builds is no measure of the text there.
 */
const FRAGMENTS = [
  "- ",
  "-",
  ": ",
  ":",
  "[",
  "]",
  "{",
  "}",
  ", ",
  "\n",
  "\n",
  "\n  ",
  "  ",
  "a",
  "b: ",
  "&x ",
  "*x",
  "!t ",
  "| \n",
  "# c",
  "'q'",
  '"d"',
  "---\n",
];

const soup = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) =>
  parts.join("")
);

Deno.test("prescanYaml stays a lower bound on any text the YAML parser reads without error (fast-check)", () => {
  fc.assert(
    fc.property(soup, (text) => {
      const shape = documentShape(text);
      if (shape === undefined) return;
      const limits = { maxLines: WIDE.maxLines, maxNesting: shape.depth, maxValues: shape.values };
      assertEqual(prescanYaml(text, limits), undefined, JSON.stringify(text));
    }),
    { numRuns: 3_000 },
  );
});

Deno.test("what prescanYaml refuses as syntax the YAML parser refuses too (fast-check)", () => {
  fc.assert(
    fc.property(soup, (text) => {
      const found = prescanYaml(text, WIDE);
      if (found === undefined || !("syntax" in found)) return;
      assertEqual(parseDocument(text).errors.length > 0, true, JSON.stringify(text));
    }),
    { numRuns: 3_000 },
  );
});

Deno.test("what prescanYaml refuses as syntax inside flow collections the YAML parser refuses too (fast-check)", () => {
  const inFlow = fc.array(
    fc.constantFrom("? ", ": ", ", ", "a", "[", "]", "{", "}", "\n", "&x ", "*x"),
    {
      maxLength: 30,
    },
  ).map((parts) => `[${parts.join("")}`);
  fc.assert(
    fc.property(inFlow, (text) => {
      const found = prescanYaml(text, WIDE);
      if (found === undefined || !("syntax" in found)) return;
      assertEqual(parseDocument(text).errors.length > 0, true, JSON.stringify(text));
    }),
    { numRuns: 3_000 },
  );
});
