/**
 * The text around csv-parse: which separator a file uses, how to name it in
 * messages, and where a row with an unclosed quote starts. Private to
 * bar_csv.ts.
 *
 * @module
 */

/** Field separators a file may use, by the name messages give them. */
const DELIMITER_NAMES: Readonly<Record<string, string>> = {
  ",": "commas",
  ";": "semicolons",
  "\t": "tabs",
};

/** Why a first line with other separators was not read, when it has them. */
export function delimiterHint(fields: readonly string[], delimiter: string): string {
  const line = fields.join(delimiter);
  for (const other of [";", "\t"]) {
    if (other !== delimiter && line.includes(other)) {
      return `; its fields look separated by ${DELIMITER_NAMES[other]} (with decimal commas?): ` +
        "write the file with commas between fields and points in numbers";
    }
  }
  return delimiter === ","
    ? ""
    : ` (read with its fields separated by ${DELIMITER_NAMES[delimiter]})`;
}

/**
 * The field separator of a file: commas, unless its first non-blank line has
 * none and has semicolons or tabs (a header such as `Date;Open;High;...`, or
 * a first row `20240102;10;11;9;10.5;100`).
 */
export function delimiterOf(firstLine: string): string {
  if (firstLine.includes(",")) return ",";
  if (firstLine.includes(";")) return ";";
  if (firstLine.includes("\t")) return "\t";
  return ",";
}

/** At most this many bytes are decoded to find the first line and the separator. */
const SNIFF_BYTES = 64 * 1024;

/** The lines of `input`, decoded: only its first `limit` bytes (or characters of a string). */
function linesOf(input: string | Uint8Array, limit = Number.POSITIVE_INFINITY): string[] {
  const text = typeof input === "string"
    ? (input.length > limit ? input.slice(0, limit) : input)
    : new TextDecoder().decode(input.subarray(0, Math.min(input.length, limit)));
  return text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
}

/** The first non-blank line of `input` (a byte order mark dropped). */
export function firstLineOf(input: string | Uint8Array): string {
  return linesOf(input, SNIFF_BYTES).find((line) => line.trim() !== "") ?? "";
}

/**
 * The line where the row with an unclosed quote starts: the first non-blank
 * line after the last complete row (csv-parse reports the end of the file).
 */
export function unclosedQuoteLine(input: string | Uint8Array, lastRowLine: number): number {
  const lines = linesOf(input);
  for (let index = lastRowLine; index < lines.length; index++) {
    if ((lines[index] as string).trim() !== "") return index + 1;
  }
  return lastRowLine + 1;
}
