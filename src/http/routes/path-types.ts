// Resolves the object types named in an association path (ids, plurals, singulars, any case).
import { resolveObjectType } from '../../core/object-types.js';
import type { PathTypes } from '../../core/use-cases/association-writes.js';

export function pathTypes(params: { fromObjectType: string; toObjectType: string }): PathTypes {
  return {
    from: resolveObjectType(params.fromObjectType),
    to: resolveObjectType(params.toObjectType),
  };
}

/** The same, for record-level paths, which name the from-type `objectType`. */
export function recordPathTypes(params: { objectType: string; toObjectType: string }): PathTypes {
  return pathTypes({ fromObjectType: params.objectType, toObjectType: params.toObjectType });
}
