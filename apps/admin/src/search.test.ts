import { describe, expect, it } from 'vitest';
import { searchSchemas } from './search';

describe('search params of the console pages', () => {
  it.each([
    ['users', { q: ' +9477 ', page: 2, sort: 'createdAt.asc' }, { q: '+9477', page: 2, sort: 'createdAt.asc' }],
    // `?q=123` arrives JSON-parsed as a number: still a search term.
    ['users', { q: 771234567 }, { q: '771234567', page: undefined, sort: undefined }],
    ['users', { q: '', page: 'two', sort: 'createdAt' }, { q: undefined, page: undefined, sort: undefined }],
    ['drivers', { status: 'approved', page: 1 }, { status: 'approved', page: 1 }],
    ['drivers', { status: 'pending_review' }, { status: undefined, page: undefined }],
    ['vehicles', { status: 'pending_review' }, { status: 'pending_review', page: undefined }],
    ['operators', { status: 'all', page: 4 }, { status: 'all', page: 4 }],
    ['operators', { status: 'draft' }, { status: undefined, page: undefined }],
    ['settlements', { period: '2026-13', status: 'paid', page: 2 }, { period: undefined, status: 'paid', page: 2 }],
    [
      'refunds',
      { status: 'failed', reason: 'goodwill', from: '2026-03-01' },
      { status: 'failed', reason: undefined, from: '2026-03-01', to: undefined, page: undefined },
    ],
  ] as const)('%s %j → %j', (schema, raw, validated) => {
    expect(searchSchemas[schema].parse(raw)).toEqual(validated);
  });
});
