// Rules for custom object schemas: valid names, labels and properties, the properties HubSpot
// adds to every custom object, and the checks a record's property values meet against a schema.
import { DomainError } from '../errors.js';
import { MAX_UNIQUE_PROPERTIES } from './unique-properties.js';
import type { CustomObjectSchema, Properties, PropertyOption, SchemaProperty } from '../model.js';

/** HubSpot: letters, digits and underscores, starting with a letter, at most 50 characters. */
const SCHEMA_NAME = /^[A-Za-z][A-Za-z0-9_]{0,49}$/;
const PROPERTY_NAME = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;
const MAX_LABEL_LENGTH = 50;
const MAX_SECONDARY_DISPLAY = 2;

/** Property value types a schema's property may have, and each type's default field type. */
const FIELD_TYPE_OF: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'number',
  date: 'date',
  datetime: 'date',
  bool: 'booleancheckbox',
  enumeration: 'select',
  phone_number: 'phonenumber',
};

/** A property as a schema create names it (HubSpot's ObjectTypePropertyCreate). */
export interface SchemaPropertyInput {
  readonly name: string;
  readonly label: string;
  readonly type?: string | undefined;
  readonly fieldType?: string | undefined;
  readonly description?: string | undefined;
  readonly groupName?: string | undefined;
  readonly options?:
    | readonly (Omit<PropertyOption, 'hidden'> & { readonly hidden?: boolean | undefined })[]
    | undefined;
  readonly displayOrder?: number | undefined;
  readonly hasUniqueValue?: boolean | undefined;
  readonly hidden?: boolean | undefined;
  readonly formField?: boolean | undefined;
}

/** A schema create (HubSpot's ObjectSchemaEgg), its object types already resolved to ids. */
export interface SchemaInput {
  readonly name: string;
  readonly labels: { readonly singular?: string | undefined; readonly plural?: string | undefined };
  readonly description?: string | undefined;
  readonly primaryDisplayProperty?: string | undefined;
  readonly secondaryDisplayProperties?: readonly string[] | undefined;
  readonly searchableProperties?: readonly string[] | undefined;
  readonly requiredProperties?: readonly string[] | undefined;
  readonly properties?: readonly SchemaPropertyInput[] | undefined;
  readonly allowsSensitiveProperties?: boolean | undefined;
}

/** A schema update (HubSpot's ObjectTypeDefinitionPatch); `name` and associations never change. */
export interface SchemaPatch {
  readonly labels?: {
    readonly singular?: string | undefined;
    readonly plural?: string | undefined;
  };
  readonly description?: string | undefined;
  readonly clearDescription?: boolean | undefined;
  readonly primaryDisplayProperty?: string | undefined;
  readonly secondaryDisplayProperties?: readonly string[] | undefined;
  readonly searchableProperties?: readonly string[] | undefined;
  readonly requiredProperties?: readonly string[] | undefined;
  readonly allowsSensitiveProperties?: boolean | undefined;
}

function invalid(message: string, context: Record<string, string[]>): DomainError {
  return new DomainError('INVALID_SCHEMA', message, context);
}

/** Throws INVALID_SCHEMA unless `name` can name a custom object. */
export function assertSchemaName(name: string): void {
  if (SCHEMA_NAME.test(name)) return;
  throw invalid(
    `Invalid object type name '${name}': a name is 1 to 50 letters, digits and underscores, starting with a letter`,
    { name: [name] },
  );
}

function assertLabels(labels: SchemaPatch['labels']): void {
  for (const [field, text] of Object.entries(labels ?? {})) {
    if (text === undefined || (text.trim() !== '' && text.length <= MAX_LABEL_LENGTH)) continue;
    throw invalid(
      `Invalid labels.${field} '${text}': a label is 1 to ${MAX_LABEL_LENGTH} characters`,
      {
        [`labels.${field}`]: [text],
      },
    );
  }
}

