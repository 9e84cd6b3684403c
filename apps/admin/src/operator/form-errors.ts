import type { z } from 'zod';

/**
 * A form's values checked against the procedure's own zod schema (imported
 * from `@fareway/api/operator-inputs`): the parsed input, or each failing
 * field's message by its dotted path ("stops.1.name"), first message wins.
 */
export function checkForm<T extends z.ZodType>(
  schema: T,
  values: unknown,
): { ok: true; data: z.output<T> } | { ok: false; errors: Record<string, string> } {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    if (!(path in errors)) errors[path] = issue.message;
  }
  return { ok: false, errors };
}
