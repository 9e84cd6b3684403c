import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  createFileStorage,
  detectFileType,
  fileStorageOf,
  LocalFileStorage,
  loadConfig,
  openFile,
  S3FileStorage,
  UPLOADS_PER_USER_PER_HOUR,
  uploadFile,
} from '../src';
import { createTestDeps, type TestDeps } from '../src/testing';
import { insertUser } from './support/booking-fixtures';
import { HTML, JPEG, PDF, PNG, WEBP } from './support/rentals-fixtures';

/** A tiny S3 stand-in: path-style PUT/GET/DELETE of objects kept in memory, every request recorded. */
function startFakeS3(): Promise<{
  server: Server;
  url: string;
  objects: Map<string, { body: Buffer; type: string }>;
  requests: IncomingMessage[];
}> {
  const objects = new Map<string, { body: Buffer; type: string }>();
  const requests: IncomingMessage[] = [];
  const server = createServer(async (req, res) => {
    requests.push(req);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const key = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
    if (req.method === 'PUT') {
      objects.set(key, { body: Buffer.concat(chunks), type: String(req.headers['content-type'] ?? '') });
      res.writeHead(200, { ETag: '"fake"' }).end();
    } else if (req.method === 'GET') {
      const object = objects.get(key);
      if (!object) {
        res
          .writeHead(404, { 'Content-Type': 'application/xml' })
          .end(
            '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>',
          );
        return;
      }
      res.writeHead(200, { 'Content-Type': object.type, 'Content-Length': String(object.body.length) }).end(object.body);
    } else if (req.method === 'DELETE') {
      objects.delete(key);
      res.writeHead(204).end();
    } else res.writeHead(405).end();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, objects, requests }),
    ),
  );
}

