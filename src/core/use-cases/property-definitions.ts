// The Properties API: an object type's properties (HubSpot's built-in ones, read-only, and the
// portal's own) and property groups; and what record writes and searches learn from them.
import {
  builtInGroupName,
  builtInProperties,
  defaultGroups,
  DEFAULT_FIELD_TYPES,
} from '../catalog/properties.js';
import { batchItemError, DomainError, type BatchOutcome } from '../errors.js';
import type {
  CustomObjectSchema,
  Properties,
  PropertyDefinition,
  PropertyGroupDefinition,
  PropertySchemaEntry,
  PropertyType,
  SchemaProperty,
} from '../model.js';
import type { StandardObjectType } from '../object-types.js';
import type { SchemaReader, StoreTransaction } from '../ports.js';
import {
  newPropertyDefinition,
  newPropertyGroup,
  undeclaredPropertiesError,
  updatedPropertyDefinition,
  type PropertyCreateInput,
  type PropertyGroupInput,
  type PropertyUpdateInput,
} from '../rules/property-definitions.js';
import { MAX_UNIQUE_PROPERTIES, tooManyUniqueProperties } from '../rules/unique-properties.js';
import type { CoreDeps } from './deps.js';

/** A property as the API answers it: its definition and what a client may do with it. */
export interface PropertyView extends Omit<PropertyDefinition, 'createdAt' | 'updatedAt'> {
  readonly createdAt: string | null;
  readonly updatedAt: string | null;
  readonly hubspotDefined: boolean;
  readonly calculated: boolean;
  readonly archivable: boolean;
  readonly readOnlyDefinition: boolean;
  readonly readOnlyValue: boolean;
}

/** A group as the API answers it. */
export interface PropertyGroupView extends PropertyGroupDefinition {
  readonly hubspotDefined: boolean;
}

/** Built-in properties whose values only HubSpot writes. */
const SERVER_KEPT = new Set([
  'hs_object_id',
  'createdate',
  'hs_createdate',
  'lastmodifieddate',
  'hs_lastmodifieddate',
]);

