// Case pages explain the casework codes in their own words (cases.error.<code>) and fall back
// to the shared reporting (the server's localized message, request id for faults).
import { ElMessage } from '@/plugins/element';
import { ApiError } from '@/lib/api';
import { explainedCodeKey } from '@/lib/cases';
import { reportError } from '@/lib/notify';

type Translate = (key: string, values?: Record<string, unknown>) => string;

export function reportCaseError(error: unknown, t: Translate): void {
  const key = error instanceof ApiError ? explainedCodeKey(error.code) : null;
  if (key && error instanceof ApiError) {
    const detail = error.details.reason ? t('cases.common.detail', { reason: error.details.reason }) : '';
    ElMessage({ type: 'error', message: `${t(key)}${detail}`, grouping: true, duration: 6000 });
    return;
  }
  reportError(error, t);
}
