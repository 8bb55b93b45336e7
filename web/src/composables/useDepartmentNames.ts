import { computed, ref } from 'vue';
import { api, type ListPage } from '@/lib/api';
import type { Department } from '@/lib/model';

const PAGE_SIZE = 100;
const MAX_PAGES = 20;

/**
 * Department names by code for the catalog pages (GET /departments is public: the 实施主体
 * of an item is public information). On failure pages fall back to the code.
 */
export function useDepartmentNames() {
  const departments = ref<Department[]>([]);
  const byCode = computed(() => new Map(departments.value.map((d) => [d.code, d.name])));

  async function load(): Promise<void> {
    const out: Department[] = [];
    try {
      for (let p = 1; p <= MAX_PAGES; p++) {
        const res = await api().get<ListPage<Department>>('/departments', { page: p, page_size: PAGE_SIZE });
        out.push(...res.data);
        if (res.data.length < PAGE_SIZE || out.length >= res.total) break;
      }
    } catch {
      // Names are a convenience here: the code is shown instead.
    }
    departments.value = out;
  }

  const name = (code: string) => byCode.value.get(code) ?? code;
  return { departments, name, load };
}
