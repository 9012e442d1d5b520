// User-defined association labels (the schema API): list, create, rename and delete.
import { DomainError } from '../errors.js';
import type { AssociationType, LabelDefinition } from '../model.js';
import type { StoreTransaction } from '../ports.js';
import {
  assertLabelName,
  findLabel,
  isAssociationDefinition,
  labelText,
  labelsBetween,
} from '../rules/labels.js';
import type { PathTypes } from './association-writes.js';
import { forPortal, type CoreDeps } from './deps.js';

/** Every type from the path's from-type to its to-type: HubSpot's and the portal's labels. */
export async function listLabels(
  deps: CoreDeps,
  portalId: number,
  path: PathTypes,
): Promise<readonly AssociationType[]> {
  const { catalog } = await forPortal(deps, deps.store, portalId);
  return catalog.between(path.from.id, path.to.id);
}

/** A label to create: `inverseLabel` names the other direction, else `label` serves both. */
export interface LabelInput {
  readonly name: string;
  readonly label: string;
  readonly inverseLabel?: string | undefined;
}

/** Creates a label (a type id per direction); returns both directions' types. */
export async function createLabel(
  deps: CoreDeps,
  portalId: number,
  path: PathTypes,
  input: LabelInput,
): Promise<AssociationType[]> {
  assertLabelName(input.name);
  const label = labelText(input.label, 'label');
  const inverseLabel = input.inverseLabel ? labelText(input.inverseLabel, 'inverseLabel') : label;
  return deps.store.transaction(async (tx) => {
    const labels = await tx.listLabels(portalId);
    assertLabelsAllowed(deps, labels, path);
    const between = labelsBetween(labels, path.from.id, path.to.id);
    assertUnique(deps, labels, path, input.name, label);
    if (between.length >= deps.settings.labelsPerPair) {
      throw new DomainError(
        'LABEL_LIMIT_REACHED',
        `No more than ${deps.settings.labelsPerPair} association types are allowed between ${path.from.plural} and ${path.to.plural}`,
        { fromObjectType: [path.from.id], toObjectType: [path.to.id] },
      );
    }
    const stored = await tx.insertLabel(portalId, {
      fromObjectTypeId: path.from.id,
      toObjectTypeId: path.to.id,
      name: input.name,
      label,
      inverseLabel,
    });
    return directionsOf(deps, stored);
  });
}

/** A rename: the direction named by `typeId` takes `label`, the other `inverseLabel` (or it). */
export interface LabelUpdate {
  readonly typeId: number;
  readonly label: string;
  readonly inverseLabel?: string | undefined;
}

/** Renames a label; only its texts change, never its name or type ids. */
export async function updateLabel(
  deps: CoreDeps,
  portalId: number,
  path: PathTypes,
  update: LabelUpdate,
): Promise<void> {
  const label = labelText(update.label, 'label');
  const inverse = update.inverseLabel ? labelText(update.inverseLabel, 'inverseLabel') : label;
  await deps.store.transaction(async (tx) => {
    const { label: stored, forward } = await existingLabel(deps, tx, portalId, path, update.typeId);
    const [ownText, otherText] = forward ? [label, inverse] : [inverse, label];
    await tx.updateLabel(portalId, stored.typeId, ownText, otherText);
  });
}

/**
 * Deletes a label, both directions, and takes it off every association that carries it (the
 * pairs stay associated); see docs/fidelity.md for why it cascades rather than refuses.
 */
export async function deleteLabel(
  deps: CoreDeps,
  portalId: number,
  path: PathTypes,
  typeId: number,
): Promise<void> {
  await deps.store.transaction(async (tx) => {
    const definition = await definitionWithId(tx, portalId, path, typeId);
    if (definition) {
      await tx.deleteLabel(portalId, definition);
      return;
    }
    const { label } = await existingLabel(deps, tx, portalId, path, typeId);
    await tx.deleteLabel(portalId, label);
  });
}

/**
 * The association definition (a custom pair's unlabeled type) with this type id between the
 * path's types. Deleting it is refused while the pair has labels, as HubSpot refuses it.
 */
