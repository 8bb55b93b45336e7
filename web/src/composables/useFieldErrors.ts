import { reactive } from 'vue';
import { ApiError } from '@/lib/api';
import { errorField, reportError } from '@/lib/notify';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/**
 * Server-side field errors for one form: bind `errors.<field>` to el-form-item's `error` prop.
 * `fail` shows the message and marks the field the server named.
 */
export function useFieldErrors(t: Translate) {
  const errors = reactive<Record<string, string>>({});

  function clear() {
    for (const k of Object.keys(errors)) delete errors[k];
  }

  function fail(error: unknown) {
    clear();
    reportError(error, t);
    const field = errorField(error);
    if (field && error instanceof ApiError) errors[field] = error.message;
  }

  return { errors, clear, fail };
}