/** The properties HubSpot adds to every custom object; records keep their values itself. */
export function systemProperties(groupName: string): SchemaProperty[] {
  const system = (name: string, label: string, type: string): SchemaProperty => ({
    name,
    label,
    type,
    fieldType: FIELD_TYPE_OF[type] ?? 'text',
    groupName,
    description: '',
    options: [],
    displayOrder: -1,
    hasUniqueValue: name === 'hs_object_id',
    hidden: false,
    formField: false,
    hubspotDefined: true,
  });
  return [
    system('hs_object_id', 'Record ID', 'number'),
    system('hs_createdate', 'Object create date/time', 'datetime'),
    system('hs_lastmodifieddate', 'Object last modified date/time', 'datetime'),
    system('hubspot_owner_id', 'Owner', 'enumeration'),
  ];
}

function toProperty(input: SchemaPropertyInput, groupName: string): SchemaProperty {
  if (!PROPERTY_NAME.test(input.name) || input.name.toLowerCase().startsWith('hs_')) {
    throw invalid(
      `Invalid property name '${input.name}': a name is letters, digits and underscores, starting with a letter and not with 'hs_'`,
      { propertyName: [input.name] },
    );
  }
  // why: live HubSpot created a property with a sloppy type as string/text (reference §8.2).
  const type = input.type !== undefined && input.type in FIELD_TYPE_OF ? input.type : 'string';
  return {
    name: input.name,
    label: input.label,
    type,
    fieldType: input.fieldType ?? FIELD_TYPE_OF[type] ?? 'text',
    groupName: input.groupName ?? groupName,
    description: input.description ?? '',
    options: (input.options ?? []).map((option) => ({ ...option, hidden: option.hidden ?? false })),
    displayOrder: input.displayOrder ?? -1,
    hasUniqueValue: input.hasUniqueValue ?? false,
    hidden: input.hidden ?? false,
    formField: input.formField ?? true,
    hubspotDefined: false,
  };
}

/** Every named property must be one of the schema's; the secondary display list is short. */
function assertNamesKnown(
  properties: readonly SchemaProperty[],
  lists: Record<string, readonly string[] | undefined>,
): void {
  const known = new Set(properties.map((property) => property.name));
  for (const [field, names] of Object.entries(lists)) {
    const unknown = (names ?? []).filter((name) => !known.has(name));
    if (unknown.length === 0) continue;
    throw invalid(`${field} names properties the schema does not define: ${unknown.join(', ')}`, {
      [field]: unknown,
    });
  }
  const secondary = lists['secondaryDisplayProperties'] ?? [];
  if (secondary.length > MAX_SECONDARY_DISPLAY) {
    throw invalid(
      `secondaryDisplayProperties names ${secondary.length} properties; at most ${MAX_SECONDARY_DISPLAY} are allowed`,
      { secondaryDisplayProperties: [...secondary] },
    );
  }
}

/** A schema create checked and completed with HubSpot's defaults; throws on invalid input. */
export function newSchema(input: SchemaInput, now: Date): Omit<CustomObjectSchema, 'id'> {
  assertSchemaName(input.name);
  assertLabels(input.labels);
  if (input.primaryDisplayProperty === undefined || input.primaryDisplayProperty === '') {
    throw new DomainError(
      'PRIMARY_DISPLAY_PROPERTY_REQUIRED',
      'A primary display property is required',
      { primaryDisplayProperty: [] },
    );
  }
  const groupName = `${input.name.toLowerCase()}_information`;
  const own = (input.properties ?? []).map((property) => toProperty(property, groupName));
  const seen = new Set<string>();
  for (const property of own) {
    const key = property.name.toLowerCase();
    if (seen.has(key)) {
      throw invalid(`Property '${property.name}' is defined twice`, {
        propertyName: [property.name],
      });
    }
    seen.add(key);
  }
  const unique = own.filter((property) => property.hasUniqueValue);
  if (unique.length > MAX_UNIQUE_PROPERTIES) {
    throw new DomainError(
      'TOO_MANY_UNIQUE_PROPERTIES',
      `A schema may define at most ${MAX_UNIQUE_PROPERTIES} unique value properties, not ${unique.length}`,
      { propertyName: unique.map((property) => property.name) },
    );
  }
  const properties = [...systemProperties(groupName), ...own];
  const schema = {
    name: input.name,
    labels: { ...input.labels },
    description: input.description ?? null,
    primaryDisplayProperty: input.primaryDisplayProperty,
    secondaryDisplayProperties: input.secondaryDisplayProperties ?? [],
    // why: live HubSpot answered a create without searchable properties with hs_object_id.
    searchableProperties: input.searchableProperties ?? ['hs_object_id'],
    requiredProperties: input.requiredProperties ?? [],
    properties,
    allowsSensitiveProperties: input.allowsSensitiveProperties ?? false,
    createdAt: now,
    updatedAt: now,
    archivedAt: null,
  };
  assertNamesKnown(properties, {
    primaryDisplayProperty: [input.primaryDisplayProperty],
    secondaryDisplayProperties: schema.secondaryDisplayProperties,
    searchableProperties: schema.searchableProperties,
    requiredProperties: schema.requiredProperties,
  });
  return schema;
}

