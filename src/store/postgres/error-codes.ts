// PostgreSQL's error codes (SQLSTATE) that the store acts on, read off the driver's errors.

/** Whether `error` is the driver's report of an error PostgreSQL raised with `code`. */
export function hasErrorCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as { code?: unknown }).code === code;
}
