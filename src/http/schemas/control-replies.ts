// Answers of the control API as types, free of the framework so the web page can import them.

/** The statuses a fault may answer. */
export const FAULT_STATUSES = [429, 500, 502, 503] as const;
export type FaultStatus = (typeof FAULT_STATUSES)[number];

/** A portal as the control API answers it. */
export interface PortalReply {
  readonly portalId: number;
  readonly name: string;
  readonly createdAt: string;
}

/** A fault as the control API answers it. */
export interface FaultReply {
  readonly id: string;
  readonly method: string;
  readonly path?: string;
  readonly pathRegex?: string;
  readonly remaining: number;
  readonly status?: FaultStatus;
  readonly latencyMs?: number;
}

/** One request, as the control API reports it. */
export interface LoggedRequest {
  /** When it arrived, ISO-8601 UTC. */
  readonly time: string;
  readonly method: string;
  /** Path and query, secret query values replaced by `REDACTED`. */
  readonly path: string;
  readonly status: number;
  readonly durationMs: number;
  /** The portal it acted on; null when it was not let in (401). */
  readonly portalId: number | null;
  readonly correlationId: string;
  /** The request's JSON body as sent, cut to `LOGGED_BODY_CHARS`; absent when it had none. */
  readonly requestBody?: string;
  /** The answer's body as sent, cut to `LOGGED_BODY_CHARS`; absent when it had none. */
  readonly responseBody?: string;
}

/** Characters of each body the request log keeps: enough to read, bounded in memory. */
export const LOGGED_BODY_CHARS = 10_000;
