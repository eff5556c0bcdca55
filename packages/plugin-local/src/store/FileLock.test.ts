import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileLock } from './FileLock.js';

const fresh = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dw-lock-'));
  const warnings: string[] = [];
  let now = 1_000_000;
  const clock = { advance: (ms: number) => (now += ms), now: () => now };
  const lock = (name = 'a.lock') => new FileLock(join(dir, 'locks', name), { now: clock.now, warn: (m) => warnings.push(m) });
  return { dir, warnings, clock, lock };
};

describe('FileLock', () => {
  it('gives the lock to one owner of many racing, creating its folder, and to another after release', async () => {
    const { dir, lock } = await fresh();
    const owners = ['A', 'B', 'C', 'D'];
    const got = await Promise.all(owners.map((o) => lock().tryAcquire(o, 60_000)));
    expect(got.filter(Boolean)).toHaveLength(1);
    const winner = owners[got.indexOf(true)]!;
    expect(await lock().holder()).toMatchObject({ owner: winner, pid: process.pid, expiresAt: 1_060_000 });
    const loser = owners.find((o) => o !== winner)!;
    await lock().release(loser); // not its lock: left alone
    expect(await lock().tryAcquire(loser, 60_000)).toBe(false);
    await lock().release(winner);
    expect(await readdir(join(dir, 'locks'))).toEqual([]);
    expect(await lock().tryAcquire(loser, 60_000)).toBe(true);
  });

  it('lets its holder renew it, pushing the expiry, and leaves no temporary file', async () => {
    const { dir, clock, lock } = await fresh();
    expect(await lock().tryAcquire('A', 5_000)).toBe(true);
    clock.advance(4_000);
    expect(await lock().tryAcquire('A', 5_000)).toBe(true);
    expect(JSON.parse(await readFile(join(dir, 'locks', 'a.lock'), 'utf8'))).toMatchObject({ owner: 'A', expiresAt: 1_009_000 });
    expect(await readdir(join(dir, 'locks'))).toEqual(['a.lock']);
  });

  it('is taken over by another owner once expired, with a warning naming the file and the holder', async () => {
    const { dir, warnings, clock } = await fresh();
    await writeFile(join(dir, 'x.lock'), JSON.stringify({ owner: 'other', pid: 4242, expiresAt: 1_005_000 }));
    const x = new FileLock(join(dir, 'x.lock'), { now: clock.now, warn: (m) => warnings.push(m) });
    expect(await x.tryAcquire('B', 5_000)).toBe(false);
    clock.advance(5_000);
    expect(await x.tryAcquire('B', 5_000)).toBe(true);
    expect(warnings).toEqual([`took over the expired lock ${join(dir, 'x.lock')} of other (process 4242)`]);
    expect(await x.holder()).toMatchObject({ owner: 'B' });
    expect((await readdir(dir)).sort()).toEqual(['x.lock']);
  });

  it('is taken over at once when its holder ran on this machine and its process is gone; not so for another machine', async () => {
    const { dir, warnings, clock } = await fresh();
    // A process that has ended: its pid names no running process (until reused, which the live check would see).
    const dead = spawnSync(process.execPath, ['-e', '0']).pid as number;
    const file = join(dir, 'crash.lock');
    const far = 1_000_000 + 3_600_000;
    await writeFile(file, JSON.stringify({ owner: 'crashed', pid: dead, host: 'elsewhere.example', expiresAt: far }));
    const crash = new FileLock(file, { now: clock.now, warn: (m) => warnings.push(m) });
    expect(await crash.tryAcquire('B', 5_000)).toBe(false);
    await writeFile(file, JSON.stringify({ owner: 'crashed', pid: process.pid, host: hostname(), expiresAt: far }));
    expect(await crash.tryAcquire('B', 5_000)).toBe(false); // this very process still runs
    await writeFile(file, JSON.stringify({ owner: 'crashed', pid: dead, host: hostname(), expiresAt: far }));
    expect(await crash.tryAcquire('B', 5_000)).toBe(true);
    expect(warnings).toEqual([`took over the abandoned lock ${file} of crashed (process ${dead})`]);
    expect(await crash.holder()).toMatchObject({ owner: 'B', pid: process.pid, host: hostname() });
  });

  it('takes over a lock file without a readable holder only once it is a second old', async () => {
    const { dir, warnings, clock } = await fresh();
    const file = join(dir, 'torn.lock');
    const torn = new FileLock(file, { now: clock.now, warn: (m) => warnings.push(m) });
    await writeFile(file, '{"owner":"A","pi');
    await utimes(file, new Date(clock.now() - 500), new Date(clock.now() - 500));
    expect(await torn.tryAcquire('B', 5_000)).toBe(false);
    await utimes(file, new Date(clock.now() - 1_500), new Date(clock.now() - 1_500));
    expect(await torn.tryAcquire('B', 5_000)).toBe(true);
    expect(warnings).toEqual([`took over the expired lock ${file} of an unknown owner`]);
  });

  it('waits for a held lock and gives up after the wait, or gets it when released meanwhile', async () => {
    const { lock } = await fresh();
    expect(await lock().tryAcquire('A', 60_000)).toBe(true);
    expect(await lock().acquire('B', 60_000, 20)).toBe(false);
    const waiting = lock().acquire('B', 60_000, 5_000);
    await lock().release('A');
    expect(await waiting).toBe(true);
    expect(await lock().holder()).toMatchObject({ owner: 'B' });
  });
});
