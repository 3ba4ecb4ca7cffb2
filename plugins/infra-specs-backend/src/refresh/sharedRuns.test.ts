import { SharedRuns } from './sharedRuns';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('SharedRuns', () => {
  it('join: callers of a running key get that run; a new one starts after it settles', async () => {
    const runs = new SharedRuns<number>();
    const first = deferred<number>();
    const start = jest.fn(() => first.promise);
    const a = runs.join('component:default/a', start);
    const b = runs.join('component:default/a', start);
    expect(start).toHaveBeenCalledTimes(1);
    expect(runs.size).toBe(1);
    first.resolve(7);
    await expect(Promise.all([a, b])).resolves.toEqual([7, 7]);
    expect(runs.size).toBe(0);
    await expect(runs.join('component:default/a', async () => 8)).resolves.toBe(
      8,
    );
  });

  it('next: callers during a run share one run queued behind it, started only after it', async () => {
    const runs = new SharedRuns<string>();
    const events: string[] = [];
    const first = deferred<string>();
    const second = deferred<string>();
    const starts = [first, second];
    let started = 0;
    const start = jest.fn((): Promise<string> => {
      started += 1;
      events.push(`start ${started}`);
      return starts[started - 1].promise;
    });

    const a = runs.next('k', start);
    const burst = Array.from({ length: 49 }, () => runs.next('k', start));
    expect(start).toHaveBeenCalledTimes(1);
    // The scheduled refresh joins the running read instead of queueing.
    const scheduled = runs.join('k', start);

    events.push('first settles');
    first.resolve('read 1');
    await expect(a).resolves.toBe('read 1');
    await expect(scheduled).resolves.toBe('read 1');
    await new Promise(resolve => setImmediate(resolve));
    expect(start).toHaveBeenCalledTimes(2);
    expect(events).toEqual(['start 1', 'first settles', 'start 2']);

    second.resolve('read 2');
    expect(new Set(await Promise.all(burst))).toEqual(new Set(['read 2']));
    expect(runs.size).toBe(0);
  });

  it('keeps keys apart, and a failed run neither blocks the queued run nor its key', async () => {
    const runs = new SharedRuns<string>();
    const failing = deferred<string>();
    const a = runs.next('a', () => failing.promise);
    const queued = runs.next('a', async () => 'after the failure');
    const b = runs.next('b', async () => 'b');
    expect(runs.size).toBe(2);
    failing.reject(new Error('read failed'));
    await expect(a).rejects.toThrow('read failed');
    await expect(queued).resolves.toBe('after the failure');
    await expect(b).resolves.toBe('b');
    await expect(runs.next('a', async () => 'again')).resolves.toBe('again');
  });

  it('joinAll: keys with a run going share it; one run starts for the others and answers each', async () => {
    const runs = new SharedRuns<string>();
    const running = deferred<string>();
    const a = runs.join('a', () => running.promise);
    const group = deferred<string[]>();
    const start = jest.fn((_free: string[]) => group.promise);
    const all = runs.joinAll(['a', 'b', 'c'], start);
    expect(start).toHaveBeenCalledTimes(1);
    expect(start).toHaveBeenCalledWith(['b', 'c']);
    // A caller of one key of the group joins the group's run.
    const c = runs.join('c', async () => 'never');
    group.resolve(['b1', 'c1']);
    running.resolve('a0');
    await expect(all).resolves.toEqual(['a0', 'b1', 'c1']);
    await expect(Promise.all([a, c])).resolves.toEqual(['a0', 'c1']);
    expect(runs.size).toBe(0);
  });

  it('joinAll: a failing group run fails each of its keys, and frees them', async () => {
    const runs = new SharedRuns<string>();
    const all = runs.joinAll(['a', 'b'], async () => {
      throw new Error('read failed');
    });
    await expect(all).rejects.toThrow('read failed');
    expect(runs.size).toBe(0);
    await expect(runs.joinAll(['a'], async () => ['again'])).resolves.toEqual([
      'again',
    ]);
  });

  it('nextAll: waits for the runs going, then runs the keys again', async () => {
    const runs = new SharedRuns<string>();
    const running = deferred<string>();
    runs.join('a', () => running.promise);
    const events: string[] = [];
    const all = runs.nextAll(['a', 'b'], async free => {
      events.push(`group ${free.join(',')}`);
      return free.map(key => `${key}2`);
    });
    await new Promise(resolve => setImmediate(resolve));
    expect(events).toEqual([]);
    running.resolve('a1');
    await expect(all).resolves.toEqual(['a2', 'b2']);
    expect(events).toEqual(['group a,b']);
  });
});
