// HubSpot's rate limits per portal: ten-secondly and daily counts, their headers, and 429s.
import type { FastifyInstance } from 'fastify';
import type { RateWindowHit, RequestCounter } from '../../core/ports.js';

/** Requests a portal may make per ten seconds and per day, and CRM searches per second. */
export interface RateLimits {
  readonly tenSecondly: number;
  readonly daily: number;
  /** CRM searches per second, counted apart from every other request (absent: 5). */
  readonly searchSecondly?: number;
}

/** HubSpot's documented search rate: five requests per second per portal, on every plan. */
export const SEARCH_SECONDLY = 5;

/**
 * HubSpot's limits for privately distributed apps, by plan (its usage guidelines). `api-add-on`
 * is Professional with one API limit increase: 250 per ten seconds and 1,000,000 more a day.
 */
export const RATE_LIMIT_PROFILES = {
  free: { tenSecondly: 100, daily: 250_000, searchSecondly: SEARCH_SECONDLY },
  starter: { tenSecondly: 100, daily: 250_000, searchSecondly: SEARCH_SECONDLY },
  professional: { tenSecondly: 190, daily: 625_000, searchSecondly: SEARCH_SECONDLY },
  enterprise: { tenSecondly: 190, daily: 1_000_000, searchSecondly: SEARCH_SECONDLY },
  'api-add-on': { tenSecondly: 250, daily: 1_625_000, searchSecondly: SEARCH_SECONDLY },
} as const satisfies Record<string, RateLimits>;

export type RateLimitProfile = keyof typeof RATE_LIMIT_PROFILES;

export const RATE_LIMIT_PROFILE_NAMES = Object.keys(RATE_LIMIT_PROFILES) as RateLimitProfile[];

/**
 * The policies a 429 names, as HubSpot's bodies (and the SDKs' retry rules) spell them: SECONDLY
 * is search's own limit.
 */
export type RatePolicy = 'TEN_SECONDLY_ROLLING' | 'DAILY' | 'SECONDLY';

const TEN_SECONDS_MS = 10_000;
const SECOND_MS = 1_000;
const DAY_MS = 86_400_000;

const MESSAGES: Record<RatePolicy, string> = {
  TEN_SECONDLY_ROLLING: 'You have reached your ten_secondly_rolling limit.',
  DAILY: 'You have reached your daily limit.',
  // The official SDK retries a 429 with exactly this message after a second.
  SECONDLY: 'You have reached your secondly limit.',
};

/** HubSpot's 429 body: `errorType` and `policyName` where other errors have `category`. */
export function rateLimitBody(policy: RatePolicy, portalId: number, correlationId: string) {
  const common = {
    status: 'error',
    message: MESSAGES[policy],
    errorType: 'RATE_LIMIT',
    correlationId,
    policyName: policy,
  };
  if (policy === 'SECONDLY') return common;
  return policy === 'TEN_SECONDLY_ROLLING'
    ? {
        ...common,
        groupName: `publicapi:private_app-api-calls-ten-secondly:${portalId}:${portalId}`,
      }
    : { ...common, requestId: correlationId };
}

/** The windows a request counts in at `now`: fixed windows, the day from midnight UTC. */
function windowsAt(now: number): RateWindowHit[] {
  const start = (length: number) => now - (now % length);
  return [
    { name: 'TEN_SECONDLY_ROLLING', windowStart: start(TEN_SECONDS_MS), windowMs: TEN_SECONDS_MS },
    { name: 'DAILY', windowStart: start(DAY_MS), windowMs: DAY_MS },
    { name: 'SECONDLY', windowStart: start(SECOND_MS), windowMs: SECOND_MS },
  ];
}

/** The window CRM searches count in: their own, one second long. */
function searchWindowAt(now: number): RateWindowHit[] {
  return [{ name: 'SEARCH_SECONDLY', windowStart: now - (now % SECOND_MS), windowMs: SECOND_MS }];
}

/** The outcome of counting one request: its headers, and the policy it broke, if any. */
export interface RateDecision {
  readonly headers: Record<string, string>;
  readonly exceeded: RatePolicy | null;
}

/** Counts a portal's requests through the store (shared by every process) and decides. */
export class RateLimiter {
  constructor(
    private readonly counter: RequestCounter,
    private readonly limits: RateLimits,
    private readonly now: () => number,
  ) {}

  /** Counts one search: no headers (HubSpot sends none on search), SECONDLY past the limit. */
  async hitSearch(portalId: number): Promise<RateDecision> {
    const [searches = 0] = await this.counter.hit(portalId, searchWindowAt(this.now()));
    const limit = this.limits.searchSecondly ?? SEARCH_SECONDLY;
    return { headers: {}, exceeded: searches > limit ? 'SECONDLY' : null };
  }

  async hit(portalId: number): Promise<RateDecision> {
    const [tenSecondly = 0, daily = 0, secondly = 0] = await this.counter.hit(
      portalId,
      windowsAt(this.now()),
    );
    const { limits } = this;
    // The deprecated secondly headers, which HubSpot still sends: a tenth of the burst limit.
    const perSecond = Math.ceil(limits.tenSecondly / 10);
    const remaining = (limit: number, used: number) => String(Math.max(0, limit - used));
    const headers = {
      'x-hubspot-ratelimit-daily': String(limits.daily),
      'x-hubspot-ratelimit-daily-remaining': remaining(limits.daily, daily),
      'x-hubspot-ratelimit-interval-milliseconds': String(TEN_SECONDS_MS),
      'x-hubspot-ratelimit-max': String(limits.tenSecondly),
      'x-hubspot-ratelimit-remaining': remaining(limits.tenSecondly, tenSecondly),
      'x-hubspot-ratelimit-secondly': String(perSecond),
      'x-hubspot-ratelimit-secondly-remaining': remaining(perSecond, secondly),
    };
    // Daily first: waiting ten seconds does not help, so clients must not be told to retry.
    const exceeded: RatePolicy | null =
      daily > limits.daily
        ? 'DAILY'
        : tenSecondly > limits.tenSecondly
          ? 'TEN_SECONDLY_ROLLING'
          : null;
    return { headers, exceeded };
  }
}

/** Counts every request of a portal (once authenticated) and answers 429 past a limit. */
export function registerRateLimits(app: FastifyInstance, limiter: RateLimiter): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.authenticated || reply.sent) return;
    const search = request.routeOptions.config.operation?.rateLimit === 'search';
    const decision = await (search
      ? limiter.hitSearch(request.portalId)
      : limiter.hit(request.portalId));
    void reply.headers(decision.headers);
    if (decision.exceeded === null) return;
    return reply
      .code(429)
      .send(rateLimitBody(decision.exceeded, request.portalId, request.correlationId));
  });
}
