/**
 * The engine's typed face (createEngine infers the commands of its modules):
 * a misspelt command type, a wrong field or a field of another command does
 * not compile. The `@ts-expect-error` lines are checked by `npm run typecheck`
 * (which CI runs): a line that compiled would fail it. At run time the same
 * commands go through the decoders, so the misspelt ones are answered, not thrown.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  conversationModule,
  createEngine,
  deskModule,
  KEFU_MODULES,
  virtualClock,
  type CommandInputOf,
  type DeskEvent,
  type DispatchResult,
  type Engine,
  type KefuError,
} from 'kefu';
import type { Either } from 'fp-ts/lib/Either.js';
import { left, right } from './conformance/fixtures.js';

const shopId = 'tea-house';
const admin = { kind: 'system' } as const;

describe('typed dispatch: the commands of the engine modules, checked by the compiler', () => {
  it('accepts a right command of any of its modules and answers it', async () => {
    const engine = createEngine({ modules: [deskModule, conversationModule], clock: virtualClock(0) });
    right(await engine.dispatch({ type: 'RegisterAgent', shopId, actor: admin, data: { agentId: 'lin', name: 'Lin', maxSessions: 3 } }));
    right(await engine.dispatch({ type: 'ChangeAgentStatus', shopId, actor: { kind: 'agent', id: 'lin' }, data: { agentId: 'lin', status: 'online' } }));
    right(
      await engine.dispatch({
        type: 'SendCustomerMessage',
        shopId,
        actor: { kind: 'customer', id: 'c-1' },
        data: { sessionId: 's-1', messageId: 'm-1', customerId: 'c-1', channel: 'web-mall', content: { kind: 'text', text: 'hello' } },
        commandId: 'cmd-1',
      }),
    );
    await engine.close();
  });

  it('refuses a misspelt type, a wrong field, a missing field and another module command at compile time', async () => {
    const engine = createEngine({ modules: [deskModule], clock: virtualClock(0) });
    // Each line below would compile with an untyped dispatch; here it must not, and at run time the decoder answers it.
    // @ts-expect-error misspelt command type
    expect(left(await engine.dispatch({ type: 'RegisterAgnet', shopId, actor: admin, data: { agentId: 'a', name: 'A', maxSessions: 3 } }))._tag).toBe('ValidationError');
    // @ts-expect-error a field of the wrong type (maxSessions is a number)
    expect(left(await engine.dispatch({ type: 'RegisterAgent', shopId, actor: admin, data: { agentId: 'a', name: 'A', maxSessions: '3' } }))._tag).toBe('ValidationError');
    // @ts-expect-error a required field missing (name)
    expect(left(await engine.dispatch({ type: 'RegisterAgent', shopId, actor: admin, data: { agentId: 'a', maxSessions: 3 } }))._tag).toBe('ValidationError');
    // @ts-expect-error a command of a module this engine was not given
    expect(left(await engine.dispatch({ type: 'SendCustomerMessage', shopId, actor: admin, data: { sessionId: 's', messageId: 'm', customerId: 'c', channel: 'web', content: { kind: 'text', text: 'x' } } }))._tag).toBe('ValidationError');
    // @ts-expect-error an actor kind that does not exist
    expect(left(await engine.dispatch({ type: 'CreateGroup', shopId, actor: { kind: 'robot' }, data: { groupId: 'g', name: 'G' } }))._tag).toBe('ValidationError');
    // @ts-expect-error shopId missing
    expect(left(await engine.dispatch({ type: 'CreateGroup', actor: admin, data: { groupId: 'g', name: 'G' } }))._tag).toBe('ValidationError');
    await engine.close();
  });

  it('derives the input type from the modules: CommandInputOf and the engine parameter agree', () => {
    const engine = createEngine({ modules: [deskModule], clock: virtualClock(0) });
    type DeskInput = CommandInputOf<typeof deskModule>;
    expectTypeOf(engine.dispatch).parameter(0).toEqualTypeOf<DeskInput>();
    expectTypeOf<Extract<DeskInput, { type: 'RegisterAgent' }>['data']['maxSessions']>().toEqualTypeOf<number>();
    expectTypeOf<'RegisterAgnet'>().not.toMatchTypeOf<DeskInput['type']>();
    expectTypeOf<'OpenSession'>().toMatchTypeOf<DeskInput['type']>();
    expectTypeOf(engine.dispatch).returns.toEqualTypeOf<Promise<Either<KefuError, DispatchResult<DeskEvent>>>>();
    void engine.close();
  });

  it('types the decided events by the modules, so a reader narrows on their type', async () => {
    const engine = createEngine({ modules: [deskModule], clock: virtualClock(0) });
    const done = right(await engine.dispatch({ type: 'RegisterAgent', shopId, actor: admin, data: { agentId: 'lin', name: 'Lin', maxSessions: 3 } }));
    expectTypeOf(done.decided).toEqualTypeOf<readonly DeskEvent[]>();
    const registered = done.decided.find((e) => e.type === 'AgentRegistered');
    expect(registered?.type === 'AgentRegistered' ? registered.data.maxSessions : undefined).toBe(3);
    await engine.close();
  });

  it('keeps an untyped entry for input the compiler cannot vouch for, decoded the same way', async () => {
    const engine = createEngine({ modules: [deskModule], clock: virtualClock(0) });
    expectTypeOf(engine.dispatchUnknown).parameter(0).toEqualTypeOf<unknown>();
    const body: unknown = JSON.parse('{"type":"RegisterAgnet","shopId":"tea-house","actor":{"kind":"system"},"data":{}}');
    const refused = left(await engine.dispatchUnknown(body));
    expect(refused).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'type' }] });
    await engine.close();
  });

  it('an engine of some modules is still an Engine, and one of modules typed loosely takes any command shape', async () => {
    const typed = createEngine({ modules: [deskModule], clock: virtualClock(0) });
    const plain: Engine = typed;
    expectTypeOf(plain.dispatch).parameter(0).toHaveProperty('type').toEqualTypeOf<string>();
    const everything = createEngine({ modules: KEFU_MODULES, clock: virtualClock(0) });
    // KEFU_MODULES is a list of AnyModule: its engine cannot know the commands, so dispatch is as loose as dispatchUnknown's decoder is strict.
    const loose = left(await everything.dispatch({ type: 'NoSuchCommand', shopId, actor: admin, data: {} }));
    expect(loose._tag).toBe('ValidationError');
    await typed.close();
    await everything.close();
  });
});
