// Custom object schemas (the schemas API): list, create, read, update, archive and purge them,
// and define the associations of their types. A schema's association definitions are the
// portal's labels without text (rules/labels.ts), so every association path reads them as types.
import { DomainError } from '../errors.js';
import type { CustomObjectSchema, LabelDefinition, SchemaProperty } from '../model.js';
import {
  customObjectType,
  customObjectTypeId,
  fullyQualifiedName,
  isStandardTypeName,
  type ObjectTypeDirectory,
  type StandardObjectType,
} from '../object-types.js';
import type { SchemaReader, StoreTransaction } from '../ports.js';
import { isAssociationDefinition, labelsBetween } from '../rules/labels.js';
import {
  newSchema,
  patchedSchema,
  type SchemaInput,
  type SchemaPatch,
} from '../rules/object-schemas.js';
import { objectTypeDirectory, type CoreDeps } from './deps.js';

/** An association definition as the schemas API shows it, from its schema's side. */
export interface AssociationDefinitionView {
  readonly id: number;
  readonly fromObjectTypeId: string;
  readonly toObjectTypeId: string;
  readonly name: string;
}

/** A schema with what its answers show: its type's identity and its association definitions. */
export interface SchemaView {
  readonly portalId: number;
  readonly schema: CustomObjectSchema;
  readonly objectTypeId: string;
  readonly fullyQualifiedName: string;
  readonly associations: readonly AssociationDefinitionView[];
}

/** A schema create: the schema, and the object types (any path name) it associates with. */
export interface SchemaCreate extends SchemaInput {
  readonly associatedObjects?: readonly string[] | undefined;
  /** Whether to define the type's association with itself too. */
  readonly shouldCreateSameObjectAssociation?: boolean | undefined;
}

/** An association definition to create: both ends by any path name, and an optional name. */
export interface DefinitionInput {
  readonly fromObjectTypeId: string;
  readonly toObjectTypeId: string;
  readonly name?: string | undefined;
}

/** The schema a path segment names: by object type id, schema id, qualified name or name. */
function findSchema(
  schemas: readonly CustomObjectSchema[],
  portalId: number,
  name: string,
): CustomObjectSchema | undefined {
  const wanted = name.toLowerCase();
  return schemas.find(
    (schema) =>
      customObjectTypeId(schema.id) === wanted ||
      String(schema.id) === wanted ||
      fullyQualifiedName(portalId, schema.name).toLowerCase() === wanted ||
      `p_${schema.name}`.toLowerCase() === wanted ||
      schema.name.toLowerCase() === wanted,
  );
}

function schemaNotFound(name: string): DomainError {
  return new DomainError('SCHEMA_NOT_FOUND', `Unable to find object type: ${name}`, {
    objectType: [name],
  });
}

/** The schema a path names, live or archived as asked; 404 otherwise. */
async function schemaNamed(
  source: SchemaReader,
  portalId: number,
  name: string,
  archived: boolean,
): Promise<CustomObjectSchema> {
  const schema = findSchema(await source.listObjectSchemas(portalId), portalId, name);
  if (!schema || (schema.archivedAt !== null) !== archived) throw schemaNotFound(name);
  return schema;
}

/** The definitions touching a type, each seen from that type's side. */
function definitionsOf(
  labels: readonly LabelDefinition[],
  typeId: string,
): AssociationDefinitionView[] {
  return labels.filter(isAssociationDefinition).flatMap((label) => {
    if (label.fromObjectTypeId === typeId) {
      const { typeId: id, fromObjectTypeId, toObjectTypeId, name } = label;
      return [{ id, fromObjectTypeId, toObjectTypeId, name }];
    }
    if (label.toObjectTypeId === typeId) {
      return [
        {
          id: label.inverseTypeId,
          fromObjectTypeId: label.toObjectTypeId,
          toObjectTypeId: label.fromObjectTypeId,
          name: label.name,
        },
      ];
    }
    return [];
  });
}

function viewOf(
  portalId: number,
  schema: CustomObjectSchema,
  labels: readonly LabelDefinition[],
): SchemaView {
  const objectTypeId = customObjectTypeId(schema.id);
  return {
    portalId,
    schema,
    objectTypeId,
    fullyQualifiedName: fullyQualifiedName(portalId, schema.name),
    associations: definitionsOf(labels, objectTypeId),
  };
}

/** The portal's schemas: the live ones, or only the archived ones. */
export async function listSchemas(
  deps: CoreDeps,
  portalId: number,
  archived: boolean,
): Promise<SchemaView[]> {
  const [schemas, labels] = await Promise.all([
    deps.store.listObjectSchemas(portalId),
    deps.store.listLabels(portalId),
  ]);
  return schemas
    .filter((schema) => (schema.archivedAt !== null) === archived)
    .map((schema) => viewOf(portalId, schema, labels));
}

/** One live schema by any name of its type. */
export async function getSchema(
  deps: CoreDeps,
  portalId: number,
  name: string,
): Promise<SchemaView> {
  const schema = await schemaNamed(deps.store, portalId, name, false);
  return viewOf(portalId, schema, await deps.store.listLabels(portalId));
}

