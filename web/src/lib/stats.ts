export interface Count {
  name: string;
  value: number;
}

/** Counts entries per key, most frequent first (ties by name, so charts are stable). */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Count[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts.entries()]
    .map(([name, value]) => ({ name, value }))
    .sort((a, b) => b.value - a.value || a.name.localeCompare(b.name));
}
