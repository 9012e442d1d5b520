// HubSpot's common default properties of the standard objects (names and value types) and their
// default property groups, and what search uses of them: the properties a text query looks in,
// and those a search returns unasked.
import { objectTypeById } from '../object-types.js';
import type { PropertyType } from '../model.js';

export type { PropertyType };

/** The form field HubSpot shows a type with, by default. */
export const DEFAULT_FIELD_TYPES: Readonly<Record<PropertyType, string>> = {
  string: 'text',
  number: 'number',
  date: 'date',
  datetime: 'date',
  bool: 'booleancheckbox',
  enumeration: 'select',
  phone_number: 'phonenumber',
};

/** Names of a type's default properties by value type; names not listed are strings. */
type TypedNames = Partial<Record<PropertyType, readonly string[]>>;

/** What every standard object has: its id and its creation and last-modified times. */
const COMMON: TypedNames = {
  number: ['hs_object_id'],
  datetime: ['createdate', 'hs_createdate', 'lastmodifieddate', 'hs_lastmodifieddate'],
  enumeration: ['hubspot_owner_id'],
};

// prettier-ignore
const BY_OBJECT_TYPE: Readonly<Record<string, { typed: TypedNames; strings: readonly string[] }>> = {
  '0-1': {
    typed: {
      enumeration: ['lifecyclestage', 'hs_lead_status'],
      number: ['associatedcompanyid', 'num_associated_deals'],
      datetime: ['hs_marketable_until_renewal'],
    },
    strings: ['email', 'firstname', 'lastname', 'phone', 'mobilephone', 'fax', 'company', 'website',
      'jobtitle', 'address', 'city', 'state', 'zip', 'country', 'hs_additional_emails',
      'hs_merged_object_ids', 'hs_calculated_merged_vids'],
  },
  '0-2': {
    typed: {
      enumeration: ['industry', 'lifecyclestage', 'type'],
      number: ['annualrevenue', 'numberofemployees'],
    },
    strings: ['name', 'domain', 'hs_additional_domains', 'website', 'phone', 'city', 'state',
      'country', 'description', 'hs_merged_object_ids'],
  },
  '0-3': {
    typed: {
      enumeration: ['dealstage', 'pipeline', 'dealtype'],
      number: ['amount'],
      datetime: ['closedate'],
    },
    strings: ['dealname', 'description'],
  },
  '0-5': {
    typed: { enumeration: ['hs_pipeline', 'hs_pipeline_stage', 'hs_ticket_priority', 'hs_ticket_category'] },
    strings: ['subject', 'content', 'hs_ticket_id'],
  },
  '0-7': { typed: { number: ['price'] }, strings: ['name', 'description', 'hs_sku'] },
  '0-8': { typed: { number: ['price', 'quantity', 'amount', 'hs_product_id'] }, strings: ['name', 'description', 'hs_sku'] },
  // Engagements: what search's text query reads, and the time each is placed at.
  '0-27': { typed: { datetime: ['hs_timestamp'] }, strings: ['hs_task_body', 'hs_task_subject', 'hs_task_status', 'hs_task_priority'] },
  '0-46': { typed: { datetime: ['hs_timestamp'] }, strings: ['hs_note_body'] },
  '0-47': { typed: { datetime: ['hs_timestamp', 'hs_meeting_start_time', 'hs_meeting_end_time'] }, strings: ['hs_meeting_title', 'hs_meeting_body', 'hs_meeting_outcome'] },
  '0-48': { typed: { datetime: ['hs_timestamp'], number: ['hs_call_duration'] }, strings: ['hs_call_title', 'hs_call_body', 'hs_body_preview', 'hs_call_status', 'hs_call_direction'] },
  '0-49': { typed: { datetime: ['hs_timestamp'] }, strings: ['hs_email_subject', 'hs_email_text', 'hs_email_html', 'hs_email_direction', 'hs_email_status'] },
};

/** One built-in property definition. */
export interface BuiltInProperty {
  readonly name: string;
  readonly type: PropertyType;
}

/**
 * The default property groups of an object type: HubSpot names each type's main group after it
 * (`contactinformation`, `companyinformation`, `dealinformation`, ...).
 */
export function defaultGroups(
  objectTypeId: string,
): { readonly name: string; readonly label: string; readonly displayOrder: number }[] {
  const type = objectTypeById(objectTypeId);
  const singular = type.v3Name === 'meeting_event' ? 'meeting' : type.v3Name;
  const words = singular.split('_');
  const label = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');
  return [
    { name: `${words.join('')}information`, label: `${label} information`, displayOrder: -1 },
  ];
}

/** The group a type's built-in properties are listed in. */
export function builtInGroupName(objectTypeId: string): string {
  const [group] = defaultGroups(objectTypeId);
  return group?.name ?? 'information';
}

/** The built-in property definitions of an object type, in name order. */
export function builtInProperties(objectTypeId: string): BuiltInProperty[] {
  const own = BY_OBJECT_TYPE[objectTypeId];
  const byName = new Map<string, PropertyType>();
  for (const name of own?.strings ?? []) byName.set(name, 'string');
  for (const typed of [COMMON, own?.typed ?? {}]) {
    for (const [type, names] of Object.entries(typed) as [PropertyType, readonly string[]][]) {
      for (const name of names) byName.set(name, type);
    }
  }
  return [...byName]
    .map(([name, type]) => ({ name, type }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

// prettier-ignore
const QUERY_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  '0-1': ['firstname', 'lastname', 'email', 'phone', 'hs_additional_emails', 'fax', 'mobilephone', 'company', 'hs_marketable_until_renewal'],
  '0-2': ['website', 'phone', 'name', 'domain'],
  '0-3': ['dealname', 'pipeline', 'dealstage', 'description', 'dealtype'],
  '0-5': ['subject', 'content', 'hs_pipeline_stage', 'hs_ticket_category', 'hs_ticket_id'],
  '0-7': ['name', 'description', 'price', 'hs_sku'],
  '0-48': ['hs_call_title', 'hs_body_preview'],
  '0-49': ['hs_email_subject'],
  '0-47': ['hs_meeting_title', 'hs_meeting_body'],
  '0-46': ['hs_note_body'],
  '0-27': ['hs_task_body', 'hs_task_subject'],
};

/** The properties a search's text `query` looks in (HubSpot's default searchable properties). */
export function queryProperties(objectTypeId: string): readonly string[] {
  return QUERY_PROPERTIES[objectTypeId] ?? ['name', 'hs_name'];
}

// prettier-ignore
const RETURNED_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  '0-1': ['email', 'firstname', 'lastname'],
  '0-2': ['name', 'domain'],
  '0-3': ['dealname', 'amount', 'closedate', 'pipeline', 'dealstage'],
  '0-5': ['content', 'hs_pipeline', 'hs_pipeline_stage', 'hs_ticket_category', 'hs_ticket_priority', 'subject'],
};

/**
 * The properties a search returns when it names none, besides the id and the two times every
 * result carries.
 */
export function searchReturnedProperties(objectTypeId: string): readonly string[] {
  return RETURNED_PROPERTIES[objectTypeId] ?? [];
}
