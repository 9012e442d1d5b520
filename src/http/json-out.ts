// JSON text written straight into bytes, for answers of up to megabytes (association reads).

/**
 * A growing buffer that JSON text is written into: fragments already JSON (as text or as bytes
 * encoded once), and integers as their digits. A 1,000-input batch read answers about 1.5 MB.
 * Built as strings (one per target, joined per result, then encoded), it cost 4.1–4.7 ms of CPU,
 * and the strings were what young-generation collections mostly had to copy. Written here it
 * costs 2.0 ms, and a batch read sets off a third as many collections (docs/performance.md).
 */
export class JsonOut {
  #buffer: Buffer;
  #length = 0;

  // Most answers are small: a first buffer under 4 KB comes from Node's shared pool, and a
  // large answer doubles its way up (copying about its own size once in all).
  constructor(initialBytes = 1024) {
    this.#buffer = Buffer.allocUnsafe(initialBytes);
  }

  /** Appends JSON text as it is. */
  text(json: string): this {
    this.#reserve(json.length * 3); // UTF-8 takes at most three bytes per UTF-16 unit
    this.#length += this.#buffer.write(json, this.#length);
    return this;
  }

  /** Appends JSON text encoded once beforehand (see `encodedJson`), for fragments used often. */
  bytes(encoded: Uint8Array): this {
    this.#reserve(encoded.length);
    this.#buffer.set(encoded, this.#length);
    this.#length += encoded.length;
    return this;
  }

  /** Appends a non-negative safe integer (a record id) as its decimal digits. */
  integer(value: number): this {
    if (!Number.isSafeInteger(value) || value < 0) return this.text(JSON.stringify(value));
    let digits = 1;
    for (let power = 10; power <= value; power *= 10) digits += 1;
    this.#reserve(digits);
    const buffer = this.#buffer;
    let rest = value;
    for (let index = this.#length + digits - 1; index >= this.#length; index -= 1) {
      const next = Math.floor(rest / 10);
      // 48 is the digit 0; the digit is taken first, as 48 + rest would round past 2^53.
      buffer[index] = 48 + (rest - next * 10);
      rest = next;
    }
    this.#length += digits;
    return this;
  }

  /** The JSON written so far; the writer must not be used after. */
  finish(): Buffer {
    return this.#buffer.subarray(0, this.#length);
  }

  #reserve(bytes: number): void {
    const needed = this.#length + bytes;
    if (needed <= this.#buffer.length) return;
    let size = this.#buffer.length * 2;
    while (size < needed) size *= 2;
    const grown = Buffer.allocUnsafe(size);
    this.#buffer.copy(grown, 0, 0, this.#length);
    this.#buffer = grown;
  }
}

/** JSON text encoded once, for `JsonOut.bytes`. */
export function encodedJson(json: string): Uint8Array {
  return Buffer.from(json, 'utf8');
}

/** Writes one JSON value (or a whole answer) into a `JsonOut`. */
export type JsonWriter = (out: JsonOut) => void;
