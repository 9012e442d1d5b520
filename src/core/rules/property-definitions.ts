// Rules of the Properties API: valid names, type and fieldType pairs, options, and how a create or
// an update turns into a stored definition; and the refusal of record writes naming properties
// an object type does not have.
import { DomainError } from '../errors.js';
import type {
  PropertyDefinition,
  PropertyGroupDefinition,
  PropertyHints,
  PropertyOption,
  PropertyType,
} from '../model.js';
import { unstorableText } from './storable-text.js';

/** The value types a property may be created with. */
export const PROPERTY_TYPES: readonly PropertyType[] = [
  'bool',
  'date',
  'datetime',
  'enumeration',
  'number',
  'phone_number',
  'string',
];

/** The field types each value type may be shown with (HubSpot's Properties guide). */
export const FIELD_TYPES_BY_TYPE: Readonly<Record<PropertyType, readonly string[]>> = {
  bool: ['booleancheckbox', 'calculation_equation'],
  enumeration: ['booleancheckbox', 'checkbox', 'radio', 'select', 'calculation_equation'],
  date: ['date'],
  datetime: ['date'],
  string: ['text', 'textarea', 'file', 'html', 'phonenumber', 'calculation_equation'],
  number: ['number', 'calculation_equation'],
  phone_number: ['phonenumber', 'text'],
};

/** Property and group names: a lower-case letter, then lower-case letters, digits and `_`. */
const NAME = /^[a-z][a-z0-9_]*$/;
const MAX_NAME_LENGTH = 100;

/** A property as a create sends it; optional fields take HubSpot's defaults. */
export interface PropertyCreateInput extends PropertyHints {
  readonly name: string;
  readonly label: string;
  readonly type: string;
  readonly fieldType: string;
  readonly groupName: string;
  readonly description?: string;
  readonly options?: readonly PropertyOption[];
  readonly displayOrder?: number;
  readonly hasUniqueValue?: boolean;
  readonly hidden?: boolean;
  readonly formField?: boolean;
}

/** What an update may change (HubSpot's PropertyUpdate: not the name, not uniqueness). */
export type PropertyUpdateInput = Partial<
  Omit<
    PropertyCreateInput,
    'name' | 'hasUniqueValue' | 'externalOptions' | 'referencedObjectType' | 'dataSensitivity'
  >
>;

/** The fields of HubSpot's PropertyUpdate. */
const UPDATABLE = [
  'label',
  'type',
  'fieldType',
  'groupName',
  'description',
  'options',
  'displayOrder',
  'hidden',
  'formField',
  'calculationFormula',
  'currencyPropertyName',
  'numberDisplayHint',
  'textDisplayHint',
  'showCurrencySymbol',
] as const satisfies readonly (keyof PropertyUpdateInput)[];

export interface PropertyGroupInput {
  readonly name: string;
  readonly label: string;
  readonly displayOrder?: number;
}

function invalidProperty(message: string, context: Record<string, string[]>): DomainError {
  return new DomainError('INVALID_PROPERTY', message, context);
}

/** Throws INVALID_PROPERTY unless `name` can name a property or group. */
export function assertDefinitionName(name: string, what: 'property' | 'group'): void {
  if (NAME.test(name) && name.length <= MAX_NAME_LENGTH) return;
  throw invalidProperty(
    `Invalid ${what} name '${name}': a name starts with a lower-case letter and holds only lower-case letters, digits and underscores (at most ${MAX_NAME_LENGTH} characters)`,
    { name: [name] },
  );
}

function assertLabel(label: string, name: string): void {
  if (label.trim() !== '') return;
  throw invalidProperty(`Invalid label for '${name}': a label may not be blank`, {
    name: [name],
  });
}

function isPropertyType(type: string): type is PropertyType {
  return (PROPERTY_TYPES as readonly string[]).includes(type);
}

