/**
 * Sequential reader over one message's fields, strict about underruns.
 *
 * @module
 */
import { Decimal } from "../../src/model/mod.ts";
import { WireProtocolError } from "./wire.ts";

/** Reads the fields of one client message in order. */
export class FieldReader {
  readonly #fields: readonly string[];
  readonly #messageName: string;
  #position = 0;

  /** Reads `fields`; `messageName` appears in error messages. */
  constructor(fields: readonly string[], messageName: string) {
    this.#fields = fields;
    this.#messageName = messageName;
  }

  /** Number of fields not yet read. */
  get remaining(): number {
    return this.#fields.length - this.#position;
  }

  /** The next field as text. */
  str(): string {
    const value = this.#fields[this.#position];
    if (value === undefined) {
      throw new WireProtocolError(
        `${this.#messageName}: expected a field at position ${this.#position}, message has ${this.#fields.length}`,
      );
    }
    this.#position++;
    return value;
  }

  /** The next field as an integer; an empty field reads as 0. */
  int(): number {
    const text = this.str();
    return text === "" ? 0 : this.#parseIntText(text);
  }

  /** The next field as an integer, or `undefined` when empty or 2147483647 (unset). */
  optionalInt(): number | undefined {
    const text = this.str();
    if (text === "" || text === "2147483647") return undefined;
    return this.#parseIntText(text);
  }

  /** The next field as a decimal, or `undefined` when empty or Double.MAX_VALUE (unset). */
  optionalDecimal(): Decimal | undefined {
    const text = this.str();
    if (text === "" || text === String(Number.MAX_VALUE)) return undefined;
    try {
      return new Decimal(text);
    } catch {
      throw new WireProtocolError(
        `${this.#messageName}: expected a number, got ${JSON.stringify(text)}`,
      );
    }
  }

  /** The next field as a boolean (`1`/`true` is true), or `undefined` when empty. */
  optionalBool(): boolean | undefined {
    const text = this.str();
    if (text === "") return undefined;
    return text === "1" || text.toLowerCase() === "true";
  }

  /** The next field as a boolean; empty reads as false. */
  bool(): boolean {
    return this.optionalBool() ?? false;
  }

  /** Fails unless every field has been read (fixed-layout messages). */
  expectEnd(): void {
    if (this.remaining !== 0) {
      throw new WireProtocolError(
        `${this.#messageName}: ${this.remaining} unexpected trailing field(s): ${
          JSON.stringify(this.#fields.slice(this.#position))
        }`,
      );
    }
  }

  #parseIntText(text: string): number {
    const value = Number.parseInt(text, 10);
    if (Number.isNaN(value)) {
      throw new WireProtocolError(
        `${this.#messageName}: expected an integer, got ${JSON.stringify(text)}`,
      );
    }
    return value;
  }
}
