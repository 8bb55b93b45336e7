// Shows failures the same way everywhere: a toast with the server's localized message, or for
// server faults a dialog with the request id that support needs.
import { ElMessage, ElMessageBox } from '@/plugins/element';
import { ApiError, CLIENT_CODES } from './api';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** Codes whose meaning is one form field even when the server names none. */
const CODE_FIELDS: Record<string, string> = {
  username_taken: 'username',
  invalid_id_number: 'id_number',
  invalid_uscc: 'uscc',
};

/** The form field an error is about, if any. */
export function errorField(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  return error.details.field ?? CODE_FIELDS[error.code] ?? null;
}

export function isServerFault(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status === 0 || error.status >= 500;
}

export function reportError(error: unknown, t: Translate): void {
  if (error instanceof ApiError && !isServerFault(error)) {
    ElMessage({ type: 'error', message: error.message, grouping: true });
    return;
  }
  const message =
    error instanceof ApiError
      ? error.code === CLIENT_CODES.network
        ? t('common.networkError')
        : error.message
      : String(error);
  const requestId = error instanceof ApiError ? error.requestId : null;
  const text = requestId ? `${message}\n${t('common.requestIdHint', { id: requestId })}` : message;
  void ElMessageBox.alert(text, t('common.errorTitle'), {
    type: 'error',
    confirmButtonText: t('common.confirm'),
  }).catch(() => undefined);
}
