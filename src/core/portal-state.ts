// A portal's whole state as JSON: the document and the items of export and import, the
// validation of imported items, and their conversion to and from the store's chunks.
import type { AssociationTypeCatalog } from './association-types.js';
import { DomainError } from './errors.js';
import {
  CATEGORIES,
  type AssociationRow,
  type AssociationType,
  type Category,
  type CrmRecord,
  type CustomObjectSchema,
  type LabelDefinition,
  type LimitConfig,
  type Properties,
  type PropertyDefinition,
  type PropertyGroupDefinition,
  type PropertySchemaEntry,
} from './model.js';
import { customObjectTypeId, isStandardTypeName, resolveObjectType } from './object-types.js';
import type { PortalStateChunk } from './ports.js';
import { builtInProperties, defaultGroups } from './catalog/properties.js';
import { assertLabelName, labelText } from './rules/labels.js';
import { assertSchemaName } from './rules/object-schemas.js';
import {
  assertDefinitionName,
  newPropertyDefinition,
  newPropertyGroup,
} from './rules/property-definitions.js';
import { MAX_LIMIT } from './rules/limits.js';

/** The version of the document format; a reader refuses any other. */
export const PORTAL_DOCUMENT_FORMAT = 1;

/** The portal's own fields: its name and where its sequences stand. */
export interface PortalHeader {
  readonly name: string;
  readonly nextRecordId: number;
  readonly nextLabelTypeId: number;
  /** The next custom object schema id; absent in files written before custom objects (1). */
  readonly nextSchemaId?: number;
}

/**
 * A custom object schema as JSON: its identity, its times as ISO 8601, and the rest of it (labels,
 * display, required and searchable properties, property definitions) as one `definition`.
 */
export interface SchemaItem {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly archivedAt: string | null;
  readonly definition: SchemaDefinition;
}

/** The parts of a schema a `SchemaItem` keeps in its `definition`. */
type SchemaDefinition = Omit<
  CustomObjectSchema,
  'id' | 'name' | 'createdAt' | 'updatedAt' | 'archivedAt'
>;

/** A record as JSON: ids as strings (they pass 2^31), times as ISO 8601. */
export interface RecordItem {
  readonly objectTypeId: string;
  readonly id: string;
  readonly properties: Properties;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly archivedAt: string | null;
}

/** One association row (one direction, one type) as JSON. */
export interface AssociationItem {
  readonly fromObjectTypeId: string;
  readonly fromId: string;
  readonly toObjectTypeId: string;
  readonly toId: string;
  readonly category: Category;
  readonly typeId: number;
  /** Present on rows set aside with an archived record. */
  readonly archived?: true;
}

/** A portal's whole state as one JSON-able object. */
export interface PortalDocument {
  readonly format: typeof PORTAL_DOCUMENT_FORMAT;
  readonly portal: PortalHeader;
  readonly schemas: SchemaItem[];
  readonly propertyGroups: PropertyGroupDefinition[];
  readonly properties: PropertyDefinition[];
  readonly labels: LabelDefinition[];
  readonly limits: LimitConfig[];
  readonly records: RecordItem[];
  readonly associations: AssociationItem[];
}

/** One element of a document's arrays (or its portal), tagged with `type`, first. */
export type PortalStateItem =
  | ({ readonly type: 'portal' } & PortalHeader)
  | ({ readonly type: 'schema' } & SchemaItem)
  | { readonly type: 'propertyGroup'; readonly definition: PropertyGroupDefinition }
  | { readonly type: 'property'; readonly definition: PropertyDefinition }
  | ({ readonly type: 'label' } & LabelDefinition)
  | ({ readonly type: 'limit' } & LimitConfig)
  | ({ readonly type: 'record' } & RecordItem)
  | ({ readonly type: 'association' } & AssociationItem);

