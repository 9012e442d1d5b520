// Association rows as every store adapter keeps them: the same columns, and the category as a
// small integer, its index in CATEGORIES (core/model.ts).
import { CATEGORIES, type AssociationRow, type Category } from '../core/model.js';

/** A row of the associations table, without the portal. */
export interface StoredAssociationRow {
  from_type: string;
  from_id: number;
  to_type: string;
  to_id: number;
  category: number;
  type_id: number;
}

export function categoryCode(category: Category): number {
  return CATEGORIES.indexOf(category);
}

export function categoryOf(code: number): Category {
  const category = CATEGORIES[code];
  if (!category) throw new Error(`unknown category code ${code} in the store`);
  return category;
}

export function toAssociationRow(row: StoredAssociationRow): AssociationRow {
  return {
    fromObjectTypeId: row.from_type,
    fromId: row.from_id,
    toObjectTypeId: row.to_type,
    toId: row.to_id,
    category: categoryOf(row.category),
    typeId: row.type_id,
  };
}
