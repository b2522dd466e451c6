/**
 * libpq's multi-host connection string, which node-postgres does not read:
 * `postgres://user@h1:5432,h2:5433/db?target_session_attrs=read-write`. Parsed into
 * the hosts in order and, for each, a one-host connection string with everything
 * else kept (user, password, database, parameters), which pg does read. Only
 * `target_session_attrs` is taken out: kefu acts on it (primaryResolver.ts).
 */
import * as E from 'fp-ts/lib/Either.js';
import { validationError, type ValidationError, type ValidationIssue } from '../../domain/errors.js';

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/** What a host must be to be used: `any` (it answers), `read-write` (it accepts writes), `primary` (not in recovery). */
export type TargetSessionAttrs = 'any' | 'read-write' | 'primary';

export interface HostList {
  readonly hosts: readonly HostPort[];
  readonly targetSessionAttrs: TargetSessionAttrs;
  /** The connection string of one host: the original with its host list replaced by this host. */
  readonly urlFor: (host: HostPort) => string;
}

const DEFAULT_PORT = 5432;
const ATTRS: readonly TargetSessionAttrs[] = ['any', 'read-write', 'primary'];
const urlPattern = /^(postgres(?:ql)?:\/\/)([^/?#]*)(.*)$/s;

const issue = (reason: string): ValidationIssue => ({ path: 'connectionString', reason });

/** `host`, `host:port`, `[v6]` or `[v6]:port`. */
const parseHost = (text: string): HostPort | string => {
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(text);
  const [host, portText] = bracketed !== null ? [bracketed[1]!, bracketed[2]] : ((): [string, string | undefined] => {
    const colon = text.lastIndexOf(':');
    return colon < 0 ? [text, undefined] : [text.slice(0, colon), text.slice(colon + 1)];
  })();
  if (host === '') return `a host is empty in "${text}"`;
  if (portText === undefined || portText === '') return { host, port: DEFAULT_PORT };
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) return `port "${portText}" of ${host} is not 1-65535`;
  return { host, port };
};

const formatHost = ({ host, port }: HostPort): string => `${host.includes(':') ? `[${host}]` : host}:${port}`;

/** The query string without target_session_attrs, and the value it had. */
const takeAttrs = (rest: string): { rest: string; attrs: string | undefined } => {
  const q = rest.indexOf('?');
  if (q < 0) return { rest, attrs: undefined };
  const hash = rest.indexOf('#', q);
  const query = rest.slice(q + 1, hash < 0 ? undefined : hash);
  let attrs: string | undefined;
  const kept = query.split('&').filter((pair) => {
    const [key, value = ''] = pair.split('=');
    if (key !== 'target_session_attrs') return pair !== '';
    attrs = decodeURIComponent(value);
    return false;
  });
  return { rest: rest.slice(0, q) + (kept.length > 0 ? `?${kept.join('&')}` : ''), attrs };
};

/**
 * Undefined for a string kefu leaves to pg as it is: one host and no
 * target_session_attrs (or not a URL at all). Else the hosts; a bad host, port or
 * target_session_attrs is a ValidationError naming connectionString.
 */
export const parseHostList = (connectionString: string): E.Either<ValidationError, HostList | undefined> => {
  const parts = urlPattern.exec(connectionString);
  if (parts === null) return E.right(undefined);
  const [, scheme, authority, tail] = parts as unknown as [string, string, string, string];
  const at = authority.lastIndexOf('@');
  const userinfo = at < 0 ? '' : authority.slice(0, at + 1);
  const hostsText = authority.slice(at + 1);
  const { rest, attrs } = takeAttrs(tail);
  if (!hostsText.includes(',') && attrs === undefined) return E.right(undefined);

  const issues: ValidationIssue[] = [];
  const hosts: HostPort[] = [];
  for (const text of hostsText.split(',')) {
    const parsed = parseHost(text);
    if (typeof parsed === 'string') issues.push(issue(parsed));
    else hosts.push(parsed);
  }
  const targetSessionAttrs = (attrs ?? 'read-write') as TargetSessionAttrs;
  if (!ATTRS.includes(targetSessionAttrs)) {
    issues.push(issue(`target_session_attrs must be one of ${ATTRS.join(', ')} (kefu looks for a server to write to), got "${String(attrs)}"`));
  }
  if (issues.length > 0) return E.left(validationError('postgres store options', issues));
  return E.right({ hosts, targetSessionAttrs, urlFor: (host) => `${scheme}${userinfo}${formatHost(host)}${rest}` });
};
