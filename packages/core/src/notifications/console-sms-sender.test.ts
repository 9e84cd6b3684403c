import { describe, expect, it } from 'vitest';
import { ConsoleSmsSender } from './console-sms-sender';

function recordingLog() {
  const lines: Array<{ obj: Record<string, unknown>; msg: string }> = [];
  return { lines, log: { info: (obj: object, msg: string) => void lines.push({ obj: { ...obj }, msg }) } };
}

describe('ConsoleSmsSender', () => {
  it.each([
    { to: '+94771234567', masked: '+94*******567' },
    { to: '+447911123456', masked: '+44*******456' },
    { to: '+15551234', masked: '+15*******234' },
  ])('masks $to as $masked in the log', async ({ to, masked }) => {
    const { lines, log } = recordingLog();
    await new ConsoleSmsSender({ log, revealBody: true }).send({ to, body: 'hi' });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.obj.to).toBe(masked);
    expect(JSON.stringify(lines)).not.toContain(to);
  });

  it.each([
    { revealBody: false, logged: '[hidden]' },
    { revealBody: true, logged: 'Your Fareway code is 123456' },
  ])('logs body $logged when revealBody is $revealBody', async ({ revealBody, logged }) => {
    const { lines, log } = recordingLog();
    const sender = new ConsoleSmsSender({ log, revealBody });
    await sender.send({ to: '+94771234567', body: 'Your Fareway code is 123456' });
    expect(lines[0]?.obj.body).toBe(logged);
    if (!revealBody) expect(JSON.stringify(lines)).not.toContain('123456');
    // The outbox always holds the real body, so a developer can read the code back.
    expect(sender.lastTo('+94771234567')?.body).toBe('Your Fareway code is 123456');
  });

  it('returns the console provider and a fresh random id per message', async () => {
    const sender = new ConsoleSmsSender({ log: recordingLog().log, revealBody: false });
    const a = await sender.send({ to: '+94771234567', body: 'a' });
    const b = await sender.send({ to: '+94771234567', body: 'b' });
    expect(a.provider).toBe('console');
    expect(sender.name).toBe('console');
    expect(a.providerMessageId).toEqual(expect.any(String));
    expect(a.providerMessageId).not.toBe(b.providerMessageId);
  });

  it('keeps only the last 100 messages, newest last', async () => {
    const sender = new ConsoleSmsSender({ log: recordingLog().log, revealBody: false });
    for (let i = 0; i < 105; i++) await sender.send({ to: '+94771234567', body: `message ${i}` });
    expect(sender.outbox).toHaveLength(100);
    expect(sender.outbox[0]?.body).toBe('message 5');
    expect(sender.outbox[99]?.body).toBe('message 104');
    expect(sender.outbox[99]?.at).toBeInstanceOf(Date);
  });

  it('lastTo returns the newest message to that number, or undefined', async () => {
    const sender = new ConsoleSmsSender({ log: recordingLog().log, revealBody: false });
    await sender.send({ to: '+94771234567', body: 'first' });
    await sender.send({ to: '+94770000000', body: 'other' });
    await sender.send({ to: '+94771234567', body: 'second' });
    expect(sender.lastTo('+94771234567')).toMatchObject({ to: '+94771234567', body: 'second' });
    expect(sender.lastTo('+94770000000')?.body).toBe('other');
    expect(sender.lastTo('+94779999999')).toBeUndefined();
  });
});
