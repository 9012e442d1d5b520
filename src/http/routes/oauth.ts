// Token introspection that HubSpot's own tools call first: which portal (hub) a token acts on,
// with which scopes. The token described is the credential; the call needs no other. And the
// token endpoint's client-credentials grant, whose credential is the app's secret.
import { createHash } from 'node:crypto';
import type { Core } from '../../core/create-core.js';
import { DomainError } from '../../core/errors.js';
import { ALL_SCOPES } from '../../core/scopes.js';
import { authenticationError, type AuthMode } from '../access/authentication.js';
import { answers, operation, type Operation } from '../operation.js';
import {
  AccessTokenInfoReplySchema,
  AccessTokenPathSchema,
  TokenInfoBodySchema,
  TokenInfoReplySchema,
  TokenReplySchema,
  TokenRequestBodySchema,
} from '../schemas/oauth.js';
import { FORM_BODY_PATHS } from '../json-body.js';

/** The introspection rows in docs/operations.md: a family of their own. */
const family = { name: 'oauth' } as const;

/** How tokens are admitted, as authentication admits them. */
export interface IntrospectionOptions {
  readonly mode: AuthMode;
  readonly defaultPortalId: number;
}

/** HubSpot's OAuth access tokens live 30 minutes; tokens here do not expire, so that is shown. */
const EXPIRES_IN_SECONDS = 1800;

/** A stable number for a token, standing in for the user and app ids a portal has no notion of. */
function stableId(token: string, salt: string): number {
  const hash = createHash('sha256').update(`${salt}:${token}`).digest('hex');
  return 10_000_000 + (parseInt(hash.slice(0, 8), 16) % 90_000_000);
}

/**
 * What a token grants: a known token its portal and scopes; in open mode any other token acts on
 * the default portal with every scope, as requests do; in strict mode it is refused.
 */
async function grantOf(core: Core, options: IntrospectionOptions, token: string) {
  const found = await core.tokens.authenticate(token);
  if (found) return { hubId: found.portalId, scopes: [...found.scopes] };
  if (options.mode === 'strict') throw authenticationError();
  return { hubId: options.defaultPortalId, scopes: [...ALL_SCOPES] };
}

export function introspectionOperations(options: IntrospectionOptions): Operation[] {
  return [
    operation({
      family,
      method: 'POST',
      paths: [...FORM_BODY_PATHS],
      summary:
        "An app's client-credentials token (client_id: the app id), for the webhooks journal",
      access: 'token',
      request: { body: TokenRequestBodySchema },
      answer: answers.json(200, TokenReplySchema),
      handle: async ({ core, body }) => {
        const issued = await core.apps.issueToken({
          grantType: body.grant_type,
          clientId: body.client_id,
          clientSecret: body.client_secret,
          scope: body.scope,
        });
        return {
          token_type: 'bearer' as const,
          access_token: issued.accessToken,
          expires_in: issued.expiresIn,
          scope: issued.scopes.join(' '),
        };
      },
    }),
    operation({
      family,
      method: 'POST',
      paths: ['/oauth/v2/private-apps/get/access-token-info'],
      summary: "A private app token's portal (hub), scopes, user and app",
      access: 'token',
      request: { body: TokenInfoBodySchema },
      answer: answers.json(200, TokenInfoReplySchema),
      handle: async ({ core, body }) => {
        const grant = await grantOf(core, options, body.tokenKey);
        return {
          userId: stableId(body.tokenKey, 'user'),
          hubId: grant.hubId,
          appId: stableId(body.tokenKey, 'app'),
          scopes: grant.scopes,
        };
      },
    }),
    operation({
      family,
      method: 'GET',
      paths: ['/oauth/v1/access-tokens/:token'],
      summary: "An OAuth access token's portal (hub), scopes, user, app and expiry",
      access: 'token',
      request: { params: AccessTokenPathSchema },
      answer: answers.json(200, AccessTokenInfoReplySchema),
      handle: async ({ core, params }) => {
        const { token } = params;
        // HubSpot refuses private app tokens here; they have their own call above.
        if (token.startsWith('pat-')) {
          throw new DomainError('INVALID_INPUT', 'The access token must have the correct format');
        }
        const grant = await grantOf(core, options, token);
        return accessTokenInfo(token, grant, core.clock.now().getTime());
      },
    }),
  ];
}

function accessTokenInfo(token: string, grant: { hubId: number; scopes: string[] }, now: number) {
  const userId = stableId(token, 'user');
  const appId = stableId(token, 'app');
  const signature = createHash('sha256').update(`signature:${token}`).digest('base64');
  return {
    token,
    user: `user-${userId}@portal-${grant.hubId}.invalid`,
    hub_domain: `portal-${grant.hubId}.invalid`,
    scopes: grant.scopes,
    signed_access_token: {
      expiresAt: now + EXPIRES_IN_SECONDS * 1000,
      scopes: grant.scopes.join(','),
      hubId: grant.hubId,
      userId,
      appId,
      signature,
      scopeToScopeGroupPks: '',
      newSignature: signature,
      hublet: 'na1',
      trialScopes: '',
      trialScopeToScopeGroupPks: '',
      isUserLevel: false,
      installingUserId: userId,
      isPrivateDistribution: false,
      isServiceAccount: false,
    },
    hub_id: grant.hubId,
    app_id: appId,
    expires_in: EXPIRES_IN_SECONDS,
    user_id: userId,
    token_type: 'access' as const,
    is_private_distribution: false,
  };
}
