// Categories as stored: a small integer, the category's index in CATEGORIES (core/model.ts).
import { CATEGORIES, type Category } from '../core/model.js';

export function categoryCode(category: Category): number {
  return CATEGORIES.indexOf(category);
}

export function categoryOf(code: number): Category {
  const category = CATEGORIES[code];
  if (!category) throw new Error(`unknown category code ${code} in the store`);
  return category;
}
