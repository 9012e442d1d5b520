// HubSpot's scope names per object type, and the scopes an operation needs for the types it names.
import { STANDARD_OBJECT_TYPES, type StandardObjectType } from './catalog/object-types.js';
import { isCustomTypeId } from './object-types.js';

/** What an operation does with the records of the object types it names. */
export type DataAccess = 'read' | 'write';

/** The scopes that let a token read or write one object type. */
export interface ObjectTypeScopes {
  readonly read: string;
  readonly write: string;
}

/**
 * Where HubSpot's scope is not `crm.objects.<plural>.read|write`: tickets keep their legacy
 * scope (one for both), goals and payments use the names HubSpot's definitions list.
 */
const SCOPES_BY_TYPE_ID: Readonly<Record<string, ObjectTypeScopes>> = {
  '0-5': { read: 'tickets', write: 'tickets' },
  '0-74': { read: 'crm.objects.goals.read', write: 'crm.objects.goals.write' },
  '0-101': {
    read: 'crm.objects.commercepayments.read',
    write: 'crm.objects.commercepayments.write',
  },
};

/** HubSpot's scopes for the records of every custom object type. */
const CUSTOM_OBJECT_SCOPES: ObjectTypeScopes = {
  read: 'crm.objects.custom.read',
  write: 'crm.objects.custom.write',
};

/** The read and write scopes of an object type; every custom type shares HubSpot's custom ones. */
export function scopesOf(type: StandardObjectType): ObjectTypeScopes {
  if (isCustomTypeId(type.id)) return CUSTOM_OBJECT_SCOPES;
  return (
    SCOPES_BY_TYPE_ID[type.id] ?? {
      read: `crm.objects.${type.plural}.read`,
      write: `crm.objects.${type.plural}.write`,
    }
  );
}

/**
 * The schemas API's scopes: reading schemas takes the schemas read scope or the custom objects'
 * read scope (HubSpot's definitions list both), writing takes the schemas write scope.
 */
export const SCHEMA_SCOPES: Readonly<Record<DataAccess, ScopeRequirement>> = {
  read: {
    scope: 'crm.schemas.custom.read',
    grantedBy: ['crm.schemas.custom.read', 'crm.objects.custom.read', 'crm.schemas.custom.write'],
  },
  write: { scope: 'crm.schemas.custom.write', grantedBy: ['crm.schemas.custom.write'] },
};
/** Whose scopes an operation needs: the records' (`objects`) or the definitions' (`schemas`). */
export type ScopeKind = 'objects' | 'schemas';

/**
 * The scopes that let a token read or change one object type's property definitions: HubSpot's
 * `crm.schemas.<plural>.read|write` (tickets keep their legacy scope here too).
 */
export function schemaScopesOf(type: StandardObjectType): ObjectTypeScopes {
  if (type.id === '0-5') return { read: 'tickets', write: 'tickets' };
  if (type.schema) return { read: 'crm.schemas.custom.read', write: 'crm.schemas.custom.write' };
  return { read: `crm.schemas.${type.plural}.read`, write: `crm.schemas.${type.plural}.write` };
}

/** Every scope the server knows: a token with all of them may call every operation. */
export const ALL_SCOPES: readonly string[] = [
  ...new Set([
    ...STANDARD_OBJECT_TYPES.flatMap((type) => {
      const scopes = scopesOf(type);
      const schemas = schemaScopesOf(type);
      return [scopes.read, scopes.write, schemas.read, schemas.write];
    }),
    CUSTOM_OBJECT_SCOPES.read,
    CUSTOM_OBJECT_SCOPES.write,
    SCHEMA_SCOPES.write.scope,
    SCHEMA_SCOPES.read.scope,
  ]),
].sort();

/** One scope an operation needs, and the scopes any one of which grants it. */
export interface ScopeRequirement {
  /** The scope named in a MISSING_SCOPES answer. */
  readonly scope: string;
  /** Scopes that satisfy the requirement: a write scope also grants reading. */
  readonly grantedBy: readonly string[];
}

/**
 * What an operation needs: reading a type needs its read or write scope, writing needs its write
 * scope, for every object type the operation names (both ends of an association). Reading
 * property definitions (`schemas`) is also granted by the type's object scopes, as HubSpot's
 * definitions list them; changing them needs the schema write scope.
 */
export function requiredScopes(
  access: DataAccess,
  types: readonly StandardObjectType[],
  kind: ScopeKind = 'objects',
): ScopeRequirement[] {
  const requirements = new Map<string, ScopeRequirement>();
  for (const type of types) {
    const objects = scopesOf(type);
    const scopes = kind === 'schemas' ? schemaScopesOf(type) : objects;
    const readers = kind === 'schemas' ? [objects.read, objects.write] : [];
    const requirement =
      access === 'read'
        ? { scope: scopes.read, grantedBy: [...new Set([scopes.read, scopes.write, ...readers])] }
        : { scope: scopes.write, grantedBy: [scopes.write] };
    requirements.set(requirement.scope, requirement);
  }
  return [...requirements.values()];
}

/** The requirements a token's scopes do not meet, in the order they were required. */
export function missingScopes(
  requirements: readonly ScopeRequirement[],
  granted: ReadonlySet<string>,
): ScopeRequirement[] {
  return requirements.filter((requirement) => !requirement.grantedBy.some((s) => granted.has(s)));
}