async function definitionWithId(
  tx: StoreTransaction,
  portalId: number,
  path: PathTypes,
  typeId: number,
): Promise<LabelDefinition | undefined> {
  const labels = await tx.listLabels(portalId);
  const definition = labels.find(
    (label) =>
      isAssociationDefinition(label) &&
      (label.typeId === typeId || label.inverseTypeId === typeId) &&
      ((label.fromObjectTypeId === path.from.id && label.toObjectTypeId === path.to.id) ||
        (label.fromObjectTypeId === path.to.id && label.toObjectTypeId === path.from.id)),
  );
  if (definition && labelsBetween(labels, path.from.id, path.to.id).length > 0) {
    throw new DomainError(
      'INVALID_INPUT',
      `Definition with label still exists; Cannot delete unlabeled type with associationTypeId ${typeId}`,
      { associationTypeId: [String(typeId)] },
    );
  }
  return definition;
}

/**
 * The user-defined label with this type id between the path's types (in either direction). The
 * schema API names a type by its id alone and changes only USER_DEFINED ones, so a label with the
 * id is the one meant even when a HubSpot-defined type of the pair has the same id; only when no
 * label has it is the id a read-only HubSpot-defined type's.
 */
async function existingLabel(
  deps: CoreDeps,
  tx: StoreTransaction,
  portalId: number,
  path: PathTypes,
  typeId: number,
) {
  const found = findLabel(
    labelsBetween(await tx.listLabels(portalId), path.from.id, path.to.id),
    typeId,
  );
  if (found) return found;
  const labels = await tx.listLabels(portalId);
  const known = deps.builtIn.withLabels(labels).between(path.from.id, path.to.id);
  if (
    known.some((type) => type.label === null && type.typeId === typeId) ||
    known.some((type) => type.category === 'HUBSPOT_DEFINED' && type.typeId === typeId)
  ) {
    throw new DomainError(
      'READ_ONLY_ASSOCIATION_TYPE',
      `HubSpot-defined association type ${typeId} cannot be changed or deleted`,
      { associationTypeId: [String(typeId)] },
    );
  }
  throw new DomainError(
    'LABEL_NOT_FOUND',
    `No association label with type id ${typeId} between ${path.from.plural} and ${path.to.plural}`,
    { associationTypeId: [String(typeId)] },
  );
}

/**
 * Labels need the pair's unlabeled type both ways: every labelled association implies it.
 * HubSpot offers labels between the standard objects that associate with each other, and on a
 * custom pair once an association definition gives it its unlabeled type.
 */
function assertLabelsAllowed(
  deps: CoreDeps,
  labels: readonly LabelDefinition[],
  path: PathTypes,
): void {
  const known = deps.builtIn.withLabels(labels);
  if (known.unlabeled(path.from.id, path.to.id) && known.unlabeled(path.to.id, path.from.id)) {
    return;
  }
  throw new DomainError(
    'INVALID_LABEL',
    `Association labels are not supported between ${path.from.plural} and ${path.to.plural}`,
    { fromObjectType: [path.from.id], toObjectType: [path.to.id] },
  );
}

/** A name is unique in the portal, a text among the pair's labels (in either direction). */
function assertUnique(
  deps: CoreDeps,
  labels: readonly LabelDefinition[],
  path: PathTypes,
  name: string,
  text: string,
): void {
  const wanted = name.toLowerCase();
  const catalog = deps.builtIn.withLabels(labels);
  const texts = catalog.between(path.from.id, path.to.id).map((type) => type.label?.toLowerCase());
  let clash: string | undefined;
  if (labels.some((label) => label.name.toLowerCase() === wanted)) clash = `name '${name}'`;
  else if (texts.includes(text.toLowerCase())) clash = `label '${text}'`;
  if (!clash) return;
  throw new DomainError(
    'LABEL_ALREADY_EXISTS',
    `An association label with the ${clash} already exists`,
    { name: [name], label: [text] },
  );
}

/** The label's two directions as catalog types: the path's direction first. */
function directionsOf(deps: CoreDeps, label: LabelDefinition): AssociationType[] {
  const catalog = deps.builtIn.withLabels([label]);
  const spec = { category: 'USER_DEFINED', typeId: label.typeId } as const;
  const forward = catalog.find(label.fromObjectTypeId, label.toObjectTypeId, spec);
  const inverse = forward && catalog.inverseOf(forward);
  if (!forward || !inverse) throw new Error('a stored label must resolve both ways');
  return [forward, inverse];
}