/** The live schemas the names name, in input order; names that name none are left out. */
export async function batchReadSchemas(
  deps: CoreDeps,
  portalId: number,
  names: readonly string[],
): Promise<SchemaView[]> {
  const [schemas, labels] = await Promise.all([
    deps.store.listObjectSchemas(portalId),
    deps.store.listLabels(portalId),
  ]);
  const live = schemas.filter((schema) => schema.archivedAt === null);
  const found = new Map<number, CustomObjectSchema>();
  for (const name of names) {
    const schema = findSchema(live, portalId, name);
    if (schema) found.set(schema.id, schema);
  }
  return [...found.values()].map((schema) => viewOf(portalId, schema, labels));
}

/** A label name no label of the portal has: `base`, else `base_2`, `base_3`, ... */
function freeName(labels: readonly LabelDefinition[], base: string): string {
  const taken = new Set(labels.map((label) => label.name.toLowerCase()));
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `${base}_${n}`;
  return name;
}

/** Stores one association definition between two types, unless the pair already has one. */
async function insertDefinition(
  tx: StoreTransaction,
  portalId: number,
  from: StandardObjectType,
  to: StandardObjectType,
  name: string | undefined,
): Promise<LabelDefinition> {
  const labels = await tx.listLabels(portalId);
  const existing = labels.find(
    (label) =>
      isAssociationDefinition(label) &&
      ((label.fromObjectTypeId === from.id && label.toObjectTypeId === to.id) ||
        (label.fromObjectTypeId === to.id && label.toObjectTypeId === from.id)),
  );
  if (existing) {
    throw new DomainError(
      'ASSOCIATION_DEFINITION_EXISTS',
      `An association definition between ${from.id} and ${to.id} already exists (id ${existing.typeId})`,
      { fromObjectTypeId: [from.id], toObjectTypeId: [to.id] },
    );
  }
  const wanted = name ?? `${from.v3Name}_to_${to.v3Name}`;
  if (
    name !== undefined &&
    labels.some((label) => label.name.toLowerCase() === name.toLowerCase())
  ) {
    throw new DomainError(
      'ASSOCIATION_DEFINITION_EXISTS',
      `An association type named '${name}' already exists`,
      { name: [name] },
    );
  }
  return tx.insertLabel(portalId, {
    fromObjectTypeId: from.id,
    toObjectTypeId: to.id,
    name: freeName(labels, wanted),
    label: '',
    inverseLabel: '',
  });
}

/**
 * The activity types HubSpot associates every new custom type with (notes, tasks, calls, emails,
 * meetings, communications), in that order: the ones its docs name that the catalog knows.
 */
export const ACTIVITY_TYPE_IDS = ['0-46', '0-27', '0-48', '0-49', '0-47', '0-18'] as const;

/**
 * Creates a schema, and an association definition (a custom pair's unlabeled type, both ways)
 * with each associated object, then with each activity type, as HubSpot does. Names are unique
 * in the portal, case-insensitively, until a purge.
 */
export async function createSchema(
  deps: CoreDeps,
  portalId: number,
  input: SchemaCreate,
): Promise<SchemaView> {
  const egg = newSchema(input, deps.clock.now());
  if (isStandardTypeName(egg.name)) {
    throw new DomainError(
      'INVALID_SCHEMA',
      `Invalid object type name '${egg.name}': it names a standard object type`,
      { name: [egg.name] },
    );
  }
  return deps.store.transaction(async (tx) => {
    const schemas = await tx.listObjectSchemas(portalId);
    const clash = schemas.find((schema) => schema.name.toLowerCase() === egg.name.toLowerCase());
    if (clash) {
      throw new DomainError(
        'SCHEMA_ALREADY_EXISTS',
        `Object type with name ${egg.name} already exists (${customObjectTypeId(clash.id)})`,
        { name: [egg.name] },
      );
    }
    const directory = await objectTypeDirectory(tx, portalId);
    const targets = (input.associatedObjects ?? []).map((name) => directory.resolve(name));
    const schema = await tx.insertObjectSchema(portalId, egg);
    const type = customObjectType(portalId, schema);
    const seen = new Set<string>();
    const activities = ACTIVITY_TYPE_IDS.map((id) => directory.resolve(id));
    const self = input.shouldCreateSameObjectAssociation ? [type] : [];
    for (const target of [...targets, ...self, ...activities]) {
      if (seen.has(target.id)) continue;
      seen.add(target.id);
      await insertDefinition(tx, portalId, type, target, undefined);
    }
    return viewOf(portalId, schema, await tx.listLabels(portalId));
  });
}

/** Updates a live schema's labels, display, required and searchable properties, description. */
export async function updateSchema(
  deps: CoreDeps,
  portalId: number,
  name: string,
  patch: SchemaPatch,
): Promise<SchemaView> {
  return deps.store.transaction(async (tx) => {
    const schema = await schemaNamed(tx, portalId, name, false);
    const patched = patchedSchema(schema, patch, deps.clock.now());
    await tx.updateObjectSchema(portalId, patched);
    return viewOf(portalId, patched, await tx.listLabels(portalId));
  });
}

