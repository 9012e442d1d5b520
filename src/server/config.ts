// The server's config file: auth mode, admin token, rate limits, portals with their tokens.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { Kind, Type, type Static, type TSchema } from '@sinclair/typebox';
import type {
  Value as ValueModule,
  ValueError,
  ValueErrorType as ValueErrorTypes,
} from '@sinclair/typebox/value';
import { AUTH_MODES } from '../http/access/authentication.js';
import {
  RATE_LIMIT_PROFILE_NAMES,
  RATE_LIMIT_PROFILES,
  type RateLimitProfile,
  type RateLimits,
} from '../http/access/rate-limits.js';

const Positive = Type.Integer({ minimum: 1 });

/** `"off"`, a plan's name, or custom numbers. */
const RateLimitsSchema = Type.Union([
  Type.Literal('off'),
  ...RATE_LIMIT_PROFILE_NAMES.map((name) => Type.Literal(name)),
  Type.Object(
    { tenSecondly: Positive, daily: Positive, searchSecondly: Type.Optional(Positive) },
    { additionalProperties: false },
  ),
]);

export const ServerConfigSchema = Type.Object(
  {
    auth: Type.Optional(Type.Union(AUTH_MODES.map((mode) => Type.Literal(mode)))),
    adminToken: Type.Optional(Type.String({ minLength: 8 })),
    rateLimits: Type.Optional(RateLimitsSchema),
    /** How long a write stays out of search results, in ms (every portal; 0 by default). */
    searchLagMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 3_600_000 })),
    /** Apps whose webhooks the server sends (what a developer account holds on HubSpot). */
    apps: Type.Optional(
      Type.Array(
        Type.Object(
          {
            appId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
            clientSecret: Type.String({ minLength: 1 }),
            developerApiKey: Type.Optional(Type.String({ minLength: 8, pattern: '^\\S+$' })),
          },
          { additionalProperties: false },
        ),
      ),
    ),
    /** How webhook events are sent to the apps' target URLs (see the README's Webhooks). */
    webhooks: Type.Optional(
      Type.Object(
        {
          /** A loop sends due events (true, the default); off, only the control API's run does. */
          deliver: Type.Optional(Type.Boolean()),
          /** How often the loop looks for due events, in ms (200 by default). */
          pollIntervalMs: Type.Optional(Type.Integer({ minimum: 10, maximum: 60_000 })),
          /** Multiplies every retry delay: 1 (the default) is HubSpot's day-long schedule. */
          retryTimeScale: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000 })),
          /** How long a receiver has to answer, in ms (5000 by default, as HubSpot). */
          timeoutMs: Type.Optional(Type.Integer({ minimum: 1, maximum: 60_000 })),
          /** Days a delivered or given-up event stays in the log (7 by default). */
          retentionDays: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 36_500 })),
        },
        { additionalProperties: false },
      ),
    ),
    /**
     * Record writes naming a property the object type does not have: `refuse` answers HubSpot's
     * 400 PROPERTY_DOESNT_EXIST, `accept` (the default) stores them.
     */
    undeclaredProperties: Type.Optional(
      Type.Union([Type.Literal('accept'), Type.Literal('refuse')]),
    ),
    portals: Type.Optional(
      Type.Array(
        Type.Object(
          {
            portalId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
            name: Type.Optional(Type.String({ minLength: 1 })),
            tokens: Type.Optional(
              Type.Array(
                Type.Object(
                  {
                    token: Type.String({ minLength: 8, pattern: '^\\S+$' }),
                    /** Every scope when absent. */
                    scopes: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
                  },
                  { additionalProperties: false },
                ),
              ),
            ),
            /** A portal export document to import at start (relative to the config file). */
            seed: Type.Optional(Type.String({ minLength: 1 })),
          },
          { additionalProperties: false },
        ),
      ),
    ),
  },
  { additionalProperties: false },
);

export type ServerConfig = Static<typeof ServerConfigSchema>;

/** A rate-limit choice as a flag or the config file gives it. */
export type RateLimitChoice = 'off' | RateLimitProfile | RateLimits;

/** The limits a choice means; null when off. */
export function rateLimitsOf(choice: RateLimitChoice | undefined): RateLimits | null {
  if (choice === undefined || choice === 'off') return null;
  return typeof choice === 'string' ? RATE_LIMIT_PROFILES[choice] : choice;
}

/**
 * TypeBox's value checker, loaded when a config is first checked: it is a good part of the
 * package's import time, and a test suite starting servers in library mode rarely needs it.
 */
const require = createRequire(import.meta.url);
interface ValueChecker {
  readonly Value: typeof ValueModule;
  readonly ValueErrorType: typeof ValueErrorTypes;
}
let checker: ValueChecker | undefined;
function valueChecker(): ValueChecker {
  checker ??= require('@sinclair/typebox/value') as ValueChecker;
  return checker;
}
/** One alternative of a union, as a person would write it: `"strict"`, `{ tenSecondly, daily }`. */
function alternative(schema: TSchema): string {
  if ('const' in schema) return JSON.stringify(schema['const']);
  if (schema[Kind] === 'Object') {
    return `{ ${Object.keys(schema['properties'] as object).join(', ')} } (whole numbers from 1)`;
  }
  return String(schema['type'] ?? schema[Kind]);
}

/** `a, b or c`. */
function listed(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** What is wrong with one value, saying what is allowed where the schema tells (a choice, a key). */
function problem(error: ValueError): string {
  if (error.type === valueChecker().ValueErrorType.Union && Array.isArray(error.schema['anyOf'])) {
    const choices = (error.schema['anyOf'] as TSchema[]).map(alternative);
    return `${JSON.stringify(error.value)} is not allowed; expected ${listed(choices)}`;
  }
  if (error.type === valueChecker().ValueErrorType.ObjectAdditionalProperties) {
    const parent = error.schema['properties'] as object | undefined;
    const allowed = parent ? `; allowed keys: ${Object.keys(parent).join(', ')}` : '';
    return `unknown key${allowed}`;
  }
  return error.message;
}

/** Every problem of a config value, one line each, with the JSON path of the bad item. */
export function configErrors(value: unknown): string[] {
  return [...valueChecker().Value.Errors(ServerConfigSchema, value)].map(
    (error) => `${error.path || '/'}: ${problem(error)}`,
  );
}

/** Checks a parsed config; throws one message listing every problem. */
export function parseConfig(value: unknown, source = 'config'): ServerConfig {
  const errors = configErrors(value);
  if (errors.length > 0) {
    throw new Error(`${source} is not valid:\n  ${[...new Set(errors)].join('\n  ')}`);
  }
  const config = value as ServerConfig;
  const ids = (config.portals ?? []).map((portal) => portal.portalId);
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated !== undefined)
    throw new Error(`${source} is not valid: portal ${repeated} is listed twice`);
  return config;
}

/** Reads a JSON file: its parsed content, or an error naming the file. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Reads and checks a config file; seed paths come back resolved against its folder. */
export function readConfigFile(file: string): ServerConfig {
  const config = parseConfig(readJsonFile(file), file);
  const folder = dirname(resolve(file));
  return {
    ...config,
    ...(config.portals
      ? {
          portals: config.portals.map((portal) =>
            portal.seed === undefined ? portal : { ...portal, seed: resolve(folder, portal.seed) },
          ),
        }
      : {}),
  };
}
