// Before `npm pack` and `npm publish`: removes dist, so that the `prepare` build that follows
// leaves only what the sources compile to now (an up-to-date `tsc -b` keeps the outputs of
// deleted sources).
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
