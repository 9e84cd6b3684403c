import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { AppError } from '@fareway/domain';

/**
 * Where a partner webhook may be sent. In production (`allowInsecure` false) only
 * https to public addresses: a receiver URL is attacker-chosen, so without this an
 * operator could make our worker POST into our own network or a cloud metadata
 * service (SSRF). Checked at registration and again at delivery, on the address the
 * connection actually uses (see guardedLookup), so DNS rebinding gains nothing.
 */
const forbidden = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
] as const)
  forbidden.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local (incl. fd00:ec2::254, AWS metadata over IPv6)
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['2001:db8::', 32], // documentation
  ['100::', 64], // discard
] as const)
  forbidden.addSubnet(network, prefix, 'ipv6');

/** IPv4 hidden in an IPv6 address (mapped ::ffff:a.b.c.d, or NAT64 64:ff9b::/96) is judged as the IPv4 it carries. */
function embeddedIpv4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex?.[1] && hex[2]) {
    const high = Number.parseInt(hex[1], 16);
    const low = Number.parseInt(hex[2], 16);
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  return undefined;
}

/** True for loopback, private, link-local, metadata, multicast and reserved addresses: never a partner's receiver. */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return forbidden.check(address, 'ipv4');
  if (family === 6) {
    const v4 = embeddedIpv4(address);
    if (v4 !== undefined) return forbidden.check(v4, 'ipv4');
    return forbidden.check(address, 'ipv6');
  }
  return true;
}

function refuse(message: string): AppError {
  return new AppError('VALIDATION_ERROR', message, { details: [{ path: 'url', message }] });
}

/** The URL's shape: https (http too outside production), no credentials, no fragment, at most 2048 characters. */
export function parseWebhookUrl(raw: string, allowInsecure: boolean): URL {
  if (raw.length > 2048) throw refuse('The URL is longer than 2048 characters');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse('Not an absolute URL');
  }
  if (url.protocol !== 'https:' && !(allowInsecure && url.protocol === 'http:')) {
    throw refuse(allowInsecure ? 'The URL must be http or https' : 'The URL must use https');
  }
  if (url.username || url.password) throw refuse('Put no credentials in the URL; verify our signature instead');
  if (url.hash) throw refuse('The URL must not have a #fragment');
  return url;
}

function hostOf(url: URL): string {
  // new URL keeps IPv6 literals in brackets.
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

export type LookupAll = (hostname: string) => Promise<string[]>;

const systemLookupAll: LookupAll = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses: LookupAddress[]) => {
      if (error) reject(error);
      else resolve(addresses.map((a) => a.address));
    });
  });

/**
 * Registration-time check: the shape, and (in production) every address the host
 * resolves to must be public. Returns the normalised URL string.
 */
export async function assertWebhookTarget(raw: string, allowInsecure: boolean, lookupAll: LookupAll = systemLookupAll): Promise<string> {
  const url = parseWebhookUrl(raw, allowInsecure);
  if (allowInsecure) return url.toString();
  const host = hostOf(url);
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await lookupAll(host);
    } catch {
      throw refuse(`The host ${host} does not resolve`);
    }
  }
  if (addresses.length === 0 || addresses.some(isForbiddenAddress)) {
    throw refuse('The URL points at a loopback, private, link-local or reserved address');
  }
  return url.toString();
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request that refuses non-public answers: the connection can
 * only go to an address that passed the check (closes the rebinding gap between
 * checking a name and connecting to it). IP literals skip lookup, so the caller
 * checks those itself (postWebhook does).
 */
export function guardedLookup(hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback): void {
  dnsLookup(hostname, { all: true, verbatim: true, ...(options.family ? { family: options.family } : {}) }, (error, addresses) => {
    if (error) return callback(error, []);
    const list = addresses as LookupAddress[];
    if (list.length === 0 || list.some((a) => isForbiddenAddress(a.address))) {
      const refused: NodeJS.ErrnoException = new Error(`${hostname} resolves to a non-public address`);
      refused.code = 'EADDRNOTPUBLIC';
      return callback(refused, []);
    }
    if (options.all) return callback(null, list);
    const first = list[0] as LookupAddress;
    return callback(null, first.address, first.family);
  });
}

export function webhookHostIsLiteral(url: URL): string | undefined {
  const host = hostOf(url);
  return isIP(host) ? host : undefined;
}
