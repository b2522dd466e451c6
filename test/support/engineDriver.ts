/**
 * What every engine-level test harness drives an engine with: send and expect it
 * taken (`ok`, the events it wrote), send and expect it refused (`refused`, checked
 * to have written nothing anywhere in the log), the refusal's code, and the clock
 * (`settle` carries every pending reaction; `later` moves time on).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { KefuError } from '../../src/domain/errors.js';
import type { Engine } from '../../src/engine.js';
import type { VirtualClock } from '../../src/runtime/virtualClock.js';
import { readEverything } from '../conformance/fixtures.js';

export interface Emitted {
  readonly type: string;
  readonly data: Record<string, unknown>;
}

export const engineDriver = (engine: Engine, clock: VirtualClock) => {
  const ok = async (raw: unknown): Promise<readonly Emitted[]> => {
    const result = await engine.dispatchUnknown(raw);
    if (E.isLeft(result)) throw new Error(`refused: ${JSON.stringify(result.left)}`);
    return result.right.events.map((e) => ({ type: e.type, data: e.data as Record<string, unknown> }));
  };
  const refused = async (raw: unknown): Promise<KefuError> => {
    const before = (await readEverything(engine.store)).length;
    const result = await engine.dispatchUnknown(raw);
    if (E.isRight(result)) throw new Error(`expected a refusal, got ${JSON.stringify(result.right.events)}`);
    const after = (await readEverything(engine.store)).length;
    if (after !== before) throw new Error(`a refusal wrote ${after - before} event(s)`);
    return result.left;
  };
  const code = async (raw: unknown): Promise<string> => {
    const error = await refused(raw);
    return error._tag === 'DomainError' ? error.code : error._tag;
  };
  const settle = async (): Promise<void> => {
    const advanced = await engine.advanceTo(clock.now());
    if (E.isLeft(advanced)) throw new Error(`advance failed: ${JSON.stringify(advanced.left)}`);
  };
  const later = async (ms: number): Promise<void> => {
    await clock.advanceTo(clock.now() + ms);
  };
  /** Moves the clock to `time` (never back) and carries the reactions due. */
  const moveTo = async (time: number): Promise<void> => {
    if (time > clock.now()) await clock.advanceTo(time);
    await settle();
  };
  /** Sends, expects it taken, and carries what it caused. */
  const step = async (raw: unknown): Promise<void> => {
    await ok(raw);
    await settle();
  };
  return { ok, refused, code, settle, later, moveTo, step };
};
