// Request and response schemas of token introspection: private-app token info, OAuth token info.
import { Type } from '@sinclair/typebox';

/** `{tokenKey}`: the private app's token to describe. */
export const TokenInfoBodySchema = Type.Object({ tokenKey: Type.String({ minLength: 1 }) });

export const TokenInfoReplySchema = Type.Object(
  {
    userId: Type.Integer(),
    hubId: Type.Integer(),
    appId: Type.Integer(),
    scopes: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);

export const AccessTokenPathSchema = Type.Object({ token: Type.String({ minLength: 1 }) });

/** `signed_access_token`: the token's grant as HubSpot signs it. */
const SignedAccessTokenSchema = Type.Object(
  {
    expiresAt: Type.Integer(),
    scopes: Type.String(),
    hubId: Type.Integer(),
    userId: Type.Integer(),
    appId: Type.Integer(),
    signature: Type.String(),
    scopeToScopeGroupPks: Type.String(),
    newSignature: Type.String(),
    hublet: Type.String(),
    trialScopes: Type.String(),
    trialScopeToScopeGroupPks: Type.String(),
    isUserLevel: Type.Boolean(),
    installingUserId: Type.Integer(),
    isPrivateDistribution: Type.Boolean(),
    isServiceAccount: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const AccessTokenInfoReplySchema = Type.Object(
  {
    token: Type.String(),
    user: Type.String(),
    hub_domain: Type.String(),
    scopes: Type.Array(Type.String()),
    signed_access_token: SignedAccessTokenSchema,
    hub_id: Type.Integer(),
    app_id: Type.Integer(),
    expires_in: Type.Integer(),
    user_id: Type.Integer(),
    token_type: Type.Literal('access'),
    is_private_distribution: Type.Boolean(),
  },
  { additionalProperties: false },
);

/** The token endpoint's fields (a form, or JSON): client credentials only. */
export const TokenRequestBodySchema = Type.Object({
  grant_type: Type.String({ minLength: 1, maxLength: 64 }),
  client_id: Type.String({ minLength: 1, maxLength: 256 }),
  client_secret: Type.String({ minLength: 1, maxLength: 1024 }),
  scope: Type.Optional(Type.String({ maxLength: 4096 })),
});

export const TokenReplySchema = Type.Object(
  {
    token_type: Type.Literal('bearer'),
    access_token: Type.String(),
    expires_in: Type.Integer(),
    scope: Type.String(),
  },
  { additionalProperties: false },
);
