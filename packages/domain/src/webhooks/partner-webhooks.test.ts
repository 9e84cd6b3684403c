import { describe, expect, it } from 'vitest';
import { DEFAULT_WEBHOOK_RETRY_POLICY, isWebhookDelivered, nextWebhookAttemptAt, shouldDisableEndpoint } from './partner-webhooks';

const created = new Date('2026-03-01T00:00:00Z');
const at = (seconds: number) => new Date(created.getTime() + seconds * 1000);

describe('nextWebhookAttemptAt', () => {
  it.each([
    // failed attempts so far, now (s after the event), next attempt (s after the event) or null
    [1, 0, 30],
    [2, 30, 90],
    [3, 90, 210],
    [4, 210, 450],
    [9, 10_000, 10_000 + 7_680],
    [10, 20_000, 20_000 + 14_400], // capped at 4 h
    [30, 50_000, 50_000 + 14_400],
    [12, 80_000, null], // 80 000 + 14 400 is past the 24 h window
    [5, 86_399, null],
  ] as const)('after %i failures at +%is → %s', (failures, now, expected) => {
    const next = nextWebhookAttemptAt(DEFAULT_WEBHOOK_RETRY_POLICY, { eventCreatedAt: created, failedAttempts: failures, now: at(now) });
    expect(next === null ? null : (next.getTime() - created.getTime()) / 1000).toBe(expected);
  });

  it('lands exactly on the deadline but not past it', () => {
    const policy = { baseDelaySeconds: 10, maxDelaySeconds: 10, giveUpAfterSeconds: 100 };
    expect(nextWebhookAttemptAt(policy, { eventCreatedAt: created, failedAttempts: 1, now: at(90) })?.toISOString()).toBe(
      at(100).toISOString(),
    );
    expect(nextWebhookAttemptAt(policy, { eventCreatedAt: created, failedAttempts: 1, now: at(91) })).toBeNull();
  });

  it('refuses to be asked before any failure', () => {
    expect(() => nextWebhookAttemptAt(DEFAULT_WEBHOOK_RETRY_POLICY, { eventCreatedAt: created, failedAttempts: 0, now: created })).toThrow(
      'nextWebhookAttemptAt is for a delivery that has failed at least once',
    );
  });
});

describe('isWebhookDelivered', () => {
  it.each([
    [199, false],
    [200, true],
    [204, true],
    [299, true],
    [300, false],
    [301, false],
    [410, false],
    [500, false],
  ])('HTTP %i → %s', (status, delivered) => {
    expect(isWebhookDelivered(status)).toBe(delivered);
  });
});

describe('shouldDisableEndpoint', () => {
  it.each([
    [0, 10, false],
    [9, 10, false],
    [10, 10, true],
    [11, 10, true],
    [1_000, 0, false], // 0 turns the rule off
  ])('%i failures in a row, threshold %i → %s', (failures, threshold, disable) => {
    expect(shouldDisableEndpoint(failures, threshold)).toBe(disable);
  });
});
