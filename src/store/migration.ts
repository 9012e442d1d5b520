// What a numbered schema migration is, for every store adapter.

/** One migration: applied once, in order, inside a transaction. Never edit a released one. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}
