// Resolves the object types named in an association path (ids, plurals, singulars, any case, and
// the portal's custom types).
import type { ObjectTypeDirectory } from '../../core/object-types.js';
import type { PathTypes } from '../../core/use-cases/association-writes.js';

export function pathTypes(
  params: { fromObjectType: string; toObjectType: string },
  types: ObjectTypeDirectory,
): PathTypes {
  return { from: types.resolve(params.fromObjectType), to: types.resolve(params.toObjectType) };
}

/** The same, for record-level paths, which name the from-type `objectType`. */
export function recordPathTypes(
  params: { objectType: string; toObjectType: string },
  types: ObjectTypeDirectory,
): PathTypes {
  return pathTypes({ fromObjectType: params.objectType, toObjectType: params.toObjectType }, types);
}