let s3: Awaited<ReturnType<typeof startFakeS3>>;
let deps: TestDeps;
let folder: string;
const origin = { ip: '10.0.0.4', requestId: 'req_storage' };
const actorOf = (userId: string): Actor => ({ userId, roles: ['customer'], sessionId: 's' });
const read = async (body: AsyncIterable<unknown>) => {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

beforeAll(async () => {
  s3 = await startFakeS3();
  folder = await mkdtemp(join(tmpdir(), 'fareway-storage-'));
  deps = await createTestDeps({
    env: {
      STORAGE_DRIVER: 's3',
      S3_BUCKET: 'fareway-test',
      S3_ENDPOINT: s3.url,
      S3_ACCESS_KEY_ID: 'test-key',
      S3_SECRET_ACCESS_KEY: 'test-secret',
      UPLOAD_MAX_BYTES: '2048',
    },
  });
});
afterAll(async () => {
  await deps.cleanup();
  await new Promise((done) => s3.server.close(done));
  await rm(folder, { recursive: true, force: true });
});

describe('detectFileType', () => {
  it.each([
    [PNG, 'image/png'],
    [JPEG, 'image/jpeg'],
    [WEBP, 'image/webp'],
    [PDF, 'application/pdf'],
    [HTML, null],
    [Buffer.from('RIFF\0\0\0\0WAVEfmt '), null],
    [Buffer.from([0x89, 0x50, 0x4e]), null],
    [Buffer.alloc(0), null],
  ])('%#: %s', (bytes, type) => {
    expect(detectFileType(bytes)).toBe(type);
  });
});

describe('LocalFileStorage', () => {
  it('puts, streams back and deletes under its root; refuses keys it did not make', async () => {
    const storage = new LocalFileStorage(folder);
    const key = 'vehicle_photo/01900000-0000-7000-8000-000000000001';
    await storage.put(key, PNG, 'image/png');
    expect(await readFile(join(folder, key))).toEqual(PNG);
    const object = await storage.get(key);
    expect(object?.contentLength).toBe(PNG.length);
    expect(await read(object?.body ?? (async function* () {})())).toEqual(PNG);
    await storage.delete(key);
    expect(await storage.get(key)).toBeNull();
    for (const bad of ['../../etc/passwd', '/etc/passwd', 'vehicle_photo/../../x', 'vehicle_photo/abc']) {
      await expect(storage.put(bad, PNG, 'image/png')).rejects.toThrow(/refusing storage key/);
    }
  });

  it('is what the default configuration builds, under FAREWAY_DATA_DIR/uploads', () => {
    const storage = createFileStorage(loadConfig({ NODE_ENV: 'test', FAREWAY_DATA_DIR: folder }));
    expect(storage).toBeInstanceOf(LocalFileStorage);
    expect((storage as LocalFileStorage).root).toBe(join(folder, 'uploads'));
  });
});

describe('S3FileStorage (against a local fake S3 endpoint, path-style)', () => {
  it('signs and sends PUT, GET and DELETE to /bucket/key; a missing key is null', async () => {
    const storage = new S3FileStorage({ bucket: 'b1', region: 'us-east-1', endpoint: s3.url, accessKeyId: 'k', secretAccessKey: 's' });
    const key = 'driver_document/01900000-0000-7000-8000-000000000002';
    await storage.put(key, PDF, 'application/pdf');
    expect(s3.objects.get(`/b1/${key}`)).toEqual({ body: PDF, type: 'application/pdf' });
    const put = s3.requests.at(-1);
    expect(put?.method).toBe('PUT');
    expect(put?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=k\//);
    const object = await storage.get(key);
    expect(object?.contentLength).toBe(PDF.length);
    expect(await read(object?.body ?? (async function* () {})())).toEqual(PDF);
    await storage.delete(key);
    expect(await storage.get(key)).toBeNull();
    storage.destroy();
  });

  it('is what STORAGE_DRIVER=s3 builds', () => {
    expect(fileStorageOf(deps)).toBeInstanceOf(S3FileStorage);
  });
});

describe('uploadFile', () => {
  it('stores the bytes in S3 and the row in Postgres; the owner reads them back', async () => {
    const user = actorOf(await insertUser(deps));
    const file = await uploadFile(deps, user, { purpose: 'vehicle_photo', contentType: 'Image/PNG; charset=binary', bytes: PNG }, origin);
    expect(file).toMatchObject({
      purpose: 'vehicle_photo',
      contentType: 'image/png',
      sizeBytes: PNG.length,
      url: `/api/v1/files/${file.id}`,
    });
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(s3.objects.get(`/fareway-test/vehicle_photo/${file.id}`)?.body).toEqual(PNG);
    const opened = await openFile(deps, user, file.id);
    expect(await read(opened.body)).toEqual(PNG);
    const [audit] = await deps.database.sql`select action, actor_user_id from audit_log where subject_id = ${file.id}`;
    expect(audit).toEqual({ action: 'file.uploaded', actor_user_id: user.userId });
  });

  it.each([
    ['HTML declared as a PNG', 'vehicle_photo', 'image/png', HTML, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a JPEG declared as a PNG', 'vehicle_photo', 'image/png', JPEG, 'UNSUPPORTED_MEDIA_TYPE'],
    ['HTML declared as HTML', 'vehicle_photo', 'text/html', HTML, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a PDF as a vehicle photo', 'vehicle_photo', 'application/pdf', PDF, 'UNSUPPORTED_MEDIA_TYPE'],
    ['no content type', 'vehicle_photo', undefined, PNG, 'UNSUPPORTED_MEDIA_TYPE'],
    ['an empty body', 'vehicle_photo', 'image/png', Buffer.alloc(0), 'VALIDATION_ERROR'],
    ['an unknown purpose', 'avatar', 'image/png', PNG, 'VALIDATION_ERROR'],
    ['more than UPLOAD_MAX_BYTES', 'vehicle_photo', 'image/png', Buffer.concat([PNG, Buffer.alloc(2048)]), 'PAYLOAD_TOO_LARGE'],
  ])('refuses %s', async (_what, purpose, contentType, bytes, code) => {
    const user = actorOf(await insertUser(deps));
    const before = s3.objects.size;
    await expect(uploadFile(deps, user, { purpose, contentType, bytes }, origin)).rejects.toMatchObject({ code });
    expect(s3.objects.size).toBe(before);
    const rows = await deps.database.sql`select 1 from stored_files where owner_user_id = ${user.userId}`;
    expect(rows).toHaveLength(0);
  });

  it('keeps a driver document its owner’s: a stranger or nobody is told what a random id is told, an admin reads it', async () => {
    const owner = actorOf(await insertUser(deps, ['customer', 'driver']));
    const stranger = actorOf(await insertUser(deps, ['customer', 'driver']));
    const admin = { ...actorOf(await insertUser(deps, ['admin'])), roles: ['admin' as const] };
    const file = await uploadFile(deps, owner, { purpose: 'driver_document', contentType: 'application/pdf', bytes: PDF }, origin);
    const absent = await openFile(deps, stranger, '0192e4a0-7b1c-7cc0-8000-00000000dead').catch((e: unknown) => e);
    expect(absent).toMatchObject({ code: 'NOT_FOUND' });
    for (const who of [stranger, null]) {
      const refused = await openFile(deps, who, file.id).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'NOT_FOUND', message: (absent as Error).message });
    }
    expect(await read((await openFile(deps, owner, file.id)).body)).toEqual(PDF);
    expect(await read((await openFile(deps, admin, file.id)).body)).toEqual(PDF);
  });

  it('caps uploads per user per hour', async () => {
    const user = actorOf(await insertUser(deps));
    for (let i = 0; i < UPLOADS_PER_USER_PER_HOUR; i++)
      await uploadFile(deps, user, { purpose: 'vehicle_photo', contentType: 'image/webp', bytes: WEBP }, origin);
    await expect(
      uploadFile(deps, user, { purpose: 'vehicle_photo', contentType: 'image/webp', bytes: WEBP }, origin),
    ).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
    deps.clock.advance(3_600_000);
    expect((await uploadFile(deps, user, { purpose: 'vehicle_photo', contentType: 'image/webp', bytes: WEBP }, origin)).contentType).toBe(
      'image/webp',
    );
  });
});
