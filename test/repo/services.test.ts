// The service probe behind the skip-or-fail rule: a closed port and a wrong answer both count as absent.
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers } from '../support/services.ts';

describe('service probe', () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    // A fake that answers like PostgreSQL to an SSLRequest ('N': no TLS) and like nothing else.
    server = createServer((s) => s.once('data', (b) => s.end(b.length === 8 ? 'N' : '-ERR')));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const SSL = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

  it('a server that answers as expected is up', async () => {
    expect(await answers(`postgres://x@127.0.0.1:${port}/db`, 5432, SSL, (b) => b[0] === 0x4e)).toBe(true);
  });

  it('a wrong answer is not the service', async () => {
    expect(
      await answers(`redis://127.0.0.1:${port}`, 6379, Buffer.from('PING\r\n'), (b) =>
        b.toString().startsWith('+PONG'),
      ),
    ).toBe(false);
  });

  it('a closed port is absent, quickly', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const p = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
    expect(await answers(`redis://127.0.0.1:${p}`, 6379, null, () => true, 1000)).toBe(false);
  });
});
