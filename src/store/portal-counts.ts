// What both adapters' portal counts share: one order for the object types, whatever the collation.

/** Object types in the order of their ids' characters (the database's collation may differ). */
export function sortedByTypeId<T extends { readonly objectTypeId: string }>(counts: T[]): T[] {
  return counts.sort((a, b) =>
    a.objectTypeId < b.objectTypeId ? -1 : a.objectTypeId > b.objectTypeId ? 1 : 0,
  );
}
