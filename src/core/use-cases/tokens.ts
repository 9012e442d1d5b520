// Access tokens of portals: created (or given) once, stored only as a SHA-256 hash, looked up
// by the hash of the token a request presents.
import { createHash, randomUUID } from 'node:crypto';
import { DomainError } from '../errors.js';
import type { AccessToken } from '../ports.js';
import type { CoreDeps } from './deps.js';
import { getPortal } from './portals.js';

/** Lower-case hex SHA-256 of a token, the only form in which tokens are stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A token to create: the caller's own, or a fresh random one. */
export interface TokenInput {
  readonly token?: string | undefined;
  readonly scopes: readonly string[];
}

/** A created token: the only time the token itself is shown. */
export interface CreatedToken {
  readonly token: string;
  readonly portalId: number;
  readonly scopes: string[];
}

export async function createToken(
  deps: CoreDeps,
  portalId: number,
  input: TokenInput,
): Promise<CreatedToken> {
  await getPortal(deps, portalId);
  if (input.token?.trim() === '') {
    throw new DomainError('INVALID_INPUT', 'A token cannot be empty');
  }
  const token = input.token ?? `pat-local-${randomUUID()}`;
  const scopes = [...input.scopes];
  await deps.store.putToken({
    tokenHash: hashToken(token),
    portalId,
    scopes,
    createdAt: deps.clock.now(),
  });
  return { token, portalId, scopes };
}

/** The stored token a request's token stands for, or null. */
export function authenticate(deps: CoreDeps, token: string): Promise<AccessToken | null> {
  return deps.store.findToken(hashToken(token));
}

export async function listTokens(deps: CoreDeps, portalId: number): Promise<AccessToken[]> {
  await getPortal(deps, portalId);
  return deps.store.listTokens(portalId);
}

export async function deleteToken(deps: CoreDeps, token: string): Promise<void> {
  if (!(await deps.store.deleteToken(hashToken(token)))) {
    throw new DomainError('TOKEN_NOT_FOUND', 'No such access token');
  }
}
