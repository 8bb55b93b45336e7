import { ref } from 'vue';
import { allPages, type Query } from '@/lib/api';
import { reportError } from '@/lib/notify';
import { downloadBytes } from '@/lib/xlsx';

type Translate = (key: string, values?: Record<string, unknown>) => string;

const EXPORT_PAGE = 200;
const EXPORT_PAGES = 25;

/**
 * The .xlsx export of a filtered list: every row of `path` with `query()` (up to 5000), made a
 * sheet by `sheet`, downloaded as `<fileName()>.xlsx`; failures are reported.
 */
export function useXlsxExport<T>(path: string, query: () => Query, sheet: (rows: T[]) => Promise<ArrayBuffer>, fileName: () => string, t: Translate) {
  const exporting = ref(false);

  async function exportXlsx(): Promise<void> {
    exporting.value = true;
    try {
      const bytes = await sheet(await allPages<T>(path, query(), EXPORT_PAGE, EXPORT_PAGES));
      downloadBytes(bytes, `${fileName()}.xlsx`);
    } catch (e) {
      reportError(e, t);
    } finally {
      exporting.value = false;
    }
  }

  return { exporting, exportXlsx };
}
