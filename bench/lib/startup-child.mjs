// One startup measurement in a fresh process (bench/startup.ts runs it): the built package's
// import, then two library-mode servers, each timed to its first answer; prints one JSON line.
const packageUrl = process.argv[2];
if (!packageUrl) throw new Error('usage: node startup-child.mjs <file URL of dist/index.js>');

/** CPU time of this process (all its threads) since `from`, in ms. */
function cpuMs(from) {
  const { user, system } = process.cpuUsage(from);
  return (user + system) / 1000;
}

/** Starts a server and waits for its first answer; the time taken (wall and CPU), in ms. */
async function startAndAnswer(startServer) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const server = await startServer();
  const response = await fetch(`${server.url}/_emulator/health`);
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`health answered ${response.status}`);
  return { elapsed, cpu: cpuMs(cpu), server };
}

// Node loads its fetch client on first use (some 80 ms): that is the test's client, not the
// server, so it is loaded before anything is timed.
await (await fetch('data:,')).arrayBuffer();

const importCpu = process.cpuUsage();
const importStarted = performance.now();
const { startServer } = await import(packageUrl);
const importMs = performance.now() - importStarted;
const importCpuMs = cpuMs(importCpu);
const first = await startAndAnswer(startServer);
const second = await startAndAnswer(startServer);
await first.server.close();
await second.server.close();
console.log(
  JSON.stringify({
    importMs,
    firstMs: first.elapsed,
    secondMs: second.elapsed,
    importCpuMs,
    firstCpuMs: first.cpu,
    secondCpuMs: second.cpu,
  }),
);
