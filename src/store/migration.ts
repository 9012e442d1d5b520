// What a numbered schema migration is, for every store adapter.

/** One migration: applied once, in order, inside a transaction. Never edit a released one. */
export interface Migration<Connection = never> {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** Work SQL alone cannot do, run after `sql` in the same transaction (filling a new index). */
  readonly backfill?: (connection: Connection) => void | Promise<void>;
}
