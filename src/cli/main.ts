#!/usr/bin/env node
// The command line: the only place that reads flags and the environment.
import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_SQLITE_FILE } from './open-store.js';
import { DEFAULT_LABELS_PER_PAIR } from '../core/create-core.js';
import type { UndeclaredProperties } from '../core/use-cases/deps.js';
import { AUTH_MODES, type AuthMode } from '../http/access/authentication.js';
import { RATE_LIMIT_PROFILE_NAMES, type RateLimitProfile } from '../http/access/rate-limits.js';
import type { RateLimitChoice } from '../server/config.js';
import { BULK_FORMATS, type BulkFormat } from './bulk-formats.js';
import { runExport, runImport } from './bulk.js';
import { readinessLine, serve } from './serve.js';
import { announceToPrimary, isWorker, runPrimary } from './workers.js';
import { VERSION } from '../version.js';

function port(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    throw new InvalidArgumentError('expected a port number from 0 to 65535');
  }
  return parsed;
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new InvalidArgumentError('expected a positive integer');
  }
  return parsed;
}

function nonNegativeInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    throw new InvalidArgumentError('expected a whole number of ms, 0 or more');
  }
  return parsed;
}

/** A parser of numbers above 0, at most `max`; `expected` names one in the refusal. */
function positiveNumber(max: number, expected: string): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed <= 0 || parsed > max) {
      throw new InvalidArgumentError(`expected ${expected}`);
    }
    return parsed;
  };
}

/** A retry time scale: a positive factor, at most 1000. */
const timeScale = positiveNumber(1000, 'a factor above 0, at most 1000 (e.g. 0.001)');

/** How long settled webhook events stay: a positive number of days, at most 100 years. */
const retentionDays = positiveNumber(36_500, 'a number of days above 0, at most 36500 (e.g. 7)');

/** `off`, a plan's profile, or `<per ten seconds>,<per day>`. */
function rateLimitChoice(value: string): RateLimitChoice {
  if (value === 'off') return 'off';
  if ((RATE_LIMIT_PROFILE_NAMES as string[]).includes(value)) return value as RateLimitProfile;
  const custom = /^(\d+),(\d+)$/.exec(value);
  const [tenSecondly, daily] = custom ? [Number(custom[1]), Number(custom[2])] : [0, 0];
  if (tenSecondly < 1 || daily < 1) {
    throw new InvalidArgumentError(
      `expected off, ${RATE_LIMIT_PROFILE_NAMES.join(', ')}, or <per ten seconds>,<per day> (e.g. 100,250000)`,
    );
  }
  return { tenSecondly, daily };
}

interface ServeFlags {
  port: number;
  host: string;
  db?: string;
  memory?: boolean;
  logLevel: string;
  maxLabelsPerPair: number;
  searchLagMs?: number;
  undeclaredProperties?: UndeclaredProperties;
  workers: number;
  auth?: AuthMode;
  adminToken?: string;
  rateLimits?: RateLimitChoice;
  config?: string;
  seed?: string;
  webhookDelivery?: 'on' | 'off';
  webhookRetryTimeScale?: number;
  webhookRetentionDays?: number;
}

/** `--db`, the same for every command that opens the store. */
function dbOption(): Option {
  return new Option(
    '--db <file-or-url>',
    `SQLite database file, or a postgres:// URL (default: DATABASE_URL if set, else ${DEFAULT_SQLITE_FILE})`,
  ).env('HUBSPOT_ASSOCIATIONS_DB');
}

interface BulkFlags {
  db?: string;
  portal: number;
  format?: BulkFormat;
  progress: boolean;
}

/** The options export and import share: the store, the portal, the format, the progress bar. */
function bulkCommand(name: string, description: string): Command {
  return program
    .command(name)
    .description(description)
    .addOption(dbOption())
    .addOption(new Option('--portal <id>', 'the portal').default(1).argParser(positiveInteger))
    .addOption(
      new Option(
        '--format <format>',
        'ndjson or csv (default: from the file extension, else ndjson)',
      ).choices(BULK_FORMATS),
    )
    .option('--no-progress', 'no progress bar, even when stderr is a terminal');
}

function bulkOptions(flags: BulkFlags) {
  return {
    store: { db: flags.db, databaseUrl: process.env['DATABASE_URL'] },
    portalId: flags.portal,
    format: flags.format,
    progress: flags.progress,
  };
}

const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };

const program = new Command()
  .name('hubspot-associations-server')
  .description("A stateful server that speaks HubSpot's CRM Associations API.")
  .version(VERSION, '-v, --version', 'print the version');

