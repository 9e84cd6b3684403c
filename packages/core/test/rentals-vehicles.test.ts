import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  addVehiclePhoto,
  applyAsDriver,
  changeVehicleStatus,
  createBlackout,
  createRentalHold,
  createVehicle,
  deleteBlackout,
  getMyDriverApplication,
  getVehicle,
  listBlackouts,
  listDriverApplications,
  listMyVehicles,
  listVehiclesForReview,
  openFile,
  removeVehiclePhoto,
  reviewDriverApplication,
  updateVehicle,
  uploadFile,
  type VehicleFields,
} from '../src';
import { createTestDeps, type TestDeps } from '../src/testing';
import { insertUser } from './support/booking-fixtures';
import { PDF, PNG, SAMPLE_VEHICLE } from './support/rentals-fixtures';

let deps: TestDeps;
let dataDir: string;
const origin = { ip: '10.0.0.2', requestId: 'req_vehicles' };
const at = (iso: string) => new Date(iso);
const actorOf = (userId: string, roles: Actor['roles'] = ['customer']): Actor => ({ userId, roles, sessionId: 's' });
const sample = SAMPLE_VEHICLE as unknown as VehicleFields;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'fareway-vehicles-'));
  deps = await createTestDeps({ env: { FAREWAY_DATA_DIR: dataDir } });
  deps.clock.set(at('2026-03-01T00:00:00Z'));
});
afterAll(async () => {
  await deps.cleanup();
  await rm(dataDir, { recursive: true, force: true });
});

async function newDriver(): Promise<Actor> {
  return actorOf(await insertUser(deps, ['customer', 'driver']), ['customer', 'driver']);
}
async function newAdmin(): Promise<Actor> {
  return actorOf(await insertUser(deps, ['customer', 'admin']), ['customer', 'admin']);
}

describe('driver onboarding', () => {
  const application = (fileId: string, licenceExpiry = '2028-05-31') => ({
    fullName: 'Sunil Silva',
    nationalId: '198512345678',
    licenceNumber: 'B7654321',
    licenceExpiry,
    documents: [{ kind: 'licence_front', fileId }],
  });

  it('apply → one pending at a time → approve grants the driver role, audited', async () => {
    const user = actorOf(await insertUser(deps));
    const admin = await newAdmin();
    const doc = await uploadFile(deps, user, { purpose: 'driver_document', contentType: 'application/pdf', bytes: PDF }, origin);
    const applied = await applyAsDriver(deps, user, application(doc.id), origin);
    expect(applied).toMatchObject({
      status: 'pending',
      licenceExpiry: '2028-05-31',
      documents: [{ kind: 'licence_front', fileId: doc.id, url: `/api/v1/files/${doc.id}` }],
    });
    await expect(applyAsDriver(deps, user, application(doc.id), origin)).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      message: /under review/,
    });
    expect((await getMyDriverApplication(deps, user))?.id).toBe(applied.id);

    const queue = await listDriverApplications(deps, { status: 'pending', page: 1, limit: 100 });
    expect(queue.items.find((a) => a.id === applied.id)?.applicant).toMatchObject({ phone: expect.stringMatching(/^\+947/) });
    // The admin may read the document; another customer may not.
    expect((await openFile(deps, admin, doc.id)).contentType).toBe('application/pdf');
    const stranger = actorOf(await insertUser(deps));
    await expect(openFile(deps, stranger, doc.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(openFile(deps, null, doc.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const approved = await reviewDriverApplication(deps, admin, { applicationId: applied.id, decision: 'approve' }, origin);
    expect(approved.status).toBe('approved');
    const [row] = await deps.database.sql`select roles from users where id = ${user.userId}`;
    expect(row?.roles).toEqual(['customer', 'driver']);
    const actions = await deps.database
      .sql`select action from audit_log where subject_id in (${applied.id}, ${user.userId}) order by at, id`;
    expect(actions.map((a) => a.action)).toEqual(['driver_application.submitted', 'driver_application.approved', 'user.roles_changed']);
    await expect(
      reviewDriverApplication(deps, admin, { applicationId: applied.id, decision: 'reject', reason: 'late' }, origin),
    ).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    });
    await expect(applyAsDriver(deps, actorOf(user.userId, ['customer', 'driver']), application(doc.id), origin)).rejects.toMatchObject({
      message: /already a driver/,
    });
  });

  it('a rejection carries its reason; the applicant may apply again', async () => {
    const user = actorOf(await insertUser(deps));
    const admin = await newAdmin();
    const doc = await uploadFile(deps, user, { purpose: 'driver_document', contentType: 'image/png', bytes: PNG }, origin);
    const first = await applyAsDriver(deps, user, application(doc.id), origin);
    await expect(
      reviewDriverApplication(deps, admin, { applicationId: first.id, decision: 'reject', reason: '  ' }, origin),
    ).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    });
    const rejected = await reviewDriverApplication(
      deps,
      admin,
      { applicationId: first.id, decision: 'reject', reason: 'Licence photo is blurred' },
      origin,
    );
    expect(rejected).toMatchObject({ status: 'rejected', decisionReason: 'Licence photo is blurred' });
    const [row] = await deps.database.sql`select roles from users where id = ${user.userId}`;
    expect(row?.roles).toEqual(['customer']);
    const again = await applyAsDriver(deps, user, application(doc.id), origin);
    expect(again.status).toBe('pending');
  });

  it('refuses an expired licence and documents that are not the applicant’s own driver documents', async () => {
    const user = actorOf(await insertUser(deps));
    const other = actorOf(await insertUser(deps));
    const mine = await uploadFile(deps, user, { purpose: 'driver_document', contentType: 'image/png', bytes: PNG }, origin);
    const photo = await uploadFile(deps, user, { purpose: 'vehicle_photo', contentType: 'image/png', bytes: PNG }, origin);
    const theirs = await uploadFile(deps, other, { purpose: 'driver_document', contentType: 'image/png', bytes: PNG }, origin);
    await expect(applyAsDriver(deps, user, application(mine.id, '2026-03-01'), origin)).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [{ path: 'licenceExpiry' }],
    });
    for (const fileId of [theirs.id, photo.id, '01900000-0000-7000-8000-000000000abc']) {
      await expect(applyAsDriver(deps, user, application(fileId), origin)).rejects.toMatchObject({
        code: 'VALIDATION_ERROR',
        details: [{ path: 'documents' }],
      });
    }
    expect(await getMyDriverApplication(deps, user)).toBeNull();
  });
});

