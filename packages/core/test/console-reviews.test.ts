import { newId, schema } from '@fareway/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDriverApplications } from '../src/drivers/list-driver-applications';
import { reviewDriverApplication } from '../src/drivers/review-driver-application';
import { listUsers } from '../src/identity/list-users';
import { addOrganizationMember } from '../src/organizations/add-organization-member';
import { createOrganization } from '../src/organizations/create-organization';
import { listOrganizationMembers } from '../src/organizations/list-organization-members';
import { removeOrganizationMember } from '../src/organizations/remove-organization-member';
import { createTestDeps, type TestDeps } from '../src/testing';
import { changeVehicleStatus } from '../src/vehicles/change-vehicle-status';
import { listVehiclesForReview } from '../src/vehicles/list-vehicles-for-review';
import { insertVehicle } from './support/booking-fixtures';
import { codeOf } from './support/code-of';

let deps: TestDeps;
const ORIGIN = { ip: '10.0.0.1', requestId: 'req_console_reviews' };
const admin = { userId: '', roles: ['admin' as const], sessionId: 'test' };

async function person(phone: string, name: string, email: string | null = null) {
  const now = deps.clock.now();
  const id = newId();
  await deps.db
    .insert(schema.users)
    .values({ id, phone, name, email, roles: ['customer', 'driver'], status: 'active', createdAt: now, updatedAt: now });
  return id;
}

async function application(userId: string, fullName: string, fileId: string, createdAt: Date) {
  const id = newId();
  await deps.db.insert(schema.driverApplications).values({
    id,
    userId,
    fullName,
    nationalId: '199012345678',
    licenceNumber: `B${fullName.length}234567`,
    licenceExpiry: '2030-01-01',
    documents: [{ kind: 'licence_front', fileId }],
    status: 'pending',
    createdAt,
    updatedAt: createdAt,
  });
  return id;
}

let sunil: string;
let kumari: string;
let montero: string;

beforeAll(async () => {
  deps = await createTestDeps({ jobs: 'sender' });
  deps.clock.set('2026-03-10T12:00:00Z');
  admin.userId = await person('+94770000900', 'Platform Admin');
  sunil = await person('+94771234567', 'Sunil Jayasuriya', 'sunil@example.lk');
  kumari = await person('+94779876543', 'Kumari Bandara');
  montero = await insertVehicle(deps, sunil, { make: 'Mitsubishi', model: 'Montero', city: 'Galle', status: 'pending_review' });
  await insertVehicle(deps, kumari, { make: 'Toyota', model: 'Prius', city: 'Kandy', status: 'pending_review' });
  await insertVehicle(deps, kumari, { make: 'Mitsubishi', model: 'Lancer', city: 'Colombo', status: 'approved' });
  // Sunil applied twice; his latest application's papers are the ones shown.
  await application(sunil, 'Sunil J', newId(), new Date('2026-01-01T00:00:00Z'));
  await deps.db.update(schema.driverApplications).set({ status: 'rejected' }).where(eq(schema.driverApplications.userId, sunil));
  await application(sunil, 'Sunil Jayasuriya', '01900000-0000-7000-8000-0000000000aa', new Date('2026-02-01T00:00:00Z'));
}, 60_000);
afterAll(() => deps.cleanup());

describe('the vehicle review queue', () => {
  const ids = async (q?: string, status?: 'pending_review' | 'approved') =>
    (await listVehiclesForReview(deps, { q, status, page: 1, limit: 20 })).items.map((v) => `${v.make} ${v.model}`).sort();

  it.each([
    // what the admin types, what waits for review and matches
    [undefined, ['Mitsubishi Montero', 'Toyota Prius']],
    ['montero', ['Mitsubishi Montero']],
    ['Mitsubishi Mon', ['Mitsubishi Montero']],
    ['galle', ['Mitsubishi Montero']],
    ['Kumari', ['Toyota Prius']],
    ['077 123 4567', ['Mitsubishi Montero']],
    ['9876', ['Toyota Prius']],
    ['sunil@example', ['Mitsubishi Montero']],
    ['100%', []],
    ['Lancer', []],
  ])('%s finds %j', async (q, expected) => {
    expect(await ids(q)).toEqual(expected);
  });

  it('searches within the chosen state', async () => {
    expect(await ids('Mitsubishi', 'approved')).toEqual(['Mitsubishi Lancer']);
  });

  it('names the owner and shows the papers of their latest application', async () => {
    const [vehicle] = (await listVehiclesForReview(deps, { q: 'Montero', page: 1, limit: 20 })).items;
    expect(vehicle?.owner).toEqual({ id: sunil, name: 'Sunil Jayasuriya', phone: '+94771234567', email: 'sunil@example.lk' });
    expect(vehicle?.ownerDocuments).toEqual([
      { kind: 'licence_front', fileId: '01900000-0000-7000-8000-0000000000aa', url: '/api/v1/files/01900000-0000-7000-8000-0000000000aa' },
    ]);
    const prius = (await listVehiclesForReview(deps, { q: 'Prius', page: 1, limit: 20 })).items[0];
    expect(prius?.ownerDocuments).toEqual([]);
  });

  it('pages on the server, the total counting every match', async () => {
    const page = await listVehiclesForReview(deps, { page: 2, limit: 1 });
    expect(page.items).toHaveLength(1);
    expect(page.meta).toEqual({ page: 2, limit: 1, total: 2 });
  });

  it('approving with a note tells the owner the note', async () => {
    await changeVehicleStatus(deps, admin, { vehicleId: montero, action: 'approve', reason: 'Insurance renews in May' }, ORIGIN);
    const [notice] = await deps.db
      .select({ body: schema.notifications.body })
      .from(schema.notifications)
      .where(and(eq(schema.notifications.userId, sunil), eq(schema.notifications.kind, 'vehicle.approved')));
    expect(notice?.body).toContain('Insurance renews in May');
  });
});