/** The fields each item type may have, `type` first, in the order export writes them. */
export const ITEM_FIELDS = {
  portal: ['type', 'name', 'nextRecordId', 'nextLabelTypeId', 'nextSchemaId'],
  schema: ['type', 'id', 'name', 'createdAt', 'updatedAt', 'archivedAt', 'definition'],
  propertyGroup: ['type', 'definition'],
  property: ['type', 'definition'],
  label: [
    'type',
    'fromObjectTypeId',
    'toObjectTypeId',
    'typeId',
    'inverseTypeId',
    'name',
    'label',
    'inverseLabel',
  ],
  limit: ['type', 'fromObjectTypeId', 'toObjectTypeId', 'category', 'typeId', 'maxToObjectIds'],
  record: ['type', 'objectTypeId', 'id', 'properties', 'createdAt', 'updatedAt', 'archivedAt'],
  association: [
    'type',
    'fromObjectTypeId',
    'fromId',
    'toObjectTypeId',
    'toId',
    'category',
    'typeId',
    'archived',
  ],
} as const satisfies { [T in PortalStateItem['type']]: readonly (keyof ItemOf<T>)[] };

type ItemOf<T extends PortalStateItem['type']> = Extract<PortalStateItem, { type: T }>;

/** The items of one chunk, in the chunk's order. */
export function itemsOfChunk(chunk: PortalStateChunk): PortalStateItem[] {
  switch (chunk.kind) {
    case 'portal':
      return [
        {
          type: 'portal',
          name: chunk.name,
          nextRecordId: chunk.nextRecordId,
          nextLabelTypeId: chunk.nextLabelTypeId,
          ...(chunk.nextSchemaId !== undefined ? { nextSchemaId: chunk.nextSchemaId } : {}),
        },
      ];
    case 'schemas':
      return chunk.schemas.map(schemaItem);
    case 'propertySchema':
      return chunk.entries.map((entry) =>
        entry.kind === 'group'
          ? { type: 'propertyGroup', definition: entry.group }
          : { type: 'property', definition: entry.property },
      );
    case 'labels':
      return chunk.labels.map((label) => ({ type: 'label', ...label }));
    case 'limits':
      return chunk.limits.map((limit) => ({ type: 'limit', ...limit }));
    case 'records':
      return chunk.records.map(recordItem);
    case 'associations':
      return chunk.rows.map((row) => associationItem(row, chunk.archived));
  }
}

function schemaItem(schema: CustomObjectSchema): PortalStateItem {
  const { id, name, createdAt, updatedAt, archivedAt, ...definition } = schema;
  return {
    type: 'schema',
    id: String(id),
    name,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
    archivedAt: archivedAt?.toISOString() ?? null,
    definition,
  };
}

function recordItem(record: CrmRecord): PortalStateItem {
  return {
    type: 'record',
    objectTypeId: record.objectTypeId,
    id: String(record.id),
    properties: record.properties,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    archivedAt: record.archivedAt?.toISOString() ?? null,
  };
}

function associationItem(row: AssociationRow, archived: boolean): PortalStateItem {
  return {
    type: 'association',
    fromObjectTypeId: row.fromObjectTypeId,
    fromId: String(row.fromId),
    toObjectTypeId: row.toObjectTypeId,
    toId: String(row.toId),
    category: row.category,
    typeId: row.typeId,
    ...(archived ? { archived: true as const } : {}),
  };
}

/** Collects items into a document; the portal's header defaults to a fresh portal's. */
export function documentOfItems(portalId: number, items: readonly PortalStateItem[]) {
  const document: PortalDocument = {
    format: PORTAL_DOCUMENT_FORMAT,
    portal: { name: `portal ${portalId}`, nextRecordId: 0, nextLabelTypeId: 1 },
    schemas: [],
    propertyGroups: [],
    properties: [],
    labels: [],
    limits: [],
    records: [],
    associations: [],
  };
  let portal = document.portal;
  for (const item of items) {
    const { type, ...fields } = item;
    if (type === 'portal') portal = fields as PortalHeader;
    else if (type === 'schema') document.schemas.push(fields as SchemaItem);
    else if (item.type === 'propertyGroup') document.propertyGroups.push(item.definition);
    else if (item.type === 'property') document.properties.push(item.definition);
    else if (type === 'label') document.labels.push(fields as LabelDefinition);
    else if (type === 'limit') document.limits.push(fields as LimitConfig);
    else if (type === 'record') document.records.push(fields as RecordItem);
    else document.associations.push(fields as AssociationItem);
  }
  return { ...document, portal };
}

