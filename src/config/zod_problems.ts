/**
 * Runs a zod schema over plain graph data and turns every issue into a
 * located, readable problem: `expected an integer, got "ten"`,
 * `must be >= 5 (got 3)`, `unknown key "max_postion", did you mean "max_position"?`.
 *
 * @module
 */
import type { z } from "zod";
import type { PathSegment } from "./problems.ts";
import { didYouMean, suggestClosest } from "./did_you_mean.ts";
import type { PositionTarget } from "./yaml_source.ts";

/** A schema issue with its path in the input, what to point at, and a message. */
export interface LocatedIssue {
  /** Path in the input data (YAML terms). */
  readonly path: PathSegment[];
  /** Whether to point at the entry's key (unknown keys) or its value. */
  readonly target: PositionTarget;
  /** Readable message. */
  readonly message: string;
}

/** Result of {@link parseWithIssues}. */
export type IssueParseResult<T> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly issues: LocatedIssue[] };

const KEY_HINTS = new WeakMap<object, Readonly<Record<string, string>>>();

/**
 * Registers explanations for keys that `schema` (a strict object) rejects but
 * that are valid elsewhere, e.g. `{ weights: "is not allowed with type equal_weight" }`
 * (shown as `key "weights" is not allowed with type equal_weight`).
 * Returns `schema` for chaining.
 */
export function withKeyHints<T extends z.ZodType>(
  schema: T,
  hints: Readonly<Record<string, string>>,
): T {
  KEY_HINTS.set(schema, hints);
  return schema;
}

const EXPECTED_NAMES: Readonly<Record<string, string>> = {
  number: "a number",
  int: "an integer",
  string: "a string",
  boolean: "true or false",
  array: "a list",
  object: "a mapping",
  record: "a mapping",
  map: "a mapping",
  nan: "NaN",
};

/** Describes a value for a message: `"abc"`, `1.5`, `a list`, `null (empty value)`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null (empty value)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return JSON.stringify(value);
  return String(value);
}

function listValues(values: readonly unknown[]): string {
  return values.map((value) => typeof value === "string" ? value : String(value)).join(", ");
}

type RawIssue = z.core.$ZodRawIssue;

function invalidTypeMessage(issue: RawIssue & { expected?: string; received?: string }): string {
  const expected = EXPECTED_NAMES[issue.expected ?? ""] ?? issue.expected ?? "a value";
  if (issue.input === undefined && issue.received === undefined) return "missing required key";
  const got = issue.received === "Infinity" || issue.received === "NaN"
    ? issue.received
    : describeValue(issue.input);
  return `expected ${expected}, got ${got}`;
}

function sizeMessage(
  issue: RawIssue & { origin?: string; inclusive?: boolean },
  { bound, direction }: { readonly bound: number | bigint; readonly direction: "min" | "max" },
): string {
  if (issue.origin === "array" || issue.origin === "set") {
    if (direction === "min") {
      return Number(bound) === 1 ? "must not be empty" : `must have at least ${bound} items`;
    }
    return `must have at most ${bound} items`;
  }
  if (issue.origin === "string") {
    if (direction === "min") {
      return Number(bound) === 1 ? "must not be empty" : `must be at least ${bound} characters`;
    }
    return `must be at most ${bound} characters`;
  }
  const operator = direction === "min"
    ? (issue.inclusive ? ">=" : ">")
    : (issue.inclusive ? "<=" : "<");
  return `must be ${operator} ${bound} (got ${describeValue(issue.input)})`;
}

function discriminatorMessage(issue: RawIssue & { discriminator?: string; options?: unknown[] }) {
  const options = listValues(issue.options ?? []);
  const input = issue.input as Record<string, unknown> | undefined;
  const value = input?.[issue.discriminator ?? ""];
  if (value === undefined) return `missing required key (one of ${options})`;
  const closest = typeof value === "string"
    ? suggestClosest(value, (issue.options ?? []).map(String))
    : undefined;
  const hint = closest === undefined ? "" : `, did you mean "${closest}"?`;
  return `must be one of ${options} (got ${describeValue(value)}${hint})`;
}

/** The message for one zod issue (without the path); unknown keys are handled by the caller. */
function issueMessage(issue: RawIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return invalidTypeMessage(issue);
    case "too_small":
      return sizeMessage(issue, { bound: issue.minimum, direction: "min" });
    case "too_big":
      return sizeMessage(issue, { bound: issue.maximum, direction: "max" });
    case "invalid_value": {
      if (issue.values.length === 1) {
        return `must be ${describeValue(issue.values[0])} (got ${describeValue(issue.input)})`;
      }
      return `must be one of ${listValues(issue.values)} (got ${describeValue(issue.input)})`;
    }
    case "invalid_format":
      if (issue.format === "datetime") {
        return `must be an ISO 8601 date-time such as 2024-01-02T14:30:00Z (got ${
          describeValue(issue.input)
        })`;
      }
      return `must match ${issue.pattern ?? issue.format} (got ${describeValue(issue.input)})`;
    case "invalid_union":
      if (issue.input === undefined) return "missing required key";
      if ("discriminator" in issue || issue.note === "No matching discriminator") {
        return discriminatorMessage(issue);
      }
      return `invalid value ${describeValue(issue.input)}`;
    case "invalid_key":
      return `invalid key: ${issue.issues[0]?.message ?? "not allowed"}`;
    case "not_multiple_of":
      return `must be a multiple of ${issue.divisor} (got ${describeValue(issue.input)})`;
    default:
      return issue.message ?? "invalid value";
  }
}