describe('the driver applications queue', () => {
  it.each([
    ['Sunil J', 1],
    ['0771234567', 1],
    ['B16234567', 1],
    ['nobody', 0],
  ])('%s finds %i pending application(s)', async (q, n) => {
    expect((await listDriverApplications(deps, { status: 'pending', q, page: 1, limit: 20 })).meta.total).toBe(n);
  });

  it('approving with a note tells the applicant the note', async () => {
    const [pending] = (await listDriverApplications(deps, { status: 'pending', q: 'Sunil', page: 1, limit: 20 })).items;
    await reviewDriverApplication(deps, admin, { applicationId: pending?.id ?? '', decision: 'approve', reason: 'Welcome aboard' }, ORIGIN);
    const [notice] = await deps.db
      .select({ body: schema.notifications.body })
      .from(schema.notifications)
      .where(and(eq(schema.notifications.userId, sunil), eq(schema.notifications.kind, 'driver.approved')));
    expect(notice?.body).toContain('Welcome aboard');
  });
});

describe('users search', () => {
  it('finds a person by a part of their name, email or phone, or their phone typed the local way', async () => {
    for (const q of ['Jayasur', 'SUNIL@EXAMPLE', '1234567', '077 123 4567']) {
      expect((await listUsers(deps, { search: q, page: 1, limit: 20 })).items.map((u) => u.id)).toEqual([sunil]);
    }
  });
});

describe('the people of an organisation', () => {
  const actor = (userId: string) => ({ userId, roles: ['customer' as const], sessionId: 'test' });

  it('lists owners first; owners remove staff; the last owner stays; strangers see nothing', async () => {
    const org = (await createOrganization(deps, actor(kumari), { name: 'Hill Country Express' }, ORIGIN)).id;
    deps.clock.set('2026-03-10T12:05:00Z');
    await addOrganizationMember(deps, actor(kumari), { organizationId: org, phoneNumber: '0771234567', role: 'staff' }, ORIGIN);
    const people = await listOrganizationMembers(deps, actor(sunil), { organizationId: org });
    expect(people.items.map((m) => [m.user.name, m.role, m.addedAt])).toEqual([
      ['Kumari Bandara', 'owner', '2026-03-10T12:00:00.000Z'],
      ['Sunil Jayasuriya', 'staff', '2026-03-10T12:05:00.000Z'],
    ]);
    // Staff may look but not remove; nobody removes the last owner; a stranger is told the organisation does not exist.
    expect(await codeOf(removeOrganizationMember(deps, actor(sunil), { organizationId: org, userId: kumari }, ORIGIN))).toBe('FORBIDDEN');
    expect(await codeOf(removeOrganizationMember(deps, actor(kumari), { organizationId: org, userId: kumari }, ORIGIN))).toBe(
      'VALIDATION_ERROR',
    );
    // Nor is the last owner demoted by adding them again as staff (the same rule, through the other door).
    expect(
      await codeOf(addOrganizationMember(deps, actor(kumari), { organizationId: org, phoneNumber: '+94779876543', role: 'staff' }, ORIGIN)),
    ).toBe('VALIDATION_ERROR');
    expect(await codeOf(removeOrganizationMember(deps, actor(kumari), { organizationId: org, userId: admin.userId }, ORIGIN))).toBe(
      'USER_NOT_FOUND',
    );
    expect(await codeOf(listOrganizationMembers(deps, actor(admin.userId), { organizationId: org }))).toBe('ORGANIZATION_NOT_FOUND');
    await removeOrganizationMember(deps, actor(kumari), { organizationId: org, userId: sunil }, ORIGIN);
    expect((await listOrganizationMembers(deps, actor(kumari), { organizationId: org })).items.map((m) => m.user.id)).toEqual([kumari]);
    expect(await codeOf(listOrganizationMembers(deps, actor(sunil), { organizationId: org }))).toBe('ORGANIZATION_NOT_FOUND');
    const [audit] = await deps.db
      .select({ before: schema.auditLog.before })
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, 'organization.member_removed'), eq(schema.auditLog.subjectId, org)));
    expect(audit?.before).toEqual({ userId: sunil, role: 'staff' });
  });
});
