import { describe, expect, it } from 'vitest';
import { BatchGate } from '../../src/store/postgres/batch-gate.js';

/** Whether a promise has settled after the pending microtasks and one turn of the event loop. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => {
    done = true;
  });
  await new Promise((r) => setImmediate(r));
  return done;
}

describe('BatchGate', () => {
  it('lets a batch that shares no identity start beside one in flight', async () => {
    const gate = new BatchGate();
    const leaveA = await gate.enter(['a', 'b'], false);
    expect(await settled(gate.enter(['c'], false))).toBe(true);
    expect(gate.size).toBe(2);
    leaveA();
  });

  it('holds a batch that shares an identity until the earlier one is done', async () => {
    const gate = new BatchGate();
    const leaveA = await gate.enter(['a', 'b'], false);
    const b = gate.enter(['x', 'b'], false);
    expect(await settled(b)).toBe(false);
    leaveA();
    expect(await settled(b)).toBe(true);
  });

  it('holds a batch that must create a source until every batch in flight is done', async () => {
    const gate = new BatchGate();
    const leaveA = await gate.enter(['a'], false);
    const leaveB = await gate.enter(['b'], false);
    const c = gate.enter(['c'], true);
    leaveA();
    expect(await settled(c)).toBe(false);
    leaveB();
    expect(await settled(c)).toBe(true);
  });

  it('looks again after waiting: a batch that started meanwhile and shares an identity is waited for too', async () => {
    const gate = new BatchGate();
    const leaveA = await gate.enter(['a'], false);
    const exclusive = gate.enter(['z'], true);
    const leaveB = await gate.enter(['b'], false);
    leaveA();
    expect(await settled(exclusive)).toBe(false);
    leaveB();
    expect(await settled(exclusive)).toBe(true);
  });
});
