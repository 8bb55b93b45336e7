import { computed, ref } from 'vue';
import { allPages } from '@/lib/api';
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
    try {
      departments.value = await allPages<Department>('/departments', {}, PAGE_SIZE, MAX_PAGES);
    } catch {
      // Names are a convenience here: the code is shown instead.
      departments.value = [];
    }
  }

  const name = (code: string) => byCode.value.get(code) ?? code;
  return { departments, name, load };
}
