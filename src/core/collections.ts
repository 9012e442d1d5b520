// Small collection helpers the hot paths share.

/** Appends `value` to the list under `key`, in place (a batch groups thousands of items). */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
