/**
 * A scan of YAML text, before the YAML parser sees it, for what makes
 * parsing itself expensive: too many lines, lists and mappings nested too
 * deep, too many values, and tokens the parser reports one error each for.
 * The parser spends about a second per 120,000 nodes or 60,000 such errors
 * and recurses once per nesting level (a line of 120,000 `- ` overflows its
 * stack), so such a graph is refused here, located, in the time the lexer
 * takes to reach the first token over a limit.
 *
 * The scan runs the YAML lexer and follows block structure by columns: a
 * `-`, `?` or `:` indicator or an implicit key opens a list or mapping at its
 * column unless one is open there, and a line that starts left of an open
 * collection closes it. Its counts are lower bounds of what the parsed
 * document has (every token it counts is a node of its own: a scalar, an
 * alias, a list or mapping, an empty value), so a graph it refuses is over
 * the limit, and the exact check after parsing stays the one that decides
 * the borderline cases. Its syntax findings are YAML errors.
 *
 * @module
 */
import { CST, Lexer } from "yaml";

/** The limits the scan checks. */
export interface PrescanLimits {
  /** Most lines. */
  readonly maxLines: number;
  /** Deepest nesting of lists and mappings (the root collection is level 1). */
  readonly maxNesting: number;
  /** Most values: keys, scalars, aliases, lists and mappings, empty values. */
  readonly maxValues: number;
}

/** Where the text first goes over a limit, and which; or a syntax error, and what it is. */
export type PrescanFinding =
  | {
    /** Character offset of the token that goes over the limit (of the first line over it). */
    readonly offset: number;
    /** The limit it goes over. */
    readonly limit: "lines" | "nesting" | "values";
  }
  | {
    /** Character offset of the token in error. */
    readonly offset: number;
    /** What is wrong. */
    readonly syntax: string;
  };

/** A block collection open on the current path: its column, and whether it is a list. */
interface OpenBlock {
  readonly col: number;
  readonly seq: boolean;
}

/** An indicator whose value has not started yet: it is empty unless a node follows. */
interface PendingValue {
  readonly col: number;
  readonly lineStart: number;
  /** After a key (its value may be a list at the key's own column). */
  readonly key: boolean;
}

const NEWLINE = /^(?:\r?\n)+$/;
const BLANK = /^[ \t\uFEFF]*$/;

/** What the last significant token was, for the two kinds of token that must not repeat. */
type LastToken = "flow_start" | "comma" | "colon" | "question" | "other";

/** The message of a dash after a node on its line. */
export const DASH_AFTER_VALUE =
  'a list item ("- ") cannot follow a value on the same line; start it on a line of its own';

/** The scan's state over one text. */
class Prescan {
  #limits: PrescanLimits;
  #open: OpenBlock[] = [];
  #flow = 0;
  #values = 0;
  /** Offset of the current token. */
  offset = 0;
  /** Offset where the current line starts. */
  lineStart = 0;
  /** No significant token on this line yet. */
  #lineFresh = true;
  /** Only indicators and node properties so far since the line started (block context). */
  #leading = true;
  /** The last token on this line, properties aside, was a block indicator. */
  #afterIndicator = false;
  /** Column of the first node after the last leading indicator: where an implicit key starts. */
  #nodeCol = -1;
  #pending: PendingValue | undefined;
  #last: LastToken = "other";
  /** Where the line of the last significant token starts. */
  #lastLineStart = -1;
  /** The node about to start has an anchor / a tag already. */
  #anchored = false;
  #tagged = false;
  finding: PrescanFinding | undefined;

  constructor(limits: PrescanLimits) {
    this.#limits = limits;
  }