/** Checks the type, fieldType and options of a definition as it would be stored. */
function assertShape(
  name: string,
  type: string,
  fieldType: string,
  options: readonly PropertyOption[],
): PropertyType {
  if (!isPropertyType(type)) {
    throw invalidProperty(
      `Invalid type '${type}' for property '${name}': the type is one of ${PROPERTY_TYPES.join(', ')}`,
      { name: [name], type: [type] },
    );
  }
  const allowed = FIELD_TYPES_BY_TYPE[type];
  if (!allowed.includes(fieldType)) {
    throw invalidProperty(
      `Invalid fieldType '${fieldType}' for property '${name}' of type ${type}: a ${type} property takes ${allowed.join(', ')}`,
      { name: [name], type: [type], fieldType: [fieldType] },
    );
  }
  if (type !== 'enumeration' && options.length > 0) {
    throw invalidProperty(`Property '${name}' of type ${type} takes no options`, {
      name: [name],
    });
  }
  const values = options.map((option) => option.value);
  const repeated = values.find((value, index) => values.indexOf(value) !== index);
  if (repeated !== undefined) {
    throw invalidProperty(`Property '${name}' lists the option value '${repeated}' twice`, {
      name: [name],
      value: [repeated],
    });
  }
  return type;
}

function assertStorable(texts: Iterable<string>): void {
  const refusal = unstorableText(texts);
  if (refusal) throw refusal;
}

function* definitionTexts(definition: PropertyDefinition): Generator<string> {
  for (const value of Object.values(definition)) if (typeof value === 'string') yield value;
  for (const option of definition.options) {
    yield option.label;
    yield option.value;
    if (option.description !== undefined) yield option.description;
  }
}

const HINTS = [
  'calculationFormula',
  'currencyPropertyName',
  'externalOptions',
  'referencedObjectType',
  'numberDisplayHint',
  'textDisplayHint',
  'showCurrencySymbol',
  'dataSensitivity',
] as const satisfies readonly (keyof PropertyHints)[];

function hintsOf(input: PropertyHints): PropertyHints {
  const hints: Record<string, unknown> = {};
  for (const key of HINTS) if (input[key] !== undefined) hints[key] = input[key];
  return hints;
}

/** A new definition from a create; throws INVALID_PROPERTY for what HubSpot refuses. */
export function newPropertyDefinition(
  objectTypeId: string,
  input: PropertyCreateInput,
  now: string,
): PropertyDefinition {
  assertDefinitionName(input.name, 'property');
  assertLabel(input.label, input.name);
  const options = input.options ?? [];
  const type = assertShape(input.name, input.type, input.fieldType, options);
  const definition: PropertyDefinition = {
    objectTypeId,
    name: input.name,
    label: input.label,
    type,
    fieldType: input.fieldType,
    groupName: input.groupName,
    description: input.description ?? '',
    options,
    displayOrder: input.displayOrder ?? -1,
    hasUniqueValue: input.hasUniqueValue ?? false,
    hidden: input.hidden ?? false,
    formField: input.formField ?? false,
    ...hintsOf(input),
    createdAt: now,
    updatedAt: now,
    archivedAt: null,
  };
  assertStorable(definitionTexts(definition));
  return definition;
}

/** A definition with an update applied (`options` replaces the whole list, as HubSpot does). */
export function updatedPropertyDefinition(
  stored: PropertyDefinition,
  update: PropertyUpdateInput,
  now: string,
): PropertyDefinition {
  // Only the fields an update may change are taken, whatever else the body holds.
  const changed: Record<string, unknown> = {};
  for (const key of UPDATABLE) if (key in update) changed[key] = update[key];
  const next = { ...stored, ...changed, updatedAt: now } as PropertyDefinition;
  if (update.label !== undefined) assertLabel(update.label, stored.name);
  assertShape(next.name, next.type, next.fieldType, next.options);
  assertStorable(definitionTexts(next));
  return next;
}

/** A new group from a create. */
export function newPropertyGroup(
  objectTypeId: string,
  input: PropertyGroupInput,
): PropertyGroupDefinition {
  assertDefinitionName(input.name, 'group');
  assertLabel(input.label, input.name);
  assertStorable([input.name, input.label]);
  return {
    objectTypeId,
    name: input.name,
    label: input.label,
    displayOrder: input.displayOrder ?? -1,
    archivedAt: null,
  };
}

/** What a record write names that its object type does not have, when the server refuses it. */
export function undeclaredPropertiesError(names: readonly string[]): DomainError {
  const entries = names.map((name) => {
    const message = `Property "${name}" does not exist`;
    return {
      isValid: false,
      message,
      error: 'PROPERTY_DOESNT_EXIST',
      name,
      localizedErrorMessage: message,
    };
  });
  return new DomainError(
    'PROPERTY_DOESNT_EXIST',
    `Property values were not valid: ${JSON.stringify(entries)}`,
    { propertyName: [...names] },
  );
}
