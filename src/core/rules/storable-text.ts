// Text both engines keep alike: PostgreSQL's text and JSON cannot hold U+0000, so neither engine
// takes it, and a write carrying it is refused whole on both.
import { DomainError } from '../errors.js';
import type { Properties } from '../model.js';
import type { PortalStateChunk } from '../ports.js';

const NUL = '\u0000';

/** The refusal of text holding U+0000, the same whichever engine is asked. */
export function nulTextError(): DomainError {
  return new DomainError(
    'INVALID_INPUT',
    'Invalid input: text may not contain the NUL character (U+0000)',
  );
}

/** The refusal when any of the texts holds U+0000, else null. */
export function unstorableText(texts: Iterable<string>): DomainError | null {
  for (const text of texts) if (text.includes(NUL)) return nulTextError();
  return null;
}

/** Throws when any of the texts holds U+0000. */
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