/** A schema with a patch applied; throws on invalid input. */
export function patchedSchema(
  schema: CustomObjectSchema,
  patch: SchemaPatch,
  now: Date,
): CustomObjectSchema {
  assertLabels(patch.labels);
  let description = patch.description ?? schema.description;
  if (patch.clearDescription === true) description = null;
  const patched: CustomObjectSchema = {
    ...schema,
    labels: { ...schema.labels, ...definedOnly(patch.labels ?? {}) },
    description,
    primaryDisplayProperty: patch.primaryDisplayProperty ?? schema.primaryDisplayProperty,
    secondaryDisplayProperties:
      patch.secondaryDisplayProperties ?? schema.secondaryDisplayProperties,
    searchableProperties: patch.searchableProperties ?? schema.searchableProperties,
    requiredProperties: patch.requiredProperties ?? schema.requiredProperties,
    allowsSensitiveProperties: patch.allowsSensitiveProperties ?? schema.allowsSensitiveProperties,
    updatedAt: now,
  };
  assertNamesKnown(schema.properties, {
    primaryDisplayProperty: patched.primaryDisplayProperty ? [patched.primaryDisplayProperty] : [],
    secondaryDisplayProperties: patched.secondaryDisplayProperties,
    searchableProperties: patched.searchableProperties,
    requiredProperties: patched.requiredProperties,
  });
  return patched;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>;
}

/** One refused property value, as HubSpot lists them in "Property values were not valid". */
interface RefusedValue {
  readonly name: string;
  readonly error: string;
  readonly message: string;
}

/**
 * Checks a record's property values against its custom type's schema: every property must be
 * defined, an enumeration's value one of its options, and on create every required property
 * given a value. Throws HubSpot's "Property values were not valid" with one entry per refusal.
 */
export function assertSchemaValues(
  schema: CustomObjectSchema,
  properties: Properties,
  creating: boolean,
): void {
  const byName = new Map(schema.properties.map((property) => [property.name, property]));
  const refused: RefusedValue[] = [];
  for (const [name, value] of Object.entries(properties)) {
    const property = byName.get(name);
    if (!property) {
      refused.push({
        name,
        error: 'PROPERTY_DOESNT_EXIST',
        message: `Property "${name}" does not exist`,
      });
    } else if (property.type === 'enumeration' && property.options.length > 0 && value !== '') {
      const allowed = property.options.map((option) => option.value);
      const chosen = value.split(';').filter((part) => part !== '');
      if (chosen.some((part) => !allowed.includes(part))) {
        refused.push({
          name,
          error: 'INVALID_OPTION',
          message: `${value} was not one of the allowed options: [${allowed.join(', ')}]`,
        });
      }
    }
  }
  if (creating) {
    for (const name of schema.requiredProperties) {
      const value = properties[name];
      if (value === undefined || value === '') {
        refused.push({
          name,
          error: 'REQUIRED_PROPERTY',
          message: `Property "${name}" is required`,
        });
      }
    }
  }
  if (refused.length === 0) return;
  const entries = refused.map((entry) => ({
    isValid: false,
    message: entry.message,
    error: entry.error,
    name: entry.name,
    localizedErrorMessage: entry.message,
  }));
  throw new DomainError(
    'INVALID_INPUT',
    `Property values were not valid: ${JSON.stringify(entries)}`,
    { propertyName: refused.map((entry) => entry.name) },
  );
}
