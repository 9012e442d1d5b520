// Client-credentials tokens of apps: what HubSpot's webhooks journal answers to. A token names
// its app, its scopes and its expiry, signed with the app's client secret, so the server keeps no
// token and rotating the secret revokes every token of the app.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../errors.js';
import type { CoreDeps } from './deps.js';

/** How long a token lives: HubSpot's access tokens live 30 minutes. */
export const APP_TOKEN_SECONDS = 1800;

/** The journal's scopes, in the docs' names; the definitions' names are accepted beside them. */
export const JOURNAL_SCOPES = {
  read: ['developer.webhooks_journal.read', 'webhooks-journal-data-access'],
  subscriptionsRead: [
    'developer.webhooks_journal.subscriptions.read',
    'developer.webhooks_journal.subscriptions.write',
    'webhooks-journal-subscription-read',
    'webhooks-journal-subscription-management',
  ],
  subscriptionsWrite: [
    'developer.webhooks_journal.subscriptions.write',
    'webhooks-journal-subscription-management',
  ],
  snapshotsRead: [
    'developer.webhooks_journal.snapshots.read',
    'developer.webhooks_journal.snapshots.write',
    'webhooks-journal-snapshot-management',
  ],
  snapshotsWrite: [
    'developer.webhooks_journal.snapshots.write',
    'webhooks-journal-snapshot-management',
  ],
} as const;

/** What a token request names, as the form fields of HubSpot's token endpoint. */
export interface ClientCredentialsRequest {
  readonly grantType: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Space-separated scopes; none asks for every journal scope. */
  readonly scope?: string | undefined;
}

const PREFIX = 'hcc';

function signature(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/** A token of an app, as the token endpoint answers it. */
export interface IssuedAppToken {
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly scopes: readonly string[];
}

/**
 * Issues a client-credentials token. `client_id` is the app's id (apps here have no other client
 * id); a wrong id or secret answers 400, as HubSpot's token endpoint does.
 */
export async function issueAppToken(
  deps: CoreDeps,
  request: ClientCredentialsRequest,
): Promise<IssuedAppToken> {
  if (request.grantType !== 'client_credentials') {
    throw new DomainError(
      'INVALID_INPUT',
      `Unsupported grant_type ${request.grantType}: this server issues client_credentials tokens only`,
      { grant_type: [request.grantType] },
    );
  }
  const appId = /^\d{1,10}$/.test(request.clientId) ? Number(request.clientId) : null;
  const app = appId === null ? null : await deps.store.getApp(appId);
  const secretMatches =
    app !== null &&
    timingSafeEqual(
      createHmac('sha256', 'compare').update(request.clientSecret).digest(),
      createHmac('sha256', 'compare').update(app.clientSecret).digest(),
    );
  if (!app || !secretMatches) {
    throw new DomainError('INVALID_INPUT', 'Invalid client_id or client_secret', {
      client_id: [request.clientId],
    });
  }
  const asked = (request.scope ?? '').split(/[\s,]+/).filter((scope) => scope !== '');
  const scopes = asked.length > 0 ? asked : Object.values(JOURNAL_SCOPES).map((names) => names[0]);
  const expires = deps.clock.now().getTime() + APP_TOKEN_SECONDS * 1000;
  const payload = `${PREFIX}-${app.appId}-${expires}-${Buffer.from(scopes.join(' ')).toString('base64url')}`;
  return {
    accessToken: `${payload}-${signature(app.clientSecret, payload)}`,
    expiresIn: APP_TOKEN_SECONDS,
    scopes,
  };
}

/** Whether a Bearer token is shaped as an app's client-credentials token. */
export function isAppToken(token: string): boolean {
  return token.startsWith(`${PREFIX}-`);
}

/** The app and scopes of an unexpired token signed with its app's current secret, or null. */
export async function verifyAppToken(
  deps: CoreDeps,
  token: string,
): Promise<{ appId: number; scopes: string[] } | null> {
  const match = /^hcc-(\d{1,10})-(\d{1,15})-([A-Za-z0-9_-]*)-([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, appText = '', expiresText = '', scopesText = '', given = ''] = match;
  const app = await deps.store.getApp(Number(appText));
  if (!app || Number(expiresText) <= deps.clock.now().getTime()) return null;
  const expected = signature(app.clientSecret, token.slice(0, token.length - given.length - 1));
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(given))) return null;
  const scopes = Buffer.from(scopesText, 'base64url').toString('utf8').split(' ');
  return { appId: app.appId, scopes: scopes.filter((scope) => scope !== '') };
}