describe('vehicles', () => {
  it('only drivers list vehicles; every field is validated with its path', async () => {
    const customer = actorOf(await insertUser(deps));
    await expect(createVehicle(deps, customer, sample, origin)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const driver = await newDriver();
    const created = await createVehicle(deps, driver, { ...sample, make: '  Toyota ' }, origin);
    expect(created).toMatchObject({ status: 'draft', make: 'Toyota', dailyRate: 9_500, photos: [], ownerUserId: driver.userId });
    const bad: [Partial<VehicleFields>, string][] = [
      [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
      [{ timeZone: '+05:30' }, 'timeZone'],
      [{ currency: 'lkr' }, 'currency'],
      [{ year: 1900 }, 'year'],
      [{ year: 2028 }, 'year'],
      [{ seats: 0 }, 'seats'],
      [{ seats: 101 }, 'seats'],
      [{ bufferMinutes: 10_081 }, 'bufferMinutes'],
      [{ bufferMinutes: -1 }, 'bufferMinutes'],
      [{ latitude: 91 }, 'latitude'],
      [{ longitude: -181 }, 'longitude'],
      [{ latitude: null }, 'latitude'],
      [{ dailyRateMinor: 0 }, 'dailyRateMinor'],
      [{ dailyRateMinor: 10.5 }, 'dailyRateMinor'],
      [{ make: ' ' }, 'make'],
    ];
    for (const [change, path] of bad) {
      await expect(createVehicle(deps, driver, { ...sample, ...change }, origin), path).rejects.toMatchObject({
        code: 'VALIDATION_ERROR',
        details: [expect.objectContaining({ path })],
      });
    }
  });

  it('draft → submit → approve; key-fact edits send an approved listing back to review, others do not; suspend ↔ reinstate', async () => {
    const driver = await newDriver();
    const admin = await newAdmin();
    const v = await createVehicle(deps, driver, sample, origin);
    expect((await updateVehicle(deps, driver, { vehicleId: v.id, changes: { model: 'Aqua G' } }, origin)).status).toBe('draft');
    await expect(changeVehicleStatus(deps, admin, { vehicleId: v.id, action: 'approve' }, origin)).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    });
    await expect(changeVehicleStatus(deps, driver, { vehicleId: v.id, action: 'approve' }, origin)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await changeVehicleStatus(deps, driver, { vehicleId: v.id, action: 'submit' }, origin)).status).toBe('pending_review');
    await expect(updateVehicle(deps, driver, { vehicleId: v.id, changes: { dailyRateMinor: 1 } }, origin)).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    });
    const queue = await listVehiclesForReview(deps, { page: 1, limit: 100 });
    expect(queue.items.map((x) => x.id)).toContain(v.id);

    await expect(changeVehicleStatus(deps, admin, { vehicleId: v.id, action: 'reject' }, origin)).rejects.toMatchObject({
      details: [{ path: 'reason' }],
    });
    expect((await changeVehicleStatus(deps, admin, { vehicleId: v.id, action: 'approve' }, origin)).status).toBe('approved');
    const repriced = await updateVehicle(
      deps,
      driver,
      { vehicleId: v.id, changes: { dailyRateMinor: 990_000, bufferMinutes: 30, description: 'Clean' } },
      origin,
    );
    expect(repriced).toMatchObject({ status: 'approved', dailyRateMinor: 990_000, bufferMinutes: 30, description: 'Clean' });
    const unchanged = await updateVehicle(deps, driver, { vehicleId: v.id, changes: { seats: 4 } }, origin);
    expect(unchanged.status).toBe('approved');
    const reseated = await updateVehicle(deps, driver, { vehicleId: v.id, changes: { seats: 5 } }, origin);
    expect(reseated.status).toBe('pending_review');

    await changeVehicleStatus(deps, admin, { vehicleId: v.id, action: 'approve' }, origin);
    const suspended = await changeVehicleStatus(deps, admin, { vehicleId: v.id, action: 'suspend', reason: 'Insurance lapsed' }, origin);
    expect(suspended).toMatchObject({ status: 'suspended', reviewReason: 'Insurance lapsed' });
    await expect(updateVehicle(deps, driver, { vehicleId: v.id, changes: { description: 'x' } }, origin)).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    });
    expect((await changeVehicleStatus(deps, admin, { vehicleId: v.id, action: 'reinstate' }, origin)).status).toBe('approved');
    const trail = await deps.database.sql`select action from audit_log where subject_id = ${v.id} order by at, id`;
    expect(trail.map((r) => r.action)).toEqual([
      'vehicle.created',
      'vehicle.updated',
      'vehicle.submit',
      'vehicle.approve',
      'vehicle.updated',
      'vehicle.updated',
      'vehicle.approve',
      'vehicle.suspend',
      'vehicle.reinstate',
    ]);
  });

  it('shows an unapproved vehicle only to its owner and admins; others may not touch it', async () => {
    const driver = await newDriver();
    const admin = await newAdmin();
    const stranger = await newDriver();
    const v = await createVehicle(deps, driver, sample, origin);
    expect((await getVehicle(deps, driver, v.id)).status).toBe('draft');
    expect((await getVehicle(deps, admin, v.id)).status).toBe('draft');
    await expect(getVehicle(deps, stranger, v.id)).rejects.toMatchObject({ code: 'VEHICLE_NOT_FOUND' });
    await expect(getVehicle(deps, null, v.id)).rejects.toMatchObject({ code: 'VEHICLE_NOT_FOUND' });
    await expect(updateVehicle(deps, stranger, { vehicleId: v.id, changes: { seats: 2 } }, origin)).rejects.toMatchObject({
      code: 'VEHICLE_NOT_FOUND',
    });
    await expect(changeVehicleStatus(deps, stranger, { vehicleId: v.id, action: 'submit' }, origin)).rejects.toMatchObject({
      code: 'VEHICLE_NOT_FOUND',
    });
    expect((await listMyVehicles(deps, driver, { page: 1, limit: 20 })).items.map((x) => x.id)).toEqual([v.id]);
    expect((await listMyVehicles(deps, stranger, { page: 1, limit: 20 })).meta.total).toBe(0);
  });

  it('photos: the owner attaches their own uploads; they become public once the vehicle is approved', async () => {
    const driver = await newDriver();
    const admin = await newAdmin();
    const other = await newDriver();
    const v = await createVehicle(deps, driver, sample, origin);
    const photo = await uploadFile(deps, driver, { purpose: 'vehicle_photo', contentType: 'image/png', bytes: PNG }, origin);
    const doc = await uploadFile(deps, driver, { purpose: 'driver_document', contentType: 'image/png', bytes: PNG }, origin);
    const foreign = await uploadFile(deps, other, { purpose: 'vehicle_photo', contentType: 'image/png', bytes: PNG }, origin);
    for (const fileId of [doc.id, foreign.id]) {
      await expect(addVehiclePhoto(deps, driver, { vehicleId: v.id, fileId }, origin)).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    }
    await expect(addVehiclePhoto(deps, other, { vehicleId: v.id, fileId: foreign.id }, origin)).rejects.toMatchObject({
      code: 'VEHICLE_NOT_FOUND',
    });
    const withPhoto = await addVehiclePhoto(deps, driver, { vehicleId: v.id, fileId: photo.id }, origin);
    expect(withPhoto.photos).toEqual([{ fileId: photo.id, url: `/api/v1/files/${photo.id}`, position: 0 }]);
    await expect(openFile(deps, null, photo.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await changeVehicleStatus(deps, driver, { vehicleId: v.id, action: 'submit' }, origin);
    await changeVehicleStatus(deps, admin, { vehicleId: v.id, action: 'approve' }, origin);
    const opened = await openFile(deps, null, photo.id);
    expect(opened).toMatchObject({ contentType: 'image/png', sizeBytes: PNG.length, isPublic: true });
    const chunks: Buffer[] = [];
    for await (const chunk of opened.body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(PNG)).toBe(true);
    // The document stays private even though the owner has an approved vehicle.
    await expect(openFile(deps, null, doc.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await removeVehiclePhoto(deps, driver, { vehicleId: v.id, fileId: photo.id }, origin)).photos).toEqual([]);
    await expect(openFile(deps, null, photo.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('blackouts', () => {
  it('block exactly their period, are refused over a live booking, are listed for the owner and can be lifted', async () => {
    deps.clock.set(at('2026-03-01T00:00:00Z'));
    const driver = await newDriver();
    const admin = await newAdmin();
    const v = await createVehicle(deps, driver, { ...sample, bufferMinutes: 120 }, origin);
    await changeVehicleStatus(deps, driver, { vehicleId: v.id, action: 'submit' }, origin);
    await changeVehicleStatus(deps, admin, { vehicleId: v.id, action: 'approve' }, origin);
    const customer = actorOf(await insertUser(deps));
    await createRentalHold(deps, customer, { vehicleId: v.id, start: at('2026-03-10T10:00:00Z'), end: at('2026-03-11T10:00:00Z') }, origin);

    const blackout = (start: string, end: string, who: Actor = driver) =>
      createBlackout(deps, who, { vehicleId: v.id, start: at(start), end: at(end), reason: 'service' }, origin);
    // Inside the hold's 2-hour turnaround buffer: the constraint refuses it.
    await expect(blackout('2026-03-11T11:00:00Z', '2026-03-12T00:00:00Z')).rejects.toMatchObject({ code: 'BOOKING_CONFLICT' });
    const b = await blackout('2026-03-11T12:00:00Z', '2026-03-12T00:00:00Z');
    expect(b).toMatchObject({ startDate: '2026-03-11T12:00:00.000Z', endDate: '2026-03-12T00:00:00.000Z', reason: 'service' });
    const [row] = await deps.database.sql`select blocked_period::text as p, status, kind from vehicle_occupancies where id = ${b.id}`;
    expect(row).toEqual({ p: '["2026-03-11 12:00:00+00","2026-03-12 00:00:00+00")', status: 'blackout', kind: 'blackout' });
    await expect(blackout('2026-03-11T23:00:00Z', '2026-03-12T02:00:00Z')).rejects.toMatchObject({ code: 'BOOKING_CONFLICT' });
    await expect(blackout('2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z')).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    await expect(blackout('2026-02-01T00:00:00Z', '2026-02-02T00:00:00Z')).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    const stranger = await newDriver();
    await expect(blackout('2026-04-01T00:00:00Z', '2026-04-02T00:00:00Z', stranger)).rejects.toMatchObject({ code: 'VEHICLE_NOT_FOUND' });
    await expect(listBlackouts(deps, stranger, { vehicleId: v.id, page: 1, limit: 20 })).rejects.toMatchObject({
      code: 'VEHICLE_NOT_FOUND',
    });

    const hold = () =>
      createRentalHold(deps, customer, { vehicleId: v.id, start: at('2026-03-11T14:00:00Z'), end: at('2026-03-11T16:00:00Z') }, origin);
    await expect(hold()).rejects.toMatchObject({ code: 'BOOKING_CONFLICT' });
    const listed = await listBlackouts(deps, driver, { vehicleId: v.id, page: 1, limit: 20 });
    expect(listed).toMatchObject({ items: [{ id: b.id }], meta: { total: 1 } });
    await expect(deleteBlackout(deps, stranger, { vehicleId: v.id, blackoutId: b.id }, origin)).rejects.toMatchObject({
      code: 'VEHICLE_NOT_FOUND',
    });
    expect(await deleteBlackout(deps, driver, { vehicleId: v.id, blackoutId: b.id }, origin)).toEqual({ deleted: true });
    await expect(deleteBlackout(deps, driver, { vehicleId: v.id, blackoutId: b.id }, origin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await hold()).status).toBe('pending');
  });
});
