import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startMockHotlines } from './start-mock-hotlines';

const auth = { authorization: `Basic ${btoa('hashguard-test:mock-password')}` };

function portIsClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('startMockHotlines', () => {
  it('refuses to listen on anything but loopback', async () => {
    await expect(startMockHotlines({ host: '0.0.0.0' as never })).rejects.toThrow(/loopback only/);
  });

  it('picks a free port for port 0 and serves every service under its prefix', async () => {
    const server = await startMockHotlines({ port: 0 });
    try {
      expect(server.port).toBeGreaterThan(0);
      expect(server.urls.cybertipline).toBe(`http://127.0.0.1:${server.port}/ispws`);
      const status = await fetch(`${server.urls.cybertipline}/status`, { headers: auth });
      expect(await status.text()).toContain('<responseCode>0</responseCode>');
      expect((await fetch(`${server.origin}/elsewhere`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('closes cleanly while a request hangs, and frees the port', async () => {
    const server = await startMockHotlines({ port: 0, faults: [{ kind: 'hang' }] });
    const pending = fetch(`${server.urls.cybertipline}/status`, { headers: auth }).catch((e) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await server.close();
    expect(await pending).toBeInstanceOf(Error);
    expect(await portIsClosed(server.port)).toBe(true);
  });
});

const cli = join(import.meta.dirname, '../../dist/cli.js');

describe.skipIf(!existsSync(cli))('hashguard-mock-hotlines (built bin)', () => {
  it('prints its URLs, serves, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [cli, '--port', '0', '--seed', '3'], { stdio: 'pipe' });
    const firstLine = await new Promise<string>((resolve, reject) => {
      child.stdout.once('data', (chunk) => resolve(String(chunk)));
      child.once('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    const origin = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(firstLine)?.[1];
    expect(origin).toBeDefined();
    const response = await fetch(`${origin}/hashsharing/v2/status`, { headers: auth });
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