function unknownKeyMessage(key: string, owner: UnknownKeyOwner | undefined): string {
  const hint = owner?.hints?.[key];
  if (hint !== undefined) return `key "${key}" ${hint}`;
  return `unknown key "${key}", ${didYouMean(key, owner?.known ?? [])}`;
}

/** The keys an object schema knows, and its hints, for unknown-key messages. */
interface UnknownKeyOwner {
  readonly known: readonly string[];
  readonly hints?: Readonly<Record<string, string>>;
}

function shapeKeys(instance: unknown): string[] {
  const def = (instance as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def;
  return def?.shape ? Object.keys(def.shape) : [];
}

/**
 * Parses `data` with `schema`, collecting every issue as a {@link LocatedIssue}.
 * Unknown keys become one issue per key, located at the key, with a
 * did-you-mean suggestion from the object's own keys.
 *
 * @example
 * ```ts
 * const result = parseWithIssues(z.strictObject({ max_position: z.number() }), { max_postion: 1 });
 * // result.issues[0].message === 'unknown key "max_postion", did you mean "max_position"?'
 * ```
 */
export function parseWithIssues<T>(schema: z.ZodType<T>, data: unknown): IssueParseResult<T> {
  const unknownKeys = new Map<string, UnknownKeyOwner>();
  const result = schema.safeParse(data, {
    reportInput: true,
    error: (issue) => {
      if (issue.code === "unrecognized_keys") {
        const hints = issue.inst === undefined ? undefined : KEY_HINTS.get(issue.inst);
        unknownKeys.set(JSON.stringify(issue.path ?? []), {
          known: shapeKeys(issue.inst),
          ...(hints === undefined ? {} : { hints }),
        });
        return "unknown keys";
      }
      return issueMessage(issue);
    },
  });
  if (result.success) return { success: true, data: result.data };
  const issues: LocatedIssue[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path.filter((segment): segment is PathSegment =>
      typeof segment !== "symbol"
    );
    if (issue.code === "unrecognized_keys") {
      const info = unknownKeys.get(JSON.stringify(path));
      for (const key of issue.keys) {
        issues.push({
          path: [...path, key],
          target: "key",
          message: unknownKeyMessage(key, info),
        });
      }
    } else {
      const target = issue.code === "invalid_key" ? "key" : "value";
      issues.push({ path, target, message: issue.message });
    }
  }
  return { success: false, issues };
}
