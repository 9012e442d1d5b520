// Rules for user-defined labels: valid names and texts, uniqueness, and the cap per pair.
import { DomainError } from '../errors.js';
import type { LabelDefinition } from '../model.js';

/** HubSpot: a name "cannot include hyphens or begin with a numerical character". */
const NAME = /^[^\s0-9-][^-]*$/;
const MAX_LENGTH = 100;

/** Throws INVALID_LABEL unless `name` can name a label. */
export function assertLabelName(name: string): void {
  if (NAME.test(name) && name.trim() === name && name.length <= MAX_LENGTH) return;
  throw new DomainError(
    'INVALID_LABEL',
    `Invalid label name '${name}': a name has at most ${MAX_LENGTH} characters, no hyphens and no surrounding spaces, and does not begin with a number`,
    { name: [name] },
  );
}

/** The text as stored; throws INVALID_LABEL when it is blank or too long. */
export function labelText(text: string, field: 'label' | 'inverseLabel'): string {
  const trimmed = text.trim();
  if (trimmed !== '' && trimmed.length <= MAX_LENGTH) return trimmed;
  throw new DomainError(
    'INVALID_LABEL',
    `Invalid ${field} '${text}': a label text is 1 to ${MAX_LENGTH} characters`,
    { [field]: [text] },
  );
}

/**
 * Whether a stored label is an association definition: a custom pair's plain (unlabeled) type,
 * created with a schema or by the schemas API, kept as a label without text so it shares the
 * labels' type ids, storage and every path that reads them.
 */
export function isAssociationDefinition(label: LabelDefinition): boolean {
  return label.label === '';
}

/** Labels (not definitions) defined between two object types, in either direction. */
export function labelsBetween(
  labels: readonly LabelDefinition[],
  a: string,
  b: string,
): LabelDefinition[] {
  return labels.filter(
    (label) =>
      !isAssociationDefinition(label) &&
      ((label.fromObjectTypeId === a && label.toObjectTypeId === b) ||
        (label.fromObjectTypeId === b && label.toObjectTypeId === a)),
  );
}

/**
 * The label whose either direction has this type id, and which direction that is. Label ids are
 * USER_DEFINED ids: a HubSpot-defined type with the same id is not a label.
 */
export function findLabel(labels: readonly LabelDefinition[], typeId: number) {
  for (const label of labels) {
    if (label.typeId === typeId) return { label, forward: true };
    if (label.inverseTypeId === typeId) return { label, forward: false };
  }
  return undefined;
}
