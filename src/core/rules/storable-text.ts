// Text both engines keep alike: PostgreSQL's text and JSON cannot hold U+0000 or an unpaired
// surrogate (SQLite kept both, or turned the surrogate into U+FFFD), so neither engine takes
// them, and a write carrying one is refused whole on both.
import { DomainError } from '../errors.js';
import type { Properties } from '../model.js';
import type { PortalStateChunk } from '../ports.js';

const NUL = '\u0000';

/** A UTF-16 surrogate without its other half: text that is not Unicode, so has no UTF-8 form. */
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The refusal of text holding U+0000, the same whichever engine is asked. */
export function nulTextError(): DomainError {
  return new DomainError(
    'INVALID_INPUT',
    'Invalid input: text may not contain the NUL character (U+0000)',
  );
}

/** The refusal of text holding half a surrogate pair (`"\ud800"` in JSON). */
export function unpairedSurrogateError(): DomainError {
  return new DomainError(
    'INVALID_INPUT',
    'Invalid input: text may not contain an unpaired surrogate (U+D800 to U+DFFF)',
  );
}

/** Why one text cannot be stored, or null when it can. */
export function unstorable(text: string): DomainError | null {
  if (text.includes(NUL)) return nulTextError();
  if (UNPAIRED_SURROGATE.test(text)) return unpairedSurrogateError();
  return null;
}

/** The refusal when any of the texts holds U+0000 or an unpaired surrogate, else null. */
export function unstorableText(texts: Iterable<string>): DomainError | null {
  for (const text of texts) {
    const refusal = unstorable(text);
    if (refusal) return refusal;
  }
  return null;
}

/** Throws when any of the texts holds U+0000 or an unpaired surrogate. */
export function assertStorableTexts(texts: Iterable<string>): void {
  const refusal = unstorableText(texts);
  if (refusal) throw refusal;
}

/** Property names and values. */
export function* propertyTexts(properties: Properties): Generator<string> {
  for (const [name, value] of Object.entries(properties)) {
    yield name;
    if (typeof value === 'string') yield value;
  }
}

/** The texts of records' properties, for a write of many records. */
export function* recordsTexts(records: readonly { properties: Properties }[]): Generator<string> {
  for (const record of records) yield* propertyTexts(record.properties);
}

/** The texts a label stores. */
export function labelTexts(label: {
  readonly name: string;
  readonly label: string;
  readonly inverseLabel: string;
}): string[] {
  return [label.name, label.label, label.inverseLabel];
}

function* chunkTexts(chunk: PortalStateChunk): Generator<string> {
  switch (chunk.kind) {
    case 'portal':
      yield chunk.name;
      return;
    case 'labels':
      for (const label of chunk.labels) yield* labelTexts(label);
      return;
    case 'records':
      yield* recordsTexts(chunk.records);
      return;
    default:
      return;
  }
}

/** The chunks of an import, each checked before the engine sees it. */
export async function* storableChunks(
  chunks: AsyncIterable<PortalStateChunk>,
): AsyncGenerator<PortalStateChunk> {
  for await (const chunk of chunks) {
    assertStorableTexts(chunkTexts(chunk));
    yield chunk;
  }
}
