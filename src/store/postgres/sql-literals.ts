// Values written into a statement's text as SQL literals, for statements sent without parameters.

/** Writes a text in as an SQL literal (the driver's escaping). */
export type Literal = (text: string) => string;

/** An integer written in as SQL. Only integers are written in bare: anything else could be SQL. */
export function integerLiteral(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`${value} is not an integer`);
  return String(value);
}

/**
 * A value bound to the store's statements (an integer, a text, or an array of either) as the
 * literal of an `EXECUTE` argument; an array becomes its text form, which PostgreSQL casts to the
 * parameter's array type.
 */
export function valueLiteral(value: unknown, literal: Literal): string {
  if (typeof value === 'number') return integerLiteral(value);
  if (typeof value === 'string') return literal(value);
  if (Array.isArray(value)) return literal(`{${value.map(arrayElement).join(',')}}`);
  throw new Error(`a value of type ${typeof value} has no literal here`);
}

function arrayElement(value: unknown): string {
  if (typeof value === 'number') return integerLiteral(value);
  if (typeof value === 'string') return `"${value.replace(/["\\]/g, '\\$&')}"`;
  throw new Error(`an array element of type ${typeof value} has no literal here`);
}
