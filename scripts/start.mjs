// `npm start`: runs the built CLI in this process, and stops it when npm stops.
// npm runs a script through a shell (`sh -c`) and passes a SIGTERM or SIGINT it receives to that
// shell only. The script `exec`s node, so that shell becomes this process and the signal reaches
// the server, which shuts down gracefully. Should npm die without passing anything on (SIGKILL),
// this process is handed to another parent: it then sends itself SIGTERM and shuts down the same way.
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/cli/main.js', import.meta.url);
const npm = process.ppid;
const watch = setInterval(() => {
  if (process.ppid === npm) return;
  clearInterval(watch);
  process.kill(process.pid, 'SIGTERM');
}, 100);
watch.unref();
// The CLI reads its arguments from process.argv, and --workers forks process.argv[1].
process.argv[1] = fileURLToPath(main);
await import(main.href);
