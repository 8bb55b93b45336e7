import { ref, type Ref } from 'vue';
import { allPages, type Query } from '@/lib/api';
import { reportError } from '@/lib/notify';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/**
 * Every row of a list endpoint for a short list shown whole (a section, an inbox, a month):
 * `load` fetches them all with `query()` (at most `pageSize × maxPages`); failures are
 * reported and keep the rows.
 */
export function useAllRows<T>(path: string, query: () => Query, t: Translate, pageSize = 100, maxPages = 5) {
  const rows = ref<T[]>([]) as Ref<T[]>;
  const loading = ref(false);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      rows.value = await allPages<T>(path, query(), pageSize, maxPages);
    } catch (e) {
      reportError(e, t);
    } finally {
      loading.value = false;
    }
  }

  return { rows, loading, load };
}
