import { ref, type Ref } from 'vue';
import { api, type ListPage, type Query } from '@/lib/api';
import { reportError } from '@/lib/notify';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/**
 * One page of a list endpoint (`{data, total}`) with its filters: `load` fetches the current
 * page with `query()`, `search` goes back to page 1. Failures are reported and keep the rows.
 */
export function usePagedList<T>(path: string, query: () => Query, pageSize: number, t: Translate) {
  const rows = ref<T[]>([]) as Ref<T[]>;
  const total = ref(0);
  const page = ref(1);
  const loading = ref(false);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const res = await api().get<ListPage<T>>(path, { ...query(), page: page.value, page_size: pageSize });
      rows.value = res.data;
      total.value = res.total;
    } catch (e) {
      reportError(e, t);
    } finally {
      loading.value = false;
    }
  }

  function search(): Promise<void> {
    page.value = 1;
    return load();
  }

  return { rows, total, page, loading, load, search };
}
