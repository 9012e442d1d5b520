// The domain's nouns: portals, records, association types and association rows.

/** Association categories, as HubSpot names them on the wire. */
export const CATEGORIES = [
  'HUBSPOT_DEFINED',
  'USER_DEFINED',
  'INTEGRATOR_DEFINED',
  'WORK',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** A record id. HubSpot ids are 64-bit; they stay exact in a JS number up to 2^53. */
export type RecordId = number;

/** Properties exactly as stored: HubSpot property values are strings. */
export type Properties = Record<string, string>;

/** A CRM record (contact, company, ...). */
export interface CrmRecord {
  readonly objectTypeId: string;
  readonly id: RecordId;
  readonly properties: Properties;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly archived: boolean;
  readonly archivedAt: Date | null;
}

/** An association type as seen from one direction of an object-type pair. */
export interface AssociationType {
  readonly category: Category;
  readonly typeId: number;
  readonly fromObjectTypeId: string;
  readonly toObjectTypeId: string;
  /** Label text; null for the unlabeled ("default") type of the pair. */
  readonly label: string | null;
  /** The type of the opposite direction, or null when none is known. */
  readonly inverseTypeId: number | null;
  /** Name used by the v3 API. */
  readonly v3Name: string;
  /** For Primary types: which end of the row may have only one such row. */
  readonly primaryOwner: 'from' | 'to' | null;
  /**
   * Which end of the row may have only one such row: a Primary type's owner, and the child of a
   * parent-company type (a company has one parent). Writing the type to a new target takes it
   * off the owner's previous one.
   */
  readonly oneTargetOwner: 'from' | 'to' | null;
}

/** A (category, typeId) pair as clients send it. */
export interface AssociationSpec {
  readonly category: Category;
  readonly typeId: number;
}

/** One stored association row: one direction, one type. */
export interface AssociationRow {
  readonly fromObjectTypeId: string;
  readonly fromId: RecordId;
  readonly toObjectTypeId: string;
  readonly toId: RecordId;
  readonly category: Category;
  readonly typeId: number;
}

/** Two records in a direction, without a type. */
export interface RecordPair {
  readonly fromObjectTypeId: string;
  readonly fromId: RecordId;
  readonly toObjectTypeId: string;
  readonly toId: RecordId;
}

/** One associated record and the types linking to it, as reads return them. */
export interface AssociatedTarget {
  readonly toId: RecordId;
  readonly types: readonly AssociationSpec[];
}

/** A page of associated targets of one record. */
export interface TargetPage {
  readonly targets: readonly AssociatedTarget[];
  /** Cursor of the next page, absent on the last page. */
  readonly nextAfter?: string;
}

/**
 * A user-defined label: one definition with a type id per direction. A label created without an
 * inverse label carries the same text both ways.
 */
export interface LabelDefinition {
  readonly fromObjectTypeId: string;
  readonly toObjectTypeId: string;
  /** The type id from `fromObjectTypeId` to `toObjectTypeId`. */
  readonly typeId: number;
  /** The type id of the opposite direction. */
  readonly inverseTypeId: number;
  /** Internal name, unique in the portal; v3 uses it as the type name both ways. */
  readonly name: string;
  readonly label: string;
  readonly inverseLabel: string;
}

/** A user-enforced limit: how many targets one record may have through one type. */
export interface LimitConfig {
  readonly fromObjectTypeId: string;
  readonly toObjectTypeId: string;
  readonly category: Category;
  readonly typeId: number;
  readonly maxToObjectIds: number;
}

/** A property's value type, as HubSpot's Properties API names it. */
export type PropertyType =
  'string' | 'number' | 'date' | 'datetime' | 'bool' | 'enumeration' | 'phone_number';

/** One option of an enumeration property. */
export interface PropertyOption {
  readonly label: string;
  readonly value: string;
  readonly description?: string;
  readonly displayOrder?: number;
  readonly hidden: boolean;
}

/** A property definition of a custom object type, as its schema holds it. */
export interface SchemaProperty {
  readonly name: string;
  readonly label: string;
  /** HubSpot's value type: string, number, date, datetime, bool, enumeration, phone_number. */
  readonly type: string;
  readonly fieldType: string;
  readonly groupName: string;
  readonly description: string;
  readonly options: readonly PropertyOption[];
  readonly displayOrder: number;
  readonly hasUniqueValue: boolean;
  readonly hidden: boolean;
  readonly formField: boolean;
  /** True for the properties HubSpot adds to every custom object (`hs_object_id`, ...). */
  readonly hubspotDefined: boolean;
}

/**
 * A custom object type's schema. Its object type id is `2-<id>`, its fully qualified name
 * `p<portalId>_<name>`. Association definitions are kept as the portal's labels (see
 * `isAssociationDefinition` in rules/labels.ts), not here.
 */
export interface CustomObjectSchema {
  /** Allocated per portal, never reused. */
  readonly id: number;
  readonly name: string;
  readonly labels: { readonly singular?: string | undefined; readonly plural?: string | undefined };
  readonly description: string | null;
  readonly primaryDisplayProperty: string | null;
  readonly secondaryDisplayProperties: readonly string[];
  readonly searchableProperties: readonly string[];
  readonly requiredProperties: readonly string[];
  readonly properties: readonly SchemaProperty[];
  readonly allowsSensitiveProperties: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Set while the schema is archived (restorable, its name still taken); null when live. */
  readonly archivedAt: Date | null;
}

/** Optional settings of a property that HubSpot stores and answers as sent. */
export interface PropertyHints {
  readonly calculationFormula?: string;
  readonly currencyPropertyName?: string;
  readonly externalOptions?: boolean;
  readonly referencedObjectType?: string;
  readonly numberDisplayHint?: string;
  readonly textDisplayHint?: string;
  readonly showCurrencySymbol?: boolean;
  readonly dataSensitivity?: string;
}

/**
 * A user-defined property of one object type in one portal. Times are ISO 8601 instants; an
 * archived property keeps its definition (HubSpot lists it with `archived=true`).
 */
export interface PropertyDefinition extends PropertyHints {
  readonly objectTypeId: string;
  readonly name: string;
  readonly label: string;
  readonly type: PropertyType;
  readonly fieldType: string;
  readonly groupName: string;
  readonly description: string;
  readonly options: readonly PropertyOption[];
  readonly displayOrder: number;
  readonly hasUniqueValue: boolean;
  readonly hidden: boolean;
  readonly formField: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly archivedAt: string | null;
}

/** A user-defined property group of one object type in one portal. */
export interface PropertyGroupDefinition {
  readonly objectTypeId: string;
  readonly name: string;
  readonly label: string;
  readonly displayOrder: number;
  readonly archivedAt: string | null;
}

/** What a portal stores of its property schema: a property, or a group. */
export type PropertySchemaEntry =
  | { readonly kind: 'property'; readonly property: PropertyDefinition }
  | { readonly kind: 'group'; readonly group: PropertyGroupDefinition };
