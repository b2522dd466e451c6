/**
 * Identifiers. They are plain strings at runtime (JSON in, JSON out); the aliases
 * document intent and the codecs enforce one shape at every boundary.
 */
import { identifier } from './validation.js';

export type ShopId = string;
export type AgentId = string;
export type CustomerId = string;
export type SessionId = string;
export type GroupId = string;
/** P1/P3: a role of the shop's role editor, and a brand a role handles. */
export type RoleId = string;
export type BrandId = string;

export const shopIdCodec = identifier('shop id');
export const agentIdCodec = identifier('agent id');
export const customerIdCodec = identifier('customer id');
export const sessionIdCodec = identifier('session id');
export const groupIdCodec = identifier('group id');
export const roleIdCodec = identifier('role id');
export const brandIdCodec = identifier('brand id');
/** Command, event, correlation and causation ids. */
export const messageIdCodec = identifier('message id');