  get #col(): number {
    return this.offset - this.lineStart;
  }

  newline(): void {
    // Properties before a line break may belong to a collection that starts on the next line.
    this.#properties();
    this.#lineFresh = true;
    this.#leading = true;
    this.#afterIndicator = false;
    this.#nodeCol = -1;
  }

  /** A document starts or ends: nothing stays open. */
  document(): void {
    this.#endPending();
    this.#open.length = 0;
    this.#flow = 0;
    this.newline();
  }

  /** The end of the text. */
  end(): void {
    this.#endPending();
  }

  flowStart(): void {
    this.node();
    this.#flow++;
    this.#count();
    this.#checkNesting();
    this.#follows("flow_start");
  }

  flowEnd(token: string): void {
    this.#significant(false);
    this.#properties();
    this.#follows("other");
    if (this.#flow === 0) this.#syntax(`unexpected "${token}": no flow list or mapping is open`);
    else this.#flow--;
  }

  /** The lexer left flow mode (an unclosed collection). */
  flowReset(): void {
    this.#flow = 0;
  }

  /** A `,` between flow entries. */
  separator(): void {
    this.#significant(false);
    this.#properties();
    if (this.#flow > 0 && (this.#last === "flow_start" || this.#last === "comma")) {
      this.#syntax('a flow list or mapping cannot have an empty entry (two "," or a "," first)');
    }
    this.#follows("comma");
  }

  /** A scalar or an alias: one value that starts a node. */
  value(): void {
    this.node();
    this.#count();
  }

  /** A node starts here (a scalar, an alias, a flow collection, a block scalar header). */
  node(): void {
    this.#significant(false);
    this.#properties();
    this.#follows("other");
    this.#afterIndicator = false;
    if (this.#flow > 0) return;
    if (this.#nodeCol < 0) this.#nodeCol = this.#col;
    this.#leading = false;
  }

  /** An anchor (`&`) or a tag (`!`): it belongs to the node after it, and keeps the line leading. */
  property(token: string): void {
    this.#significant(false);
    this.#follows("other");
    const anchor = token[0] === "&";
    if (anchor ? this.#anchored : this.#tagged) {
      this.#syntax(`a node can have at most one ${anchor ? "anchor" : "tag"}`);
    }
    if (anchor) this.#anchored = true;
    else this.#tagged = true;
    if (this.#flow === 0 && this.#nodeCol < 0) this.#nodeCol = this.#col;
  }

  /** A `-`, `?` or `:` indicator. */
  indicator(token: string): void {
    this.#properties();
    const last = this.#last;
    const sameLine = this.#lastLineStart === this.lineStart;
    this.#follows(token === ":" ? "colon" : token === "?" ? "question" : "other");
    if (token === ":" && last === "colon" && (sameLine || this.#flow > 0)) {
      this.#syntax('":" follows ":" with no key or value between');
    }
    if (token === "?" && last === "question" && this.#flow > 0) {
      this.#syntax('"?" follows "?" with no key between');
    }
    if (this.#flow > 0) {
      this.#significant(false);
      return;
    }
    if (token === ":" && !this.#leading) {
      this.#significant(false);
      this.#implicitKey();
      return;
    }
    const dash = token === "-";
    if (dash && !this.#leading) {
      this.#syntax(DASH_AFTER_VALUE);
      return;
    }
    const compact = this.#afterIndicator;
    const keysList = this.#significant(dash);
    const col = this.#col;
    const top = this.#open[this.#open.length - 1];
    // A dash at a mapping's column opens a list only as the value of the key before it, and a
    // `:` first on its line opens nothing (the parser gives its empty key to the mapping it is
    // in); right after another indicator, it starts a mapping.
    const opens = dash
      ? keysList || top === undefined || top.col !== col || top.seq
      : token === "?" || compact;
    if (opens) this.#opens(col, dash, this.offset);
    this.#afterIndicator = true;
    this.#nodeCol = -1;
    // After `?` or `:` (a key's node follows), a list may start at the indicator's own column.
    this.#pending = { col, lineStart: this.lineStart, key: !dash };
  }

  /** Something else that is neither space nor comment: it ends a pending empty value. */
  other(): void {
    this.#significant(false);
    this.#follows("other");
  }

  /** The first line over the line limit starts at `offset`. */
  tooManyLines(offset: number): void {
    this.finding = { offset, limit: "lines" };
  }

  #implicitKey(): void {
    const col = this.#nodeCol;
    if (col < 0) return;
    this.#opens(col, false, this.lineStart + col);
    this.#leading = false;
    this.#pending = { col, lineStart: this.lineStart, key: true };
  }

  #follows(last: LastToken): void {
    this.#last = last;
    this.#lastLineStart = this.lineStart;
  }

  /** The node the properties so far belong to has started (or there is none). */
  #properties(): void {
    this.#anchored = false;
    this.#tagged = false;
  }

  /**
   * The list or mapping an entry at `col` belongs to: the open one there, or
   * a new one, which starts at `start`.
   */
  #opens(col: number, seq: boolean, start: number): void {
    const top = this.#open[this.#open.length - 1];
    if (top !== undefined && top.col === col && top.seq === seq) return;
    this.#open.push({ col, seq });
    this.#count(start);
    this.#checkNesting(start);
  }

  /**
   * A significant token at the current column: closes what it leaves and
   * settles a pending value. True when it is a dash on a later line at the
   * column of the key before it: the key's value is a list.
   */
  #significant(dash: boolean): boolean {
    const col = this.#col;
    const pending = this.#pending;
    let keysList = false;
    if (pending !== undefined) {
      this.#pending = undefined;
      const sameLine = pending.lineStart === this.lineStart;
      keysList = !sameLine && col === pending.col && dash && pending.key;
      // The value was empty: it is where its key or indicator is.
      if (!sameLine && col <= pending.col && !keysList) {
        this.#count(pending.lineStart + pending.col);
      }
    }
    if (!this.#lineFresh) return keysList;
    this.#lineFresh = false;
    if (this.#flow > 0) return keysList;
    const open = this.#open;
    for (let top = open[open.length - 1]; top !== undefined; top = open[open.length - 1]) {
      if (top.col < col || (top.col === col && (!top.seq || dash))) break;
      open.pop();
    }
    return keysList;
  }

  #endPending(): void {
    const pending = this.#pending;
    if (pending === undefined) return;
    this.#pending = undefined;
    this.#count(pending.lineStart + pending.col);
  }

  #count(at = this.offset): void {
    this.#values++;
    if (this.#values > this.#limits.maxValues) this.finding ??= { offset: at, limit: "values" };
  }

  #checkNesting(at = this.offset): void {
    if (this.#open.length + this.#flow > this.#limits.maxNesting) {
      this.finding ??= { offset: at, limit: "nesting" };
    }
  }

  #syntax(message: string): void {
    this.finding ??= { offset: this.offset, syntax: message };
  }
}

