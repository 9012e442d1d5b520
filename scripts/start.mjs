// `npm start`: runs the built CLI in this process, and stops it when npm stops.
// npm runs a script through a shell (`sh -c`), and passes a SIGTERM or SIGINT it receives to that
// shell only; the shell dies of it without passing it on, and the server would keep serving with
// no npm above it. Once this process's parent has changed (the shell is gone, so this process was
// handed to another), it sends itself SIGTERM: the server then shuts down as it does on SIGTERM.
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/cli/main.js', import.meta.url);
const shell = process.ppid;
const watch = setInterval(() => {
  if (process.ppid === shell) return;
  clearInterval(watch);
  process.kill(process.pid, 'SIGTERM');
}, 100);
watch.unref();
// The CLI reads its arguments from process.argv, and --workers forks process.argv[1].
process.argv[1] = fileURLToPath(main);
await import(main.href);
