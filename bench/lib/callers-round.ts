// One round of single calls from several callers at once in this process: its rate and its CPU.

/** A round's rate, and its CPU per call: PostgreSQL's, and the process's that did the work. */
export interface Round {
  readonly perSecond: number;
  /** In a callers round, this process's; a server measured over HTTP reports its own. */
  readonly processMs: number;
  /** NaN on SQLite, whose work is this process's. */
  readonly databaseMs: number;
}

/**
 * Makes `amount` calls, `call(0)` to `call(amount - 1)`, from `callers` callers each waiting for
 * its last call before the next; `databaseCpu` starts counting the database's CPU (see
 * `database-cpu.ts`).
 */
export async function callersRound(
  callers: number,
  amount: number,
  call: (index: number) => Promise<unknown>,
  databaseCpu: () => Promise<() => Promise<number>>,
): Promise<Round> {
  const usedByDatabase = await databaseCpu();
  const cpu = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (next < amount) await call(next++);
    }),
  );
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return {
    perSecond: (amount / ms) * 1000,
    processMs: (used.user + used.system) / 1000 / amount,
    databaseMs: (await usedByDatabase()) / amount,
  };
}
