import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { paths } from './schema';

export type { components, operations, paths } from './schema';

export interface FarewayClientOptions extends Omit<ClientOptions, 'baseUrl'> {
  /** The server's origin (`https://api.example.com`); `/api/v1` is added unless already there. */
  baseUrl: string;
  /** The session token from verify-otp, login or refresh, sent as `Authorization: Bearer`. */
  token?: string;
}

export type FarewayClient = Client<paths> & {
  /** Use another session token from now on (after refresh, or null after logout). */
  setToken(token: string | null): void;
};

/**
 * A typed REST client for Fareway's `/api/v1`, from the committed OpenAPI document:
 * `const api = createFarewayClient({ baseUrl, token }); const { data, error } = await api.GET('/bookings');`
 * `data` is the envelope (`{ success, data, meta? }`), `error` the error envelope.
 */
export function createFarewayClient({ baseUrl, token, ...options }: FarewayClientOptions): FarewayClient {
  const root = baseUrl.replace(/\/+$/, '');
  const client = createClient<paths>({ ...options, baseUrl: root.endsWith('/api/v1') ? root : `${root}/api/v1` });
  let current: string | null = token ?? null;
  client.use({
    onRequest({ request }) {
      if (current && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${current}`);
      return request;
    },
  });
  return Object.assign(client, {
    setToken(next: string | null) {
      current = next;
    },
  });
}