/** A document's sections, in the order an import takes them, with the item type of each. */
const DOCUMENT_SECTIONS = [
  ['schemas', 'schema'],
  ['propertyGroups', 'propertyGroup'],
  ['properties', 'property'],
  ['labels', 'label'],
  ['limits', 'limit'],
  ['records', 'record'],
  ['associations', 'association'],
] as const;

/**
 * The items of a document, each with the JSON path it came from: the portal first, then schemas,
 * property groups and properties, labels, limits, records and associations. Only the document's outline is checked here; the items are
 * checked by a PortalStateValidator.
 */
export function itemsOfDocument(body: unknown): { item: unknown; path: string }[] {
  const document = objectAt(body, '$', 'the document');
  allowOnly(document, ['format', 'portal', ...DOCUMENT_SECTIONS.map(([key]) => key)], '$');
  if (document['format'] !== PORTAL_DOCUMENT_FORMAT) {
    throw invalid(`$.format: the document format must be ${PORTAL_DOCUMENT_FORMAT}`);
  }
  const items: { item: unknown; path: string }[] = [];
  if (document['portal'] !== undefined) {
    const portal = objectAt(document['portal'], '$.portal', 'the portal');
    items.push({ item: { type: 'portal', ...portal }, path: '$.portal' });
  }
  for (const [key, type] of DOCUMENT_SECTIONS) {
    const section = document[key] ?? [];
    if (!Array.isArray(section)) throw invalid(`$.${key}: must be an array`);
    section.forEach((element: unknown, index) => {
      const path = `$.${key}[${index}]`;
      const fields = objectAt(element, path, `a ${type}`);
      // Definitions have fields of their own named `type`: they travel whole, as `definition`.
      const item =
        type === 'property' || type === 'propertyGroup'
          ? { type, definition: fields }
          : { type, ...fields };
      items.push({ item, path });
    });
  }
  return items;
}

function invalid(message: string): DomainError {
  return new DomainError('INVALID_INPUT', message);
}

type Fields = Record<string, unknown>;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectAt(value: unknown, path: string, what: string): Fields {
  if (!isObject(value)) throw invalid(`${path}: ${what} must be an object`);
  return value;
}