const serveCommand = program
  .command('serve')
  .description('start the server')
  .addOption(
    new Option('--port <port>', 'port to listen on (0 picks a free one)')
      .env('PORT')
      .default(3000)
      .argParser(port),
  )
  .addOption(new Option('--host <host>', 'address to listen on').env('HOST').default('127.0.0.1'))
  .addOption(dbOption())
  .addOption(
    new Option('--memory', 'keep everything in memory; nothing survives a restart').conflicts('db'),
  )
  .addOption(
    new Option(
      '--search-lag-ms <ms>',
      'how long a write stays out of search results (0: found at once)',
    )
      .env('HUBSPOT_SEARCH_LAG_MS')
      .argParser(nonNegativeInteger),
  )
  .addOption(
    new Option(
      '--undeclared-properties <choice>',
      'record writes naming a property the object type does not have: refuse (400, as HubSpot) or accept',
    )
      .choices(['accept', 'refuse'])
      .env('HUBSPOT_UNDECLARED_PROPERTIES'),
  )
  .addOption(
    new Option(
      '--max-labels-per-pair <count>',
      'user-defined labels allowed between two object types',
    )
      .env('HUBSPOT_MAX_LABELS_PER_PAIR')
      .default(DEFAULT_LABELS_PER_PAIR)
      .argParser(positiveInteger),
  )
  .addOption(
    new Option(
      '--workers <count>',
      'server processes sharing the port (a file or PostgreSQL store)',
    )
      .env('WORKERS')
      .default(1)
      .argParser(positiveInteger),
  )
  .addOption(
    new Option('--auth <mode>', 'open: any token (or none) works; strict: only known tokens')
      .env('HUBSPOT_AUTH')
      .choices(AUTH_MODES),
  )
  .addOption(
    new Option('--admin-token <token>', 'the control API token (strict mode needs one)').env(
      'HUBSPOT_ADMIN_TOKEN',
    ),
  )
  .addOption(
    new Option(
      '--rate-limits <profile>',
      `off, a plan (${RATE_LIMIT_PROFILE_NAMES.join(', ')}) or <per ten seconds>,<per day>`,
    )
      .env('HUBSPOT_RATE_LIMITS')
      .argParser(rateLimitChoice),
  )
  .addOption(
    new Option(
      '--webhook-delivery <on|off>',
      'send due webhook events in the background (off: only the control API sends them)',
    )
      .choices(['on', 'off'])
      .env('HUBSPOT_WEBHOOK_DELIVERY'),
  )
  .addOption(
    new Option(
      '--webhook-retry-time-scale <factor>',
      "multiplies webhook retry delays (1: HubSpot's day; 0.001: about a minute)",
    )
      .env('HUBSPOT_WEBHOOK_RETRY_TIME_SCALE')
      .argParser(timeScale),
  )
  .addOption(
    new Option(
      '--webhook-retention-days <days>',
      'days delivered and given-up webhook events stay in the log (default 7)',
    )
      .env('HUBSPOT_WEBHOOK_RETENTION_DAYS')
      .argParser(retentionDays),
  )
  .addOption(
    new Option('--config <file>', 'JSON config: auth, admin token, rate limits, portals, tokens'),
  )
  .addOption(
    new Option(
      '--seed <file>',
      'a portal export document imported into the default portal at start',
    ),
  )
  .addOption(
    new Option('--log-level <level>', 'log level (logs go to stderr)')
      .choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
  )
  .action(async (flags: ServeFlags) => {
    if (flags.workers > 1 && !isWorker()) {
      // Every worker would have its own memory store: they would not be one server.
      if (flags.memory)
        throw new InvalidArgumentError('--workers needs a shared store, not --memory');
      runPrimary(flags.workers, (url, store) => readinessLine(url, store, flags.workers));
      return;
    }
    await serve({
      ...(isWorker() ? { announce: announceToPrimary } : {}),
      port: flags.port,
      host: flags.host,
      store: { db: flags.db, memory: flags.memory, databaseUrl: process.env['DATABASE_URL'] },
      logLevel: flags.logLevel,
      settings: {
        labelsPerPair: flags.maxLabelsPerPair,
        ...(flags.searchLagMs === undefined ? {} : { searchLagMs: flags.searchLagMs }),
        ...(flags.undeclaredProperties === undefined
          ? {}
          : { undeclaredProperties: flags.undeclaredProperties }),
      },
      auth: flags.auth,
      adminToken: flags.adminToken,
      rateLimits: flags.rateLimits,
      configFile: flags.config,
      seedFile: flags.seed,
      webhooks: {
        deliver: flags.webhookDelivery === undefined ? undefined : flags.webhookDelivery === 'on',
        retryTimeScale: flags.webhookRetryTimeScale,
        retentionDays: flags.webhookRetentionDays,
      },
    });
  });

bulkCommand('export', "write a portal's records, associations, labels and limits as NDJSON or CSV")
  .option('--out <file>', 'the file to write (default: stdout)')
  .action(async (flags: BulkFlags & { out?: string }) => {
    await runExport({ ...bulkOptions(flags), out: flags.out }, io);
  });

bulkCommand(
  'import',
  "replace a portal's whole state with an export's items, all or nothing (creates the portal)",
)
  .argument('<file>', 'an NDJSON or CSV file, or - for stdin')
  .action(async (file: string, flags: BulkFlags) => {
    await runImport({ ...bulkOptions(flags), file }, io);
  });

/** The long and short names of a command's options. */
function optionNames(command: Command): Set<string> {
  return new Set(
    command.options
      .flatMap((option) => [option.long, option.short])
      .filter((name): name is string => name !== undefined),
  );
}

/**
 * A serve option given to another command, or with no command (`--port 4000`), and what to
 * write instead: commander alone would only call it unknown.
 */
function misplacedServeOption(args: readonly string[]): string | undefined {
  if (args[0] === 'serve') return undefined;
  const target = program.commands.find((command) => command.name() === args[0]);
  const own = target ? optionNames(target) : new Set<string>();
  const serveOnly = optionNames(serveCommand);
  const end = args.indexOf('--');
  for (const arg of end === -1 ? args : args.slice(0, end)) {
    const name = arg.split('=')[0] ?? arg;
    if (!serveOnly.has(name) || own.has(name)) continue;
    const where = target ? `${target.name()} does not take it` : 'no command was given';
    return `${name} is an option of serve (${where}): hubspot-associations-server serve ${name} …`;
  }
  return undefined;
}

const misplaced = misplacedServeOption(process.argv.slice(2));
if (misplaced === undefined) {
  program.parseAsync().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
} else {
  process.stderr.write(`${misplaced}\n`);
  process.exitCode = 1;
}
