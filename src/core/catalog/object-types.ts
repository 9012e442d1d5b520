// Standard HubSpot CRM object types and every name HubSpot accepts for them in paths.

import type { CustomObjectSchema } from '../model.js';

/**
 * A CRM object type: one built into every portal, or a portal's custom type (with its schema).
 * The name stays from when every type was standard; custom types have the same shape.
 */
export interface StandardObjectType {
  /** Canonical type id, e.g. '0-1'. */
  readonly id: string;
  /** Plural path name, e.g. 'contacts'; also the key HubSpot uses in v3 `associations` maps. */
  readonly plural: string;
  /** Singular name used in v3 association type names, e.g. 'contact', 'meeting_event', 'line_item'. */
  readonly v3Name: string;
  /** Upper-case singular name used in error contexts, e.g. 'CONTACT', 'LINE_ITEM'. */
  readonly errorName: string;
  /** Every other lower-case name accepted in paths (singular forms, alternative plurals), excluding id and plural. */
  readonly aliases: readonly string[];
  /** A custom type's schema; absent on standard types. */
  readonly schema?: CustomObjectSchema;
}

// prettier-ignore
export const STANDARD_OBJECT_TYPES: readonly StandardObjectType[] = [
  { id: '0-1',   plural: 'contacts',             v3Name: 'contact',             errorName: 'CONTACT',             aliases: ['contact'] },
  { id: '0-2',   plural: 'companies',            v3Name: 'company',             errorName: 'COMPANY',             aliases: ['company'] },
  { id: '0-3',   plural: 'deals',                v3Name: 'deal',                errorName: 'DEAL',                aliases: ['deal'] },
  { id: '0-5',   plural: 'tickets',              v3Name: 'ticket',              errorName: 'TICKET',              aliases: ['ticket'] },
  { id: '0-7',   plural: 'products',             v3Name: 'product',             errorName: 'PRODUCT',             aliases: ['product'] },
  { id: '0-8',   plural: 'line_items',           v3Name: 'line_item',           errorName: 'LINE_ITEM',           aliases: ['line_item'] },
  { id: '0-14',  plural: 'quotes',               v3Name: 'quote',               errorName: 'QUOTE',               aliases: ['quote'] },
  { id: '0-18',  plural: 'communications',       v3Name: 'communication',       errorName: 'COMMUNICATION',       aliases: ['communication'] },
  { id: '0-19',  plural: 'feedback_submissions', v3Name: 'feedback_submission', errorName: 'FEEDBACK_SUBMISSION', aliases: ['feedback_submission'] },
  { id: '0-27',  plural: 'tasks',                v3Name: 'task',                errorName: 'TASK',                aliases: ['task'] },
  { id: '0-46',  plural: 'notes',                v3Name: 'note',                errorName: 'NOTE',                aliases: ['note'] },
  // why: v3 type names spell meetings 'meeting_event' ('meeting_to_company' is rejected); the error name follows suit.
  { id: '0-47',  plural: 'meetings',             v3Name: 'meeting_event',       errorName: 'MEETING_EVENT',       aliases: ['meeting', 'meeting_event'] },
  { id: '0-48',  plural: 'calls',                v3Name: 'call',                errorName: 'CALL',                aliases: ['call'] },
  { id: '0-49',  plural: 'emails',               v3Name: 'email',               errorName: 'EMAIL',               aliases: ['email'] },
  { id: '0-53',  plural: 'invoices',             v3Name: 'invoice',             errorName: 'INVOICE',             aliases: ['invoice'] },
  { id: '0-54',  plural: 'marketing_events',     v3Name: 'marketing_event',     errorName: 'MARKETING_EVENT',     aliases: ['marketing_event'] },
  { id: '0-69',  plural: 'subscriptions',        v3Name: 'subscription',        errorName: 'SUBSCRIPTION',        aliases: ['subscription'] },
  // why: the Objects API path is goal_targets; 'goals' is the everyday name. Singular names follow the API path.
  { id: '0-74',  plural: 'goal_targets',         v3Name: 'goal_target',         errorName: 'GOAL_TARGET',         aliases: ['goals', 'goal_target', 'goal'] },
  { id: '0-84',  plural: 'discounts',            v3Name: 'discount',            errorName: 'DISCOUNT',            aliases: ['discount'] },
  { id: '0-85',  plural: 'fees',                 v3Name: 'fee',                 errorName: 'FEE',                 aliases: ['fee'] },
  { id: '0-86',  plural: 'taxes',                v3Name: 'tax',                 errorName: 'TAX',                 aliases: ['tax'] },
  // why: the Objects API path is commerce_payments; singular names follow it, 'payments' is the everyday name.
  { id: '0-101', plural: 'commerce_payments',    v3Name: 'commerce_payment',    errorName: 'COMMERCE_PAYMENT',    aliases: ['payments', 'payment', 'commerce_payment'] },
  { id: '0-115', plural: 'users',                v3Name: 'user',                errorName: 'USER',                aliases: ['user'] },
  // why: postal_mail is both the plural path name and the singular.
  { id: '0-116', plural: 'postal_mail',          v3Name: 'postal_mail',         errorName: 'POSTAL_MAIL',         aliases: [] },
  { id: '0-123', plural: 'orders',               v3Name: 'order',               errorName: 'ORDER',               aliases: ['order'] },
  { id: '0-136', plural: 'leads',                v3Name: 'lead',                errorName: 'LEAD',                aliases: ['lead'] },
  { id: '0-142', plural: 'carts',                v3Name: 'cart',                errorName: 'CART',                aliases: ['cart'] },
  { id: '0-162', plural: 'services',             v3Name: 'service',             errorName: 'SERVICE',             aliases: ['service'] },
  { id: '0-410', plural: 'courses',              v3Name: 'course',              errorName: 'COURSE',              aliases: ['course'] },
  { id: '0-420', plural: 'listings',             v3Name: 'listing',             errorName: 'LISTING',             aliases: ['listing'] },
  { id: '0-421', plural: 'appointments',         v3Name: 'appointment',         errorName: 'APPOINTMENT',         aliases: ['appointment'] },
  { id: '0-970', plural: 'projects',             v3Name: 'project',             errorName: 'PROJECT',             aliases: ['project'] },
];