function allowOnly(fields: Fields, allowed: readonly string[], where: string): void {
  const unknown = Object.keys(fields).find((key) => !allowed.includes(key));
  if (unknown !== undefined) throw invalid(`${where}: unknown field "${unknown}"`);
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const DIGITS = /^[1-9][0-9]*$/;

/** Checks one item at a time, in import order; knows what the import has declared so far. */
export class PortalStateValidator {
  readonly #builtIn: AssociationTypeCatalog;
  readonly #labels: LabelDefinition[] = [];
  #catalog: AssociationTypeCatalog;
  /** Every record of the import by `objectTypeId/id`: whether it is archived. */
  readonly #records = new Map<string, boolean>();
  /** Type ids of the import's labels: USER_DEFINED ids, unique among labels only. */
  readonly #labelTypeIds = new Set<number>();
  /** The import's custom object schemas: their object type ids and lower-cased names. */
  readonly #schemaTypeIds = new Set<string>();
  readonly #schemaNames = new Set<string>();
  #sawPortal = false;
  /** Groups and properties of the import, by `objectTypeId/name`. */
  readonly #groups = new Set<string>();
  readonly #properties = new Set<string>();

  constructor(builtIn: AssociationTypeCatalog) {
    this.#builtIn = builtIn;
    this.#catalog = builtIn;
  }

  /**
   * The chunk one item stands for, or a DomainError (INVALID_INPUT) saying what is wrong with it.
   * An association's chunk also holds the rows it implies: its inverse and, for a label, the
   * pair's unlabeled rows both ways (the store ignores the ones already imported).
   */
  chunkOf(item: unknown): PortalStateChunk {
    const fields = objectAt(item, 'item', 'an item');
    switch (fields['type']) {
      case 'portal':
        return this.#portal(fields);
      case 'schema':
        return { kind: 'schemas', schemas: [this.#schema(fields)] };
      case 'propertyGroup':
        return { kind: 'propertySchema', entries: [this.#propertyGroup(fields)] };
      case 'property':
        return { kind: 'propertySchema', entries: [this.#property(fields)] };
      case 'label':
        return { kind: 'labels', labels: [this.#label(fields)] };
      case 'limit':
        return { kind: 'limits', limits: [this.#limit(fields)] };
      case 'record':
        return { kind: 'records', records: [this.#record(fields)] };
      case 'association':
        return this.#association(fields);
      default:
        throw invalid(
          `type must be one of portal, schema, propertyGroup, property, label, limit, record, association, not ${JSON.stringify(fields['type'])}`,
        );
    }
  }

  #portal(fields: Fields): PortalStateChunk {
    allowOnly(fields, ITEM_FIELDS.portal, 'portal');
    if (this.#sawPortal) throw invalid('the portal is given twice');
    this.#sawPortal = true;
    return {
      kind: 'portal',
      name: text(fields, 'name', 'portal'),
      nextRecordId: positiveInteger(fields, 'nextRecordId', 'portal'),
      nextLabelTypeId: positiveInteger(fields, 'nextLabelTypeId', 'portal'),
      ...(fields['nextSchemaId'] === undefined
        ? {}
        : { nextSchemaId: positiveInteger(fields, 'nextSchemaId', 'portal') }),
    };
  }

  /** A custom object schema; its type may then be named by the items that follow. */
  #schema(fields: Fields): CustomObjectSchema {
    allowOnly(fields, ITEM_FIELDS.schema, 'schema');
    const id = recordId(fields, 'id', 'schema');
    const name = text(fields, 'name', 'schema');
    rethrowAsInput(() => {
      assertSchemaName(name);
    });
    if (isStandardTypeName(name)) throw invalid(`schema: "${name}" names a standard object type`);
    const typeId = customObjectTypeId(id);
    if (this.#schemaTypeIds.has(typeId)) throw invalid(`schema: id ${id} is used twice`);
    if (this.#schemaNames.has(name.toLowerCase())) {
      throw invalid(`schema: the name "${name}" is used twice`);
    }
    const definition = objectAt(fields['definition'], 'schema definition', 'a definition');
    const lists = [
      'secondaryDisplayProperties',
      'searchableProperties',
      'requiredProperties',
    ] as const;
    for (const key of lists) {
      const list = definition[key];
      if (!Array.isArray(list) || list.some((entry) => typeof entry !== 'string')) {
        throw invalid(`schema: definition.${key} must be an array of strings`);
      }
    }
    const properties = definition['properties'];
    if (
      !Array.isArray(properties) ||
      properties.some(
        (property) =>
          !isObject(property) ||
          typeof property['name'] !== 'string' ||
          typeof property['type'] !== 'string' ||
          !Array.isArray(property['options']),
      )
    ) {
      throw invalid('schema: definition.properties must be property definitions');
    }
    this.#schemaTypeIds.add(typeId);
    this.#schemaNames.add(name.toLowerCase());
    const archivedAt =
      fields['archivedAt'] === null || fields['archivedAt'] === undefined
        ? null
        : instant(fields, 'archivedAt', 'schema');
    const primary = definition['primaryDisplayProperty'];
    const description = definition['description'];
    return {
      ...(definition as unknown as SchemaDefinition),
      labels: isObject(definition['labels']) ? definition['labels'] : {},
      description: typeof description === 'string' ? description : null,
      primaryDisplayProperty: typeof primary === 'string' ? primary : null,
      allowsSensitiveProperties: definition['allowsSensitiveProperties'] === true,
      id,
      name,
      createdAt: instant(fields, 'createdAt', 'schema'),
      updatedAt: instant(fields, 'updatedAt', 'schema'),
      archivedAt,
    };
  }

  /** The object type id a field names: a standard type, or a custom type the import defined. */
  #objectTypeOf(fields: Fields, key: string, what: string): string {
    const value = fields[key];
    if (typeof value === 'string' && this.#schemaTypeIds.has(value)) return value;
    if (typeof value === 'string' && value.startsWith('2-')) {
      throw invalid(
        `${what}: ${key} "${value}" names no schema of the import (schemas come first)`,
      );
    }
    return objectTypeOf(fields, key, what);
  }

  #propertyGroup(fields: Fields): PropertySchemaEntry {
    allowOnly(fields, ITEM_FIELDS.propertyGroup, 'propertyGroup');
    const definition = objectAt(fields['definition'], 'propertyGroup', 'its definition');
    allowOnly(
      definition,
      ['objectTypeId', 'name', 'label', 'displayOrder', 'archivedAt'],
      'propertyGroup',
    );
    const objectTypeId = objectTypeOf(definition, 'objectTypeId', 'propertyGroup');
    const name = text(definition, 'name', 'propertyGroup');
    const key = `${objectTypeId}/${name}`;
    if (this.#groups.has(key) || defaultGroups(objectTypeId).some((group) => group.name === name)) {
      throw invalid(`propertyGroup: the group "${name}" of ${objectTypeId} is given twice`);
    }
    const group = rethrowAsInput(() =>
      newPropertyGroup(objectTypeId, {
        name,
        label: text(definition, 'label', 'propertyGroup'),
        displayOrder: integer(definition, 'displayOrder', 'propertyGroup'),
      }),
    );
    this.#groups.add(key);
    return { kind: 'group', group: { ...group, archivedAt: optionalInstant(definition) } };
  }

  #property(fields: Fields): PropertySchemaEntry {
    allowOnly(fields, ITEM_FIELDS.property, 'property');
    const definition = objectAt(fields['definition'], 'property', 'its definition');
    const objectTypeId = objectTypeOf(definition, 'objectTypeId', 'property');
    const name = text(definition, 'name', 'property');
    rethrowAsInput(() => {
      assertDefinitionName(name, 'property');
    });
    const key = `${objectTypeId}/${name}`;
    const builtIn = builtInProperties(objectTypeId).some((property) => property.name === name);
    if (this.#properties.has(key) || builtIn) {
      throw invalid(`property: the property "${name}" of ${objectTypeId} is given twice`);
    }
    const groupName = text(definition, 'groupName', 'property');
    const isDefault = defaultGroups(objectTypeId).some((group) => group.name === groupName);
    if (!isDefault && !this.#groups.has(`${objectTypeId}/${groupName}`)) {
      throw invalid(
        `property: "${name}" names the group "${groupName}", which is not a group of ${objectTypeId} (groups come before the properties in them)`,
      );
    }
    checkDefinitionFields(definition);
    const createdAt = instant(definition, 'createdAt', 'property').toISOString();
    const input = Object.fromEntries(
      Object.entries(definition).filter(([key]) => !STORED_ONLY.includes(key)),
    );
    const checked = rethrowAsInput(() =>
      newPropertyDefinition(objectTypeId, input as never, createdAt),
    );
    const known = new Set(Object.keys(checked));
    allowOnly(definition, [...known], 'property');
    this.#properties.add(key);
    return {
      kind: 'property',
      property: {
        ...checked,
        updatedAt: instant(definition, 'updatedAt', 'property').toISOString(),
        archivedAt: optionalInstant(definition),
      },
    };
  }

  #label(fields: Fields): LabelDefinition {
    allowOnly(fields, ITEM_FIELDS.label, 'label');
    const from = this.#objectTypeOf(fields, 'fromObjectTypeId', 'label');
    const to = this.#objectTypeOf(fields, 'toObjectTypeId', 'label');
    // A definition (a custom pair's unlabeled type) is a label without texts: '' in JSON,
    // an empty cell (so no field) in CSV.
    const definition = !fields['label'] && !fields['inverseLabel'];
    const custom = this.#schemaTypeIds.has(from) || this.#schemaTypeIds.has(to);
    if (definition) {
      if (!custom) throw invalid(`label: a label without text needs a custom object type`);
      if (this.#catalog.unlabeled(from, to)) {
        throw invalid(`label: object types ${from} and ${to} have two definitions`);
      }
    } else if (!this.#catalog.unlabeled(from, to) || !this.#catalog.unlabeled(to, from)) {
      throw invalid(`label: object types ${from} and ${to} take no labels`);
    }
    const typeId = typeIdField(fields, 'typeId', 'label');
    const inverseTypeId = typeIdField(fields, 'inverseTypeId', 'label');
    for (const id of new Set([typeId, inverseTypeId])) {
      if (this.#labelTypeIds.has(id)) throw invalid(`label: type id ${id} is used twice`);
    }
    if (typeId === inverseTypeId) throw invalid('label: typeId and inverseTypeId are the same');
    const name = text(fields, 'name', 'label');
    if (this.#labels.some((label) => label.name === name)) {
      throw invalid(`label: the name "${name}" is used twice`);
    }
    const label: LabelDefinition = {
      fromObjectTypeId: from,
      toObjectTypeId: to,
      typeId,
      inverseTypeId,
      name,
      label: definition ? '' : asLabelText(text(fields, 'label', 'label'), 'label'),
      inverseLabel: definition
        ? ''
        : asLabelText(text(fields, 'inverseLabel', 'label'), 'inverseLabel'),
    };
    rethrowAsInput(() => {
      assertLabelName(name);
    });
    this.#labels.push(label);
    this.#labelTypeIds.add(typeId).add(inverseTypeId);
    this.#catalog = this.#builtIn.withLabels(this.#labels);
    return label;
  }

  #limit(fields: Fields): LimitConfig {
    allowOnly(fields, ITEM_FIELDS.limit, 'limit');
    const from = this.#objectTypeOf(fields, 'fromObjectTypeId', 'limit');
    const to = this.#objectTypeOf(fields, 'toObjectTypeId', 'limit');
    const type = this.#typeOf(fields, from, to, 'limit');
    const maxToObjectIds = positiveInteger(fields, 'maxToObjectIds', 'limit');
    if (maxToObjectIds > MAX_LIMIT) {
      throw invalid(`limit: maxToObjectIds must be between 1 and ${MAX_LIMIT}`);
    }
    return {
      fromObjectTypeId: from,
      toObjectTypeId: to,
      category: type.category,
      typeId: type.typeId,
      maxToObjectIds,
    };
  }

  #record(fields: Fields): CrmRecord {
    allowOnly(fields, ITEM_FIELDS.record, 'record');
    const objectTypeId = this.#objectTypeOf(fields, 'objectTypeId', 'record');
    const id = recordId(fields, 'id', 'record');
    const properties = propertiesOf(fields['properties']);
    const createdAt = instant(fields, 'createdAt', 'record');
    const updatedAt = instant(fields, 'updatedAt', 'record');
    const archivedAt =
      fields['archivedAt'] === null || fields['archivedAt'] === undefined
        ? null
        : instant(fields, 'archivedAt', 'record');
    this.#records.set(`${objectTypeId}/${id}`, archivedAt !== null);
    return {
      objectTypeId,
      id,
      properties,
      createdAt,
      updatedAt,
      archived: archivedAt !== null,
      archivedAt,
    };
  }

  #association(fields: Fields): PortalStateChunk {
    allowOnly(fields, ITEM_FIELDS.association, 'association');
    const from = this.#objectTypeOf(fields, 'fromObjectTypeId', 'association');
    const to = this.#objectTypeOf(fields, 'toObjectTypeId', 'association');
    const fromId = recordId(fields, 'fromId', 'association');
    const toId = recordId(fields, 'toId', 'association');
    const archived = fields['archived'] ?? false;
    if (typeof archived !== 'boolean') throw invalid('association: archived must be true or false');
    const fromArchived = this.#recordArchived(from, fromId, 'fromId');
    const toArchived = this.#recordArchived(to, toId, 'toId');
    if (archived && !fromArchived && !toArchived) {
      throw invalid('association: an archived association needs an archived record at one end');
    }
    if (!archived && (fromArchived || toArchived)) {
      throw invalid('association: a row of an archived record must be marked "archived": true');
    }
    const type = this.#typeOf(fields, from, to, 'association');
    const row = {
      fromObjectTypeId: from,
      fromId,
      toObjectTypeId: to,
      toId,
      category: type.category,
      typeId: type.typeId,
    };
    return { kind: 'associations', archived, rows: this.#impliedRows(row, type) };
  }

  /** Whether the named record of the import is archived; refuses a record not imported. */
  #recordArchived(objectTypeId: string, id: number, field: string): boolean {
    const archived = this.#records.get(`${objectTypeId}/${id}`);
    if (archived === undefined) {
      throw invalid(
        `association ${field} "${id}" names no ${objectTypeId} record of the import (records come before the associations naming them)`,
      );
    }
    return archived;
  }

  /** The row, its inverse, and for a labelled row the pair's unlabeled rows both ways. */
  #impliedRows(row: AssociationRow, type: AssociationType): AssociationRow[] {
    const rows = [row];
    const reversed = {
      fromObjectTypeId: row.toObjectTypeId,
      fromId: row.toId,
      toObjectTypeId: row.fromObjectTypeId,
      toId: row.fromId,
    };
    const inverse = this.#catalog.inverseOf(type);
    if (inverse) rows.push({ ...reversed, category: inverse.category, typeId: inverse.typeId });
    if (type.label !== null) {
      const forward = this.#catalog.unlabeled(row.fromObjectTypeId, row.toObjectTypeId);
      const backward = this.#catalog.unlabeled(row.toObjectTypeId, row.fromObjectTypeId);
      if (forward) rows.push({ ...row, category: forward.category, typeId: forward.typeId });
      if (backward)
        rows.push({ ...reversed, category: backward.category, typeId: backward.typeId });
    }
    return rows;
  }

  /** The type the category and type id name between the pair (built in, or an imported label). */
  #typeOf(fields: Fields, from: string, to: string, what: string): AssociationType {
    const category = fields['category'];
    if (typeof category !== 'string' || !(CATEGORIES as readonly string[]).includes(category)) {
      throw invalid(`${what}: category must be one of ${CATEGORIES.join(', ')}`);
    }
    const spec = {
      category: category as Category,
      typeId: typeIdField(fields, 'typeId', what),
    };
    const type = this.#catalog.find(from, to, spec);
    if (!type) {
      throw invalid(
        `${what}: ${spec.category} type ${spec.typeId} is not defined from ${from} to ${to} (labels come before the rows using them)`,
      );
    }
    return type;
  }
}

function text(fields: Fields, key: string, what: string): string {
  const value = fields[key];
  if (typeof value !== 'string' || value === '') {
    throw invalid(`${what}: ${key} must be a non-empty string`);
  }
  return value;
}

/** Fields of a stored definition that a create does not send. */
const STORED_ONLY = ['objectTypeId', 'createdAt', 'updatedAt', 'archivedAt'];

const DEFINITION_TEXTS = [
  'name',
  'label',
  'type',
  'fieldType',
  'groupName',
  'description',
  'calculationFormula',
  'currencyPropertyName',
  'referencedObjectType',
  'numberDisplayHint',
  'textDisplayHint',
  'dataSensitivity',
];
const DEFINITION_FLAGS = [
  'hasUniqueValue',
  'hidden',
  'formField',
  'externalOptions',
  'showCurrencySymbol',
];

/** The JSON types of a property definition's fields, and of its options. */
function checkDefinitionFields(definition: Fields): void {
  for (const key of DEFINITION_TEXTS) {
    const value = definition[key];
    if (value !== undefined && typeof value !== 'string') {
      throw invalid(`property: ${key} must be a string`);
    }
  }
  for (const key of DEFINITION_FLAGS) {
    const value = definition[key];
    if (value !== undefined && typeof value !== 'boolean') {
      throw invalid(`property: ${key} must be true or false`);
    }
  }
  if (definition['displayOrder'] !== undefined) integer(definition, 'displayOrder', 'property');
  const options = definition['options'] ?? [];
  if (!Array.isArray(options)) throw invalid('property: options must be an array');
  for (const option of options) {
    const fields = objectAt(option, 'property', 'an option');
    allowOnly(fields, ['label', 'value', 'hidden', 'displayOrder', 'description'], 'option');
    text(fields, 'value', 'option');
    if (typeof fields['label'] !== 'string') throw invalid('option: label must be a string');
    if (typeof fields['hidden'] !== 'boolean')
      throw invalid('option: hidden must be true or false');
    if (fields['displayOrder'] !== undefined) integer(fields, 'displayOrder', 'option');
    if (fields['description'] !== undefined && typeof fields['description'] !== 'string') {
      throw invalid('option: description must be a string');
    }
  }
}

function integer(fields: Fields, key: string, what: string): number {
  const value = fields[key];
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  throw invalid(`${what}: ${key} must be an integer, not ${JSON.stringify(value)}`);
}

/** A definition's `archivedAt`: null, or an ISO 8601 instant. */
function optionalInstant(fields: Fields): string | null {
  const value = fields['archivedAt'];
  if (value === null || value === undefined) return null;
  return instant(fields, 'archivedAt', 'definition').toISOString();
}

function positiveInteger(fields: Fields, key: string, what: string): number {
  const value = fields[key];
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  throw invalid(`${what}: ${key} must be a positive integer, not ${JSON.stringify(value)}`);
}

/** HubSpot's type ids are 32-bit: no request could name a larger one, and stores rely on it. */
const MAX_TYPE_ID = 2_147_483_647;

/** An association type id: a positive integer of 32 bits. */
function typeIdField(fields: Fields, key: string, what: string): number {
  const value = positiveInteger(fields, key, what);
  if (value <= MAX_TYPE_ID) return value;
  throw invalid(`${what}: ${key} must be at most ${MAX_TYPE_ID}, not ${value}`);
}

/** A record id: a positive safe integer, as a string of digits or a number. */
function recordId(fields: Fields, key: string, what: string): number {
  const value = fields[key];
  const id = typeof value === 'string' && DIGITS.test(value) ? Number(value) : value;
  if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) return id;
  throw invalid(`${what} ${key} ${JSON.stringify(value)} is not a record id`);
}

function objectTypeOf(fields: Fields, key: string, what: string): string {
  const value = fields[key];
  if (typeof value !== 'string') throw invalid(`${what}: ${key} must be a string`);
  return rethrowAsInput(() => resolveObjectType(value).id);
}

function instant(fields: Fields, key: string, what: string): Date {
  const value = fields[key];
  const time = typeof value === 'string' && ISO_INSTANT.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) {
    throw invalid(`${what}: ${key} must be an ISO 8601 instant, not ${JSON.stringify(value)}`);
  }
  return new Date(time);
}

function propertiesOf(value: unknown): Properties {
  if (value === undefined) return {};
  if (!isObject(value)) throw invalid('record: properties must be an object');
  for (const [key, property] of Object.entries(value)) {
    if (typeof property !== 'string') {
      throw invalid(`record: property "${key}" must be a string`);
    }
  }
  return value as Properties;
}

function asLabelText(value: string, field: 'label' | 'inverseLabel'): string {
  return rethrowAsInput(() => labelText(value, field));
}

/** Runs a rule of the API and reports its failure as invalid input of the import. */
function rethrowAsInput<T>(rule: () => T): T {
  try {
    return rule();
  } catch (error) {
    if (error instanceof DomainError) throw invalid(error.message);
    throw error;
  }
}