/** `first_name` → `First name`: built-in labels are derived from their names. */
function labelOf(name: string): string {
  const words = name.replace(/^hs_/, '').split('_').filter(Boolean);
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function builtInViews(type: StandardObjectType): PropertyView[] {
  if (type.schema) return type.schema.properties.map((property) => schemaView(type, property));
  const groupName = builtInGroupName(type.id);
  return builtInProperties(type.id).map(({ name, type: valueType }) => {
    const serverKept = SERVER_KEPT.has(name);
    return {
      objectTypeId: type.id,
      name,
      label: labelOf(name),
      type: valueType,
      fieldType: DEFAULT_FIELD_TYPES[valueType],
      groupName,
      description: '',
      options: [],
      displayOrder: -1,
      hasUniqueValue: false,
      hidden: false,
      formField: false,
      createdAt: null,
      updatedAt: null,
      archivedAt: null,
      hubspotDefined: true,
      calculated: serverKept,
      archivable: false,
      readOnlyDefinition: true,
      readOnlyValue: serverKept,
    };
  });
}

/**
 * A custom type's property as the Properties API shows it: the schema holds its properties, the
 * ones HubSpot adds to every custom object read-only, the others the portal's own.
 */
function schemaView(type: StandardObjectType, property: SchemaProperty): PropertyView {
  const { hubspotDefined, ...fields } = property;
  const times = type.schema
    ? {
        createdAt: type.schema.createdAt.toISOString(),
        updatedAt: type.schema.updatedAt.toISOString(),
      }
    : { createdAt: null, updatedAt: null };
  return {
    ...fields,
    type: property.type as PropertyType,
    objectTypeId: type.id,
    ...times,
    archivedAt: null,
    hubspotDefined,
    calculated: false,
    archivable: !hubspotDefined,
    readOnlyDefinition: hubspotDefined,
    readOnlyValue: property.name === 'hs_object_id',
  };
}

/** A property definition as a custom schema keeps it. */
function toSchemaProperty(definition: PropertyDefinition): SchemaProperty {
  return {
    name: definition.name,
    label: definition.label,
    type: definition.type,
    fieldType: definition.fieldType,
    groupName: definition.groupName,
    description: definition.description,
    options: definition.options,
    displayOrder: definition.displayOrder,
    hasUniqueValue: definition.hasUniqueValue,
    hidden: definition.hidden,
    formField: definition.formField,
    hubspotDefined: false,
  };
}

/** The custom type's schema as the transaction sees it; 404 when it is gone or archived. */
async function liveSchemaOf(
  tx: StoreTransaction,
  portalId: number,
  type: CustomType,
): Promise<CustomObjectSchema> {
  const schemas = await tx.listObjectSchemas(portalId);
  const live = schemas.find((stored) => stored.id === type.schema.id && stored.archivedAt === null);
  if (!live) throw propertyNotFound(type, type.schema.name);
  return live;
}

/**
 * Changes a custom type's own properties, which its schema holds: `change` gets them and the
 * time, and returns them changed and its answer.
 */
async function changeSchemaProperties<T>(
  deps: CoreDeps,
  tx: StoreTransaction,
  portalId: number,
  type: CustomType,
  change: (properties: SchemaProperty[], now: Date) => T,
): Promise<T> {
  const schema = await liveSchemaOf(tx, portalId, type);
  const properties = [...schema.properties];
  const now = deps.clock.now();
  const answer = change(properties, now);
  await tx.updateObjectSchema(portalId, { ...schema, properties, updatedAt: now });
  return answer;
}

type CustomType = StandardObjectType & { readonly schema: CustomObjectSchema };

function isCustom(type: StandardObjectType): type is CustomType {
  return type.schema !== undefined;
}

/** A custom type's property, or 404; the ones HubSpot defines are read-only. */
function ownSchemaProperty(
  type: StandardObjectType,
  properties: readonly SchemaProperty[],
  name: string,
): number {
  const index = properties.findIndex((property) => property.name === name);
  if (index < 0) throw propertyNotFound(type, name);
  if (properties[index]?.hubspotDefined) throw readOnly('property', name);
  return index;
}

function definedView(definition: PropertyDefinition): PropertyView {
  return {
    ...definition,
    hubspotDefined: false,
    calculated: false,
    archivable: true,
    readOnlyDefinition: false,
    readOnlyValue: false,
  };
}

function defaultGroupViews(type: StandardObjectType): PropertyGroupView[] {
  return defaultGroups(type.id).map((group) => ({
    ...group,
    objectTypeId: type.id,
    archivedAt: null,
    hubspotDefined: true,
  }));
}

/** The portal's own definitions of one type, read through `source`. */
async function schemaOf(source: SchemaReader, portalId: number, objectTypeId: string) {
  const entries = await source.listPropertySchema(portalId, objectTypeId);
  const properties = new Map<string, PropertyDefinition>();
  const groups = new Map<string, PropertyGroupDefinition>();
  for (const entry of entries) {
    if (entry.kind === 'property') properties.set(entry.property.name, entry.property);
    else groups.set(entry.group.name, entry.group);
  }
  return { properties, groups };
}

function propertyNotFound(type: StandardObjectType, name: string): DomainError {
  return new DomainError(
    'PROPERTY_NOT_FOUND',
    `Unable to find property with name '${name}' for object type ${type.id}`,
    { name: [name], objectType: [type.id] },
  );
}

function groupNotFound(type: StandardObjectType, name: string): DomainError {
  return new DomainError(
    'PROPERTY_GROUP_NOT_FOUND',
    `Unable to find property group with name '${name}' for object type ${type.id}`,
    { name: [name], objectType: [type.id] },
  );
}

function readOnly(what: string, name: string): DomainError {
  return new DomainError(
    'READ_ONLY_PROPERTY',
    `The HubSpot-defined ${what} '${name}' is read-only and cannot be changed or archived`,
    { name: [name] },
  );
}

function isBuiltIn(type: StandardObjectType, name: string): boolean {
  return builtInProperties(type.id).some((property) => property.name === name);
}

function isDefaultGroup(type: StandardObjectType, name: string): boolean {
  return defaultGroups(type.id).some((group) => group.name === name);
}

/** Whether a stored definition or group exists and is not archived. */
function isLive<T extends { readonly archivedAt: string | null }>(
  stored: T | undefined,
): stored is T {
  return stored?.archivedAt === null;
}

function byName<T extends { readonly name: string }>(items: T[]): T[] {
  return items.sort((a, b) => a.name.localeCompare(b.name));
}

/** Every property of the type: live ones (built-in and defined), or the archived ones only. */
export async function listProperties(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  archived: boolean,
): Promise<PropertyView[]> {
  const { properties } = await schemaOf(deps.store, portalId, type.id);
  const defined = [...properties.values()]
    .filter((property) => (property.archivedAt !== null) === archived)
    .map(definedView);
  return byName(archived ? defined : [...builtInViews(type), ...defined]);
}

/** One property by name: a live one, or (when `archived`) an archived one; 404 otherwise. */
export async function getProperty(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  name: string,
  archived: boolean,
): Promise<PropertyView> {
  const { properties } = await schemaOf(deps.store, portalId, type.id);
  return findProperty(type, properties, name, archived);
}

function findProperty(
  type: StandardObjectType,
  properties: ReadonlyMap<string, PropertyDefinition>,
  name: string,
  archived: boolean,
): PropertyView {
  if (!archived) {
    const builtIn = builtInViews(type).find((property) => property.name === name);
    if (builtIn) return builtIn;
  }
  const defined = properties.get(name);
  if (defined && (defined.archivedAt !== null) === archived) return definedView(defined);
  throw propertyNotFound(type, name);
}

/** Creates properties in input order, each meeting what the earlier ones left. */
async function createInTransaction(
  deps: CoreDeps,
  tx: StoreTransaction,
  portalId: number,
  type: StandardObjectType,
  inputs: readonly PropertyCreateInput[],
): Promise<BatchOutcome<PropertyView>> {
  if (isCustom(type)) return createInSchema(deps, tx, portalId, type, inputs);
  const { properties, groups } = await schemaOf(tx, portalId, type.id);
  const now = deps.clock.now().toISOString();
  const outcome: BatchOutcome<PropertyView> = { results: [], errors: [] };
  const created: PropertySchemaEntry[] = [];
  for (const input of inputs) {
    try {
      const existing = properties.get(input.name);
      if (isBuiltIn(type, input.name) || isLive(existing)) {
        throw new DomainError(
          'PROPERTY_ALREADY_EXISTS',
          `A property named '${input.name}' already exists.`,
          { name: [input.name] },
        );
      }
      assertGroupExists(type, groups, input.groupName, input.name);
      const unique = [...properties.values()].filter(
        (property) => isLive(property) && property.hasUniqueValue,
      );
      assertUniqueCap(type, unique.length, input);
      // Re-creating an archived name restores the property with the new definition.
      const definition = newPropertyDefinition(type.id, input, now);
      properties.set(definition.name, definition);
      created.push({ kind: 'property', property: definition });
      outcome.results.push(definedView(definition));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      outcome.errors.push(batchItemError(error.code, error.message, error.context ?? {}));
    }
  }
  if (created.length > 0) await tx.putPropertySchema(portalId, created);
  return outcome;
}

/**
 * A custom type's new properties join its schema, in input order. Its groups are not checked:
 * a schema's properties name groups of their own that no group list holds.
 */
function createInSchema(
  deps: CoreDeps,
  tx: StoreTransaction,
  portalId: number,
  type: CustomType,
  inputs: readonly PropertyCreateInput[],
): Promise<BatchOutcome<PropertyView>> {
  return changeSchemaProperties(deps, tx, portalId, type, (properties, now) => {
    const outcome: BatchOutcome<PropertyView> = { results: [], errors: [] };
    for (const input of inputs) {
      try {
        if (properties.some((property) => property.name === input.name)) {
          throw new DomainError(
            'PROPERTY_ALREADY_EXISTS',
            `A property named '${input.name}' already exists.`,
            { name: [input.name] },
          );
        }
        const unique = properties.filter(
          (property) => property.hasUniqueValue && !property.hubspotDefined,
        );
        assertUniqueCap(type, unique.length, input);
        const property = toSchemaProperty(newPropertyDefinition(type.id, input, now.toISOString()));
        properties.push(property);
        outcome.results.push(schemaView(type, property));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        outcome.errors.push(batchItemError(error.code, error.message, error.context ?? {}));
      }
    }
    return outcome;
  });
}

/**
 * HubSpot allows 10 unique-value properties per object type (its own, such as contacts' email,
 * not counted); `unique` is how many the type has before this input.
 */
function assertUniqueCap(
  type: StandardObjectType,
  unique: number,
  input: PropertyCreateInput,
): void {
  if (input.hasUniqueValue === true && unique >= MAX_UNIQUE_PROPERTIES) {
    throw tooManyUniqueProperties(type, input.name);
  }
}

function assertGroupExists(
  type: StandardObjectType,
  groups: ReadonlyMap<string, PropertyGroupDefinition>,
  groupName: string,
  propertyName: string,
): void {
  const group = groups.get(groupName);
  if (isDefaultGroup(type, groupName) || isLive(group)) return;
  throw new DomainError(
    'INVALID_PROPERTY',
    `Property '${propertyName}' names the group '${groupName}', which does not exist for object type ${type.id}`,
    { name: [propertyName], groupName: [groupName] },
  );
}

export async function createProperty(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  input: PropertyCreateInput,
): Promise<PropertyView> {
  const outcome = await deps.store.transaction((tx) =>
    createInTransaction(deps, tx, portalId, type, [input]),
  );
  const [error] = outcome.errors;
  if (error) throw new DomainError(error.code, error.message, error.context);
  const [created] = outcome.results;
  if (!created) throw propertyNotFound(type, input.name);
  return created;
}

/** batch/create: every input tried in order; failed ones answer as errors (207). */
export async function batchCreateProperties(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  inputs: readonly PropertyCreateInput[],
): Promise<BatchOutcome<PropertyView>> {
  const outcome = await deps.store.transaction((tx) =>
    createInTransaction(deps, tx, portalId, type, inputs),
  );
  if (outcome.results.length === 0 && outcome.errors.length > 0) {
    const [first] = outcome.errors;
    if (first) throw new DomainError(first.code, first.message, first.context);
  }
  return outcome;
}

/** Changes a defined property; built-in ones are read-only. */
export async function updateProperty(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  name: string,
  update: PropertyUpdateInput,
): Promise<PropertyView> {
  if (isBuiltIn(type, name)) throw readOnly('property', name);
  if (isCustom(type)) {
    return deps.store.transaction((tx) =>
      changeSchemaProperties(deps, tx, portalId, type, (properties, now) => {
        const index = ownSchemaProperty(type, properties, name);
        const current = properties[index];
        if (!current) throw propertyNotFound(type, name);
        const stored = newPropertyDefinition(type.id, current, now.toISOString());
        const next = toSchemaProperty(updatedPropertyDefinition(stored, update, now.toISOString()));
        properties[index] = next;
        return schemaView(type, next);
      }),
    );
  }
  return deps.store.transaction(async (tx) => {
    const { properties, groups } = await schemaOf(tx, portalId, type.id);
    const stored = properties.get(name);
    if (!isLive(stored)) throw propertyNotFound(type, name);
    if (update.groupName !== undefined) assertGroupExists(type, groups, update.groupName, name);
    const next = updatedPropertyDefinition(stored, update, deps.clock.now().toISOString());
    await tx.putPropertySchema(portalId, [{ kind: 'property', property: next }]);
    return definedView(next);
  });
}

/** Archives a defined property (its definition stays, listed with `archived=true`). */
export async function archiveProperty(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  name: string,
): Promise<void> {
  if (isBuiltIn(type, name)) throw readOnly('property', name);
  if (isCustom(type)) {
    const { requiredProperties, primaryDisplayProperty } = type.schema;
    if (requiredProperties.includes(name) || primaryDisplayProperty === name) {
      throw new DomainError(
        'INVALID_INPUT',
        `Property '${name}' is required or the primary display property of ${type.schema.name}; change the schema first`,
        { name: [name] },
      );
    }
    await deps.store.transaction((tx) =>
      changeSchemaProperties(deps, tx, portalId, type, (properties) => {
        properties.splice(ownSchemaProperty(type, properties, name), 1);
      }),
    );
    return;
  }
  await deps.store.transaction(async (tx) => {
    const { properties } = await schemaOf(tx, portalId, type.id);
    const stored = properties.get(name);
    if (!isLive(stored)) throw propertyNotFound(type, name);
    const archivedAt = deps.clock.now().toISOString();
    await tx.putPropertySchema(portalId, [
      { kind: 'property', property: { ...stored, archivedAt, updatedAt: archivedAt } },
    ]);
  });
}

/** batch/read: each name found (live, or archived when asked), or an error for it (207). */
export async function batchReadProperties(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  names: readonly string[],
  archived: boolean,
): Promise<BatchOutcome<PropertyView>> {
  const { properties } = await schemaOf(deps.store, portalId, type.id);
  const outcome: BatchOutcome<PropertyView> = { results: [], errors: [] };
  for (const name of names) {
    try {
      outcome.results.push(findProperty(type, properties, name, archived));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      outcome.errors.push(batchItemError(error.code, error.message, error.context ?? {}));
    }
  }
  return outcome;
}

/**
 * batch/archive: archives the named defined properties; names of built-in, unknown or already
 * archived properties change nothing (HubSpot answers 204 whatever the state).
 */
export async function batchArchiveProperties(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  names: readonly string[],
): Promise<void> {
  if (isCustom(type)) {
    const named = new Set(names);
    await deps.store.transaction((tx) =>
      changeSchemaProperties(deps, tx, portalId, type, (properties) => {
        const kept = properties.filter(
          (property) => property.hubspotDefined || !named.has(property.name),
        );
        properties.splice(0, properties.length, ...kept);
      }),
    );
    return;
  }
  await deps.store.transaction(async (tx) => {
    const { properties } = await schemaOf(tx, portalId, type.id);
    const archivedAt = deps.clock.now().toISOString();
    const archived = [...new Set(names)].flatMap((name): PropertySchemaEntry[] => {
      const stored = properties.get(name);
      if (!isLive(stored)) return [];
      return [{ kind: 'property', property: { ...stored, archivedAt, updatedAt: archivedAt } }];
    });
    if (archived.length > 0) await tx.putPropertySchema(portalId, archived);
  });
}

/** The type's groups: its default ones and the portal's live ones, by name. */
export async function listPropertyGroups(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
): Promise<PropertyGroupView[]> {
  const { groups } = await schemaOf(deps.store, portalId, type.id);
  const defined = [...groups.values()]
    .filter((group) => group.archivedAt === null)
    .map((group) => ({ ...group, hubspotDefined: false }));
  return byName([...defaultGroupViews(type), ...defined]);
}

export async function getPropertyGroup(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  name: string,
): Promise<PropertyGroupView> {
  const builtIn = defaultGroupViews(type).find((group) => group.name === name);
  if (builtIn) return builtIn;
  const { groups } = await schemaOf(deps.store, portalId, type.id);
  const group = groups.get(name);
  if (!isLive(group)) throw groupNotFound(type, name);
  return { ...group, hubspotDefined: false };
}

export async function createPropertyGroup(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  input: PropertyGroupInput,
): Promise<PropertyGroupView> {
  const group = newPropertyGroup(type.id, input);
  return deps.store.transaction(async (tx) => {
    const { groups } = await schemaOf(tx, portalId, type.id);
    const existing = groups.get(input.name);
    if (isDefaultGroup(type, input.name) || isLive(existing)) {
      throw new DomainError(
        'PROPERTY_GROUP_ALREADY_EXISTS',
        `A property group named '${input.name}' already exists.`,
        { name: [input.name] },
      );
    }
    await tx.putPropertySchema(portalId, [{ kind: 'group', group }]);
    return { ...group, hubspotDefined: false };
  });
}

export async function updatePropertyGroup(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  name: string,
  update: { readonly label?: string | undefined; readonly displayOrder?: number | undefined },
): Promise<PropertyGroupView> {
  if (isDefaultGroup(type, name)) throw readOnly('property group', name);
  return deps.store.transaction(async (tx) => {
    const { groups } = await schemaOf(tx, portalId, type.id);
    const stored = groups.get(name);
    if (!isLive(stored)) throw groupNotFound(type, name);
    const next = newPropertyGroup(type.id, {
      name,
      label: update.label ?? stored.label,
      displayOrder: update.displayOrder ?? stored.displayOrder,
    });
    await tx.putPropertySchema(portalId, [{ kind: 'group', group: next }]);
    return { ...next, hubspotDefined: false };
  });
}

/** Archives a group; one that live properties are in cannot be archived. */
export async function archivePropertyGroup(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  name: string,
): Promise<void> {
  if (isDefaultGroup(type, name)) throw readOnly('property group', name);
  await deps.store.transaction(async (tx) => {
    const { groups, properties } = await schemaOf(tx, portalId, type.id);
    const stored = groups.get(name);
    if (!isLive(stored)) throw groupNotFound(type, name);
    const members = [...properties.values()].filter(
      (property) => property.groupName === name && property.archivedAt === null,
    );
    if (members.length > 0) {
      throw new DomainError(
        'PROPERTY_GROUP_NOT_EMPTY',
        `The property group '${name}' cannot be archived while it holds properties: ${members.map((property) => property.name).join(', ')}`,
        { name: [name], properties: members.map((property) => property.name) },
      );
    }
    const archivedAt = deps.clock.now().toISOString();
    await tx.putPropertySchema(portalId, [{ kind: 'group', group: { ...stored, archivedAt } }]);
  });
}

/**
 * The value types of a type's properties for search: the built-in definitions, then the portal's
 * live ones; names neither knows compare as strings. `named` are the names the search uses.
 */
export async function propertyTypesOf(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  named: Iterable<string>,
): Promise<(name: string) => PropertyType> {
  const types = new Map(
    builtInProperties(type.id).map((property) => [property.name, property.type]),
  );
  // A search naming built-in properties only (most do) reads no definitions.
  if ([...named].every((name) => types.has(name))) return (name) => types.get(name) ?? 'string';
  const { properties } = await schemaOf(deps.store, portalId, type.id);
  for (const property of properties.values()) {
    if (property.archivedAt === null && !types.has(property.name)) {
      types.set(property.name, property.type);
    }
  }
  return (name) => types.get(name) ?? 'string';
}

/**
 * Refuses a write naming properties the type does not have (built in, or defined and live), when
 * the server refuses undeclared properties; HubSpot does (docs/fidelity.md).
 */
export async function assertDeclaredProperties(
  deps: CoreDeps,
  tx: StoreTransaction,
  portalId: number,
  type: StandardObjectType,
  writes: readonly Properties[],
): Promise<void> {
  if (deps.settings.undeclaredProperties !== 'refuse') return;
  // A custom type's properties are its schema's, checked (always, as HubSpot does) before this.
  if (type.schema) return;
  const named = new Set(writes.flatMap((properties) => Object.keys(properties)));
  if (named.size === 0) return;
  const known = new Set(builtInProperties(type.id).map((property) => property.name));
  const unknown = [...named].filter((name) => !known.has(name));
  if (unknown.length === 0) return;
  const { properties } = await schemaOf(tx, portalId, type.id);
  const undeclared = unknown.filter((name) => {
    const defined = properties.get(name);
    return !isLive(defined);
  });
  if (undeclared.length > 0) throw undeclaredPropertiesError(undeclared);
}
