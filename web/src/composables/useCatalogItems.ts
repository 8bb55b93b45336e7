import { computed, ref } from 'vue';
import { allPages } from '@/lib/api';
import type { ServiceItem } from '@/lib/cases';

const PAGE_SIZE = 200;
const MAX_PAGES = 10;

/**
 * The catalog's current items (GET /items is public) for pages that name items by code: the
 * template editor's item picker, a project's stages. On failure names fall back to the code.
 */
export function useCatalogItems() {
  const items = ref<ServiceItem[]>([]);
  const byCode = computed(() => new Map(items.value.map((i) => [i.code, i])));

  async function load(): Promise<void> {
    try {
      items.value = await allPages<ServiceItem>('/items', {}, PAGE_SIZE, MAX_PAGES);
    } catch {
      // Names are a convenience: the code is shown instead.
      items.value = [];
    }
  }

  const itemName = (code: string) => byCode.value.get(code)?.name ?? code;
  return { items, itemName, load };
}
