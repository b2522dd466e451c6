/**
 * Builders for desk command inputs (what `engine.dispatch` takes), for tests,
 * simulations and examples: `as(shop).admin().registerAgent({...})`.
 */
import type { Actor } from '../domain/envelope.js';
import type { DeskCommand } from '../domain/desk/deskCommands.js';

type DataOf<T extends DeskCommand['type']> = Extract<DeskCommand, { type: T }>['data'];

/** A command input for the desk; without a type argument, the union of all of them. */
export type DeskInput<T extends DeskCommand['type'] = DeskCommand['type']> = T extends DeskCommand['type']
  ? { readonly type: T; readonly shopId: string; readonly actor: Actor; readonly data: DataOf<T> }
  : never;

export const deskInput = <T extends DeskCommand['type']>(shopId: string, actor: Actor, type: T, data: DataOf<T>): DeskInput<T> =>
  ({ type, shopId, actor, data }) as DeskInput<T>;

/** Inputs for one shop, sent as `actor` (the system by default). */
export const desk = (shopId: string, actor: Actor = { kind: 'system' }) => {
  const make =
    <T extends DeskCommand['type']>(type: T) =>
    (data: DataOf<T>) =>
      deskInput(shopId, actor, type, data);
  return {
    as: (other: Actor) => desk(shopId, other),
    asAgent: (id: string) => desk(shopId, { kind: 'agent', id }),
    asCustomer: (id: string) => desk(shopId, { kind: 'customer', id }),
    configure: (settings: DataOf<'ConfigureRouting'>['settings']) => deskInput(shopId, actor, 'ConfigureRouting', { settings }),
    createGroup: make('CreateGroup'),
    setChannelRule: make('SetChannelRule'),
    pinCustomer: make('PinCustomer'),
    unpinCustomer: make('UnpinCustomer'),
    blacklist: make('BlacklistCustomer'),
    unblacklist: make('UnblacklistCustomer'),
    registerAgent: make('RegisterAgent'),
    activateAgent: make('ActivateAgent'),
    freezeAgent: make('FreezeAgent'),
    unfreezeAgent: make('UnfreezeAgent'),
    enableAgent: make('EnableAgent'),
    disableAgent: make('DisableAgent'),
    setStatus: make('ChangeAgentStatus'),
    online: (agentId: string, takeFromQueue?: number) =>
      deskInput(shopId, actor, 'ChangeAgentStatus', takeFromQueue === undefined ? { agentId, status: 'online' } : { agentId, status: 'online', takeFromQueue }),
    busy: (agentId: string) => deskInput(shopId, actor, 'ChangeAgentStatus', { agentId, status: 'busy' }),
    offline: (agentId: string) => deskInput(shopId, actor, 'ChangeAgentStatus', { agentId, status: 'offline' }),
    setMax: (agentId: string, maxSessions: number) => deskInput(shopId, actor, 'SetMaxSessions', { agentId, maxSessions }),
    setCapability: make('SetCapability'),
    setGroups: make('SetAgentGroups'),
    setRole: make('SetAgentRole'),
    open: make('OpenSession'),
    proactive: make('StartProactiveSession'),
    pick: make('PickFromQueue'),
    end: make('EndSession'),
    endMany: make('EndSessions'),
    transfer: make('TransferSession'),
    accept: make('AcceptTransfer'),
    decline: make('DeclineTransfer'),
    expire: make('ExpireTransfer'),
    cancelTransfer: make('CancelTransfer'),
    invite: make('InviteAgent'),
    join: make('JoinSession'),
    leave: make('LeaveSession'),
  };
};