/**
 * Archives a live schema (refused while unarchived records of it exist), or with `purge` deletes
 * an archived one for good, with its records, associations, labels and limits; its name is free
 * again, its id never handed out again.
 */
export async function deleteSchema(
  deps: CoreDeps,
  portalId: number,
  name: string,
  purge: boolean,
): Promise<void> {
  await deps.store.transaction(async (tx) => {
    const schema = findSchema(await tx.listObjectSchemas(portalId), portalId, name);
    if (!schema) throw schemaNotFound(name);
    const archived = schema.archivedAt !== null;
    if (purge) {
      if (!archived) {
        throw new DomainError(
          'SCHEMA_NOT_ARCHIVED',
          `Object type ${customObjectTypeId(schema.id)} must be archived before it is purged`,
          { objectType: [name] },
        );
      }
      await tx.purgeObjectSchema(portalId, schema.id);
      return;
    }
    if (archived) throw schemaNotFound(name);
    if (await tx.hasLiveRecords(portalId, customObjectTypeId(schema.id))) {
      throw new DomainError(
        'EXISTING_OBJECT_RECORDS',
        `Object type ${customObjectTypeId(schema.id)} has existing records; delete them before deleting the schema`,
        { objectType: [name] },
      );
    }
    const now = deps.clock.now();
    await tx.updateObjectSchema(portalId, { ...schema, archivedAt: now, updatedAt: now });
  });
}

/**
 * Defines the association between a schema's type and another type (standard, custom, or the
 * same): the pair's unlabeled USER_DEFINED type, both ways. One end must be the schema's type.
 */
export async function createAssociationDefinition(
  deps: CoreDeps,
  portalId: number,
  name: string,
  input: DefinitionInput,
): Promise<AssociationDefinitionView> {
  return deps.store.transaction(async (tx) => {
    const schema = await schemaNamed(tx, portalId, name, false);
    const directory = await objectTypeDirectory(tx, portalId);
    const from = directory.resolve(input.fromObjectTypeId);
    const to = directory.resolve(input.toObjectTypeId);
    const own = customObjectTypeId(schema.id);
    if (from.id !== own && to.id !== own) {
      throw new DomainError(
        'INVALID_SCHEMA',
        `An association definition of ${own} must have it at one end; got ${from.id} and ${to.id}`,
        { fromObjectTypeId: [input.fromObjectTypeId], toObjectTypeId: [input.toObjectTypeId] },
      );
    }
    const stored = await insertDefinition(tx, portalId, from, to, input.name);
    return {
      id: stored.typeId,
      fromObjectTypeId: stored.fromObjectTypeId,
      toObjectTypeId: stored.toObjectTypeId,
      name: stored.name,
    };
  });
}

/**
 * Deletes an association definition of a schema's type by either of its type ids, with every
 * association through it; refused while the pair has labels, as HubSpot refuses it.
 */
export async function deleteAssociationDefinition(
  deps: CoreDeps,
  portalId: number,
  name: string,
  identifier: string,
): Promise<void> {
  await deps.store.transaction(async (tx) => {
    const schema = await schemaNamed(tx, portalId, name, false);
    const own = customObjectTypeId(schema.id);
    const labels = await tx.listLabels(portalId);
    const definition = labels.find(
      (label) =>
        isAssociationDefinition(label) &&
        (label.fromObjectTypeId === own || label.toObjectTypeId === own) &&
        (String(label.typeId) === identifier || String(label.inverseTypeId) === identifier),
    );
    if (!definition) {
      throw new DomainError(
        'ASSOCIATION_DEFINITION_NOT_FOUND',
        `No association definition of ${own} has id ${identifier}`,
        { associationIdentifier: [identifier] },
      );
    }
    const { fromObjectTypeId: a, toObjectTypeId: b } = definition;
    if (labelsBetween(labels, a, b).length > 0) {
      throw new DomainError(
        'INVALID_INPUT',
        `Definition with label still exists; Cannot delete unlabeled type with associationTypeId ${identifier}`,
        { associationTypeId: [identifier] },
      );
    }
    await tx.deleteLabel(portalId, definition);
  });
}

/** The portal's object types, its live custom types included, for resolving path names. */
export function objectTypes(deps: CoreDeps, portalId: number): Promise<ObjectTypeDirectory> {
  return objectTypeDirectory(deps.store, portalId);
}

/**
 * The property definitions of a custom object type (any path name), or undefined when the name
 * names no live custom type: what a Properties API serves for custom types.
 */
export async function propertyDefinitionsOf(
  deps: CoreDeps,
  portalId: number,
  objectType: string,
): Promise<readonly SchemaProperty[] | undefined> {
  const schemas = await deps.store.listObjectSchemas(portalId);
  const schema = findSchema(
    schemas.filter((candidate) => candidate.archivedAt === null),
    portalId,
    objectType,
  );
  return schema?.properties;
}
