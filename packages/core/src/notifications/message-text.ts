import type { schema } from '@fareway/db';
import { isNotificationLocale, isNotificationTemplate, notificationDataFromJson, renderNotification } from '@fareway/domain';
import type { Deps } from '../deps';

type StoredMessage = Pick<
  typeof schema.notifications.$inferSelect,
  'id' | 'channel' | 'kind' | 'locale' | 'subject' | 'body' | 'html' | 'data'
>;

export interface MessageText {
  subject: string | null;
  /** SMS text or the plain-text email body; still sealed when the stored one is. */
  body: string;
  html: string | null;
  /** True when it was rendered now from the row's template and data (nothing stored yet). */
  rendered: boolean;
}

/**
 * What a message says: the text stored with it, or — for a notice a sweep wrote
 * as its template and data (body null, one INSERT ... SELECT for a batch) — that
 * template rendered now in the row's language, as queueing would have rendered it.
 */
export function messageText(deps: Pick<Deps, 'config'>, row: StoredMessage): MessageText {
  if (row.body !== null) return { subject: row.subject, body: row.body, html: row.html, rendered: false };
  if (!isNotificationTemplate(row.kind) || row.data === null || typeof row.data !== 'object') {
    // The table's check keeps body or data; a kind no template knows is a bug upstream, not a message to send.
    throw new Error(`notification ${row.id} has no body and no renderable data (kind ${row.kind})`);
  }
  const locale = isNotificationLocale(row.locale) ? row.locale : 'en';
  const data = notificationDataFromJson(row.data as Record<string, unknown>);
  const out = renderNotification(row.kind, data as never, locale, deps.config.http.publicUrl);
  return row.channel === 'sms'
    ? { subject: null, body: out.sms, html: null, rendered: true }
    : { subject: out.subject, body: out.text, html: out.html, rendered: true };
}
