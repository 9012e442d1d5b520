// The object types a request resolves its path names against: the standard ones, and the
// portal's custom types, read from the store only when the request names a type that is not
// standard (so requests about standard types read nothing more).
import type { FastifyRequest } from 'fastify';
import type { Core } from '../core/create-core.js';
import {
  isStandardTypeName,
  STANDARD_DIRECTORY,
  type ObjectTypeDirectory,
} from '../core/object-types.js';
import { OBJECT_TYPE_PARAMS } from './operations.js';
import { listParam } from './wire/objects.js';

const LOADED = new WeakMap<FastifyRequest, Promise<ObjectTypeDirectory>>();

/** The object type names a request carries: its path's type parameters and `?associations=`. */
export function typeNamesOf(request: FastifyRequest): string[] {
  const params = (request.params ?? {}) as Record<string, unknown>;
  const names = OBJECT_TYPE_PARAMS.map((param) => params[param]).filter(
    (name): name is string => typeof name === 'string',
  );
  const query = request.query as Record<string, unknown> | undefined;
  const listed = query?.['associations'];
  if (typeof listed === 'string' || Array.isArray(listed)) {
    names.push(...(listParam(listed as string | string[]) ?? []));
  }
  return names;
}

/** The directory a request's names resolve in, read once per request. */
export function requestObjectTypes(
  request: FastifyRequest,
  core: Core,
): Promise<ObjectTypeDirectory> {
  let loaded = LOADED.get(request);
  if (!loaded) {
    const custom = typeNamesOf(request).some((name) => !isStandardTypeName(name));
    loaded = custom
      ? core.schemas.objectTypes(request.portalId)
      : Promise.resolve(STANDARD_DIRECTORY);
    LOADED.set(request, loaded);
  }
  return loaded;
}
