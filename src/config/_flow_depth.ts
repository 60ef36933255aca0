/**
 * A scan of YAML text for flow collections (`[...]`, `{...}`) nested deeper
 * than a graph allows, run before the YAML parser composes the document: the
 * composer recurses once per flow level, so a megabyte of `[` would otherwise
 * cost it seconds and its whole stack before it gives up.
 *
 * @module
 */
import { CST, Lexer } from "yaml";

/** Lexer tokens that mark a mode, not source text: they take no characters. */
const MARKERS = new Set<string>([CST.DOCUMENT, CST.FLOW_END, CST.SCALAR]);

/**
 * The character offset of the first flow collection opened more than
 * `maxDepth` levels deep, or undefined when there is none. Uses the YAML
 * lexer itself, so brackets in quoted or plain scalars and comments do not
 * count. Stops at the first one.
 *
 * @example
 * ```ts
 * tooDeepFlowAt("a: [[[1]]]", 2); // 5 (the third "[")
 * tooDeepFlowAt("a: [[1]]", 2); // undefined
 * ```
 */
export function tooDeepFlowAt(text: string, maxDepth: number): number | undefined {
  let depth = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === "[" || token === "{") {
      depth++;
      if (depth > maxDepth) return offset;
    } else if ((token === "]" || token === "}") && depth > 0) {
      depth--;
    } else if (token === CST.FLOW_END || token === CST.DOCUMENT) {
      depth = 0; // the lexer left flow mode (an unclosed collection, a new document)
    }
    if (!MARKERS.has(token)) offset += token.length;
  }
  return undefined;
}
