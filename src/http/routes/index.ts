// The table of every operation served: each family's rows by its shape, then the control API's.
import type { Family } from '../families.js';
import type { Operation } from '../operation.js';
import { CONTROL_PREFIX, controlOperations, type ControlState } from './control.js';
import { legacyOperations } from './legacy.js';
import { objectSchemaOperations } from './object-schemas.js';
import { objectOperations } from './objects.js';
import { introspectionOperations, type IntrospectionOptions } from './oauth.js';
import { propertyOperations } from './properties.js';
import { searchOperations } from './search.js';
import { uiOperations } from './ui.js';
import { v3AssociationOperations } from './v3-associations.js';
import { v3RecordOperations } from './v3-records.js';
import { v4BatchOperations } from './v4-batch.js';
import { v4LabelOperations } from './v4-labels.js';
import { v4LimitOperations } from './v4-limits.js';
import { v4RecordOperations } from './v4-records.js';
import { deliveryControlOperations } from './webhook-deliveries.js';
import { appControlOperations, webhookOperations } from './webhooks.js';
import { webhooksJournalOperations } from './webhooks-journal.js';

/**
 * The operations of each family and the legacy calls, built once per process: they hold no
 * per-app state (handlers are given the core per request), and sharing their schema objects
 * lets every app reuse the validators and serializers compiled for them.
 */
const operationsOfFamily = new WeakMap<Family, Operation[]>();
let legacy: Operation[] | undefined;
let webhooks: Operation[] | undefined;
let journal: Operation[] | undefined;
let schemas: Operation[] | undefined;
let properties: Operation[] | undefined;

function sharedFamilyOperations(family: Family): Operation[] {
  let operations = operationsOfFamily.get(family);
  if (operations === undefined) {
    operations = familyOperations(family);
    operationsOfFamily.set(family, operations);
  }
  return operations;
}

/** A family's operations: its shape's operations under its own prefixes, and its objects API. */
function familyOperations(family: Family): Operation[] {
  const objects = family.objects
    ? [...searchOperations(family, family.objects), ...objectOperations(family, family.objects)]
    : [];
  if (family.shape === 'v3') {
    return [...v3RecordOperations(family), ...v3AssociationOperations(family), ...objects];
  }
  return [
    ...v4RecordOperations(family),
    ...v4BatchOperations(family),
    ...v4LabelOperations(family),
    ...v4LimitOperations(family),
    ...objects,
  ];
}

/**
 * Every operation of every family, in mount order, then the legacy calls, the schemas API, the
 * webhooks API and its journal, the Properties API, token introspection and the control API with its web page.
 */
export function allOperations(
  families: readonly Family[],
  introspection: IntrospectionOptions,
  control: ControlState,
): Operation[] {
  return [
    ...families.flatMap(sharedFamilyOperations),
    ...(legacy ??= legacyOperations()),
    ...(schemas ??= objectSchemaOperations()),
    ...(webhooks ??= webhookOperations()),
    ...(journal ??= webhooksJournalOperations()),
    ...(properties ??= propertyOperations()),
    ...introspectionOperations(introspection),
    ...controlOperations(control),
    ...appControlOperations(CONTROL_PREFIX),
    ...deliveryControlOperations(control),
    ...uiOperations(control.uiDirectory),
  ];
}
