// One startup measurement in a fresh process (bench/startup.ts runs it): the built package's
// import, then two library-mode servers, each timed to its first answer; prints one JSON line.
const packageUrl = process.argv[2];
if (!packageUrl) throw new Error('usage: node startup-child.mjs <file URL of dist/index.js>');

/** Starts a server and waits for its first answer; the time taken, in ms. */
async function startAndAnswer(startServer) {
  const started = performance.now();
  const server = await startServer();
  const response = await fetch(`${server.url}/_emulator/health`);
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`health answered ${response.status}`);
  return { elapsed, server };
}

const importStarted = performance.now();
const { startServer } = await import(packageUrl);
const importMs = performance.now() - importStarted;
const first = await startAndAnswer(startServer);
const second = await startAndAnswer(startServer);
await first.server.close();
await second.server.close();
console.log(JSON.stringify({ importMs, firstMs: first.elapsed, secondMs: second.elapsed }));