/** The offset where line `line` (1-based) starts, or undefined when `text` has fewer lines. */
function lineOffset(text: string, line: number): number | undefined {
  let offset = 0;
  for (let at = 1; at < line; at++) {
    const newline = text.indexOf("\n", offset);
    if (newline === -1) return undefined;
    offset = newline + 1;
  }
  return offset;
}

/**
 * The first place where `text` has more than `limits.maxLines` lines, nests
 * lists and mappings deeper than `limits.maxNesting`, has more than
 * `limits.maxValues` values, or has a token the YAML parser would report an
 * error for each time (a `]` or `}` that closes nothing, a list item after a
 * value on its line, a second anchor or tag on one node, an empty flow entry,
 * `: :`); undefined when
 * there is none. Brackets, dashes and colons inside quoted, plain or block
 * scalars and comments do not count: the YAML lexer tells them apart. Stops
 * at the first finding.
 *
 * @example
 * ```ts
 * const limits = { maxLines: 100, maxNesting: 3, maxValues: 100 };
 * prescanYaml("a: [[[1]]]", limits);                    // { offset: 5, limit: "nesting" }
 * prescanYaml("- - - - x", limits);                     // { offset: 6, limit: "nesting" }
 * prescanYaml("[1, 2, 3]", { ...limits, maxValues: 3 }); // { offset: 7, limit: "values" }
 * prescanYaml("a: 1]", limits);                          // { offset: 4, syntax: 'unexpected "]": ...' }
 * ```
 */
export function prescanYaml(text: string, limits: PrescanLimits): PrescanFinding | undefined {
  const scan = new Prescan(limits);
  const overLines = lineOffset(text, limits.maxLines + 1);
  // A text that ends with a newline has no line after it.
  if (overLines !== undefined && overLines < text.length) scan.tooManyLines(overLines);
  let blockScalar = false;
  let scalarText = false;
  for (const token of new Lexer().lex(scan.finding === undefined ? text : "")) {
    if (scan.finding !== undefined) return scan.finding;
    if (scalarText) {
      // The source of the scalar its marker announced (counted at the marker).
      scalarText = false;
    } else if (token === CST.SCALAR) {
      if (blockScalar) blockScalar = false; // a block scalar's content, counted at its header
      else scan.value();
      scalarText = true;
      continue;
    } else if (token === CST.DOCUMENT) {
      scan.document();
      continue;
    } else if (token === CST.FLOW_END) {
      scan.flowReset();
      continue;
    } else {
      classify(scan, token);
      if (token[0] === "|" || token[0] === ">") blockScalar = true;
    }
    scan.offset += token.length;
    const newline = token.lastIndexOf("\n");
    if (newline !== -1) {
      scan.lineStart = scan.offset - token.length + newline + 1;
      if (token.endsWith("\n")) scan.newline();
    }
  }
  scan.end();
  return scan.finding;
}

/** Hands one source token (not a lexer marker, not a scalar's source) to the scan. */
function classify(scan: Prescan, token: string): void {
  if (NEWLINE.test(token) || BLANK.test(token)) return;
  switch (token[0]) {
    case "#":
    case "%":
      return;
    case ",":
      scan.separator();
      return;
    case "-":
    case "?":
    case ":":
      if (token.length === 1) scan.indicator(token);
      else if (token === "---" || token === "...") scan.document();
      else scan.other();
      return;
    case "[":
    case "{":
      scan.flowStart();
      return;
    case "]":
    case "}":
      scan.flowEnd(token);
      return;
    case "&":
    case "!":
      scan.property(token);
      return;
    case "*":
    case '"':
    case "'":
    case "|": // a block scalar header: its content follows as one scalar
    case ">":
      scan.value();
      return;
    default:
      scan.other();
  }
}
