/**
 * S2: what a message can hold, who can send which kind, and the declared sizes
 * (image <= 10 MB, file <= 20 MB, in MiB: 10 x 1024 x 1024 bytes). Contents are a
 * union tagged by `kind`, decoded by the tag first, so a bad image names
 * `data.content.sizeBytes` and not every member of the union. Media are
 * references (a URL and a declared size): the bytes live in the shop's storage,
 * never in the log.
 */
import * as t from 'io-ts';
import { agentIdCodec, customerIdCodec } from '../ids.js';
import { describeValue, identifier, intInRange, mustBeObject, nonEmptyString, oneOf, struct, timestamp } from '../validation.js';

export const IMAGE_MAX_BYTES = 10 * 1024 * 1024;
export const FILE_MAX_BYTES = 20 * 1024 * 1024;
export const TEXT_MAX_CHARS = 5000;
/** S9: auto-replies and other system messages are at most this long. */
export const SYSTEM_TEXT_MAX_CHARS = 1000;

export type TextContent = { readonly kind: 'text'; readonly text: string };
export type ProductCard = {
  readonly kind: 'product-card';
  readonly productId: string;
  readonly title: string;
  readonly price?: string;
  readonly imageUrl?: string;
  readonly url?: string;
};
export type OrderCard = { readonly kind: 'order-card'; readonly orderId: string; readonly status?: string; readonly total?: string };

export type MessageContent =
  | TextContent
  | { readonly kind: 'emoji'; readonly emoji: string }
  | { readonly kind: 'image'; readonly url: string; readonly sizeBytes: number; readonly width?: number; readonly height?: number }
  | { readonly kind: 'file'; readonly url: string; readonly name: string; readonly sizeBytes: number; readonly mimeType?: string }
  | ProductCard
  | OrderCard
  | { readonly kind: 'coupon'; readonly couponId: string; readonly title: string; readonly discount?: string; readonly validUntil?: number }
  | { readonly kind: 'quick-reply'; readonly phraseId: string; readonly text: string };

export type ContentKind = MessageContent['kind'];

/**
 * S2: a message's kind as the timeline shows it: its content's kind, or one of the
 * kinds made by a command of their own (system/auto, internal note, anonymous reply).
 */
export type MessageKind = ContentKind | 'system' | 'auto' | 'internal-note' | 'anonymous-reply';

/** What a customer may send; coupons and quick replies are the shop's. */
export const CUSTOMER_CONTENT: ReadonlySet<ContentKind> = new Set(['text', 'emoji', 'image', 'file', 'product-card', 'order-card']);

/** Who wrote a message (S2 sender kind). */
export type Sender = { readonly kind: 'customer'; readonly id: string } | { readonly kind: 'agent'; readonly id: string } | { readonly kind: 'system' };

/** S1: where the customer started the conversation. */
export type EntryPoint =
  | { readonly kind: 'product-page'; readonly card: ProductCard }
  | { readonly kind: 'order-page'; readonly card: OrderCard }
  | { readonly kind: 'message-centre' }
  | { readonly kind: 'channel' };

const describe = describeValue;

/**
 * A union of structs tagged by `kind`: the tag picks the member, whose errors are
 * the only ones reported. Members must encode as themselves (identity codecs).
 */
export const taggedUnion = <A extends { readonly kind: string }>(name: string, members: { readonly [K in A['kind']]: t.Type<Extract<A, { kind: K }>, unknown, unknown> }) => {
  const table = members as unknown as Readonly<Record<string, t.Type<A, unknown, unknown>>>;
  const kinds = Object.keys(table);
  const kindCodec = oneOf(`${name}Kind`, kinds as [string, ...string[]]);
  const memberOf = (u: unknown) => {
    const kind = typeof u === 'object' && u !== null ? (u as { kind?: unknown }).kind : undefined;
    return typeof kind === 'string' && Object.hasOwn(table, kind) ? table[kind] : undefined;
  };
  return new t.Type<A, A, unknown>(
    name,
    (u): u is A => memberOf(u)?.is(u) === true,
    (u, c) => {
      if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, mustBeObject(name, describe(u)));
      const member = memberOf(u);
      if (member === undefined) {
        const kind = (u as { kind?: unknown }).kind;
        return t.failure(kind, [...c, { key: 'kind', type: kindCodec, actual: kind }], `must be one of ${kinds.join(', ')}, got ${describe(kind)}`);
      }
      return member.validate(u, c);
    },
    t.identity,
  );
};

const url = nonEmptyString(2000);
const label = nonEmptyString(200);
const pixels = intInRange(1, 100_000);

export const productCardCodec = struct(
  'ProductCard',
  { kind: t.literal('product-card'), productId: identifier('product id'), title: label },
  { price: nonEmptyString(50), imageUrl: url, url },
);
export const orderCardCodec = struct('OrderCard', { kind: t.literal('order-card'), orderId: identifier('order id') }, { status: nonEmptyString(50), total: nonEmptyString(50) });

const contentMembers = {
  text: struct('Text', { kind: t.literal('text'), text: nonEmptyString(TEXT_MAX_CHARS) }),
  emoji: struct('Emoji', { kind: t.literal('emoji'), emoji: nonEmptyString(64) }),
  image: struct('Image', { kind: t.literal('image'), url, sizeBytes: intInRange(1, IMAGE_MAX_BYTES) }, { width: pixels, height: pixels }),
  file: struct('File', { kind: t.literal('file'), url, name: label, sizeBytes: intInRange(1, FILE_MAX_BYTES) }, { mimeType: nonEmptyString(200) }),
  'product-card': productCardCodec,
  'order-card': orderCardCodec,
  coupon: struct('Coupon', { kind: t.literal('coupon'), couponId: identifier('coupon id'), title: label }, { discount: nonEmptyString(50), validUntil: timestamp }),
  'quick-reply': struct('QuickReply', { kind: t.literal('quick-reply'), phraseId: identifier('phrase id'), text: nonEmptyString(TEXT_MAX_CHARS) }),
};

export const messageContentCodec = taggedUnion<MessageContent>('MessageContent', contentMembers);

/**
 * S16: what a stored message's content reads as once the shop's retention window
 * has passed and its key is destroyed (runtime/contentProtection). Events accept
 * it; commands never do (they decode with messageContentCodec).
 */
export type ExpiredContent = { readonly kind: 'expired' };
export const EXPIRED_CONTENT: ExpiredContent = Object.freeze({ kind: 'expired' });
/** A message's content as an event holds it: what was sent, or expired. */
export type StoredMessageContent = MessageContent | ExpiredContent;

export const storedMessageContentCodec = taggedUnion<StoredMessageContent>('StoredMessageContent', {
  ...contentMembers,
  expired: struct('ExpiredContent', { kind: t.literal('expired') }),
});

export const entryPointCodec = taggedUnion<EntryPoint>('EntryPoint', {
  'product-page': struct('ProductPage', { kind: t.literal('product-page'), card: productCardCodec }),
  'order-page': struct('OrderPage', { kind: t.literal('order-page'), card: orderCardCodec }),
  'message-centre': struct('MessageCentre', { kind: t.literal('message-centre') }),
  channel: struct('Channel', { kind: t.literal('channel') }),
});

export const senderCodec = taggedUnion<Sender>('Sender', {
  customer: struct('CustomerSender', { kind: t.literal('customer'), id: customerIdCodec }),
  agent: struct('AgentSender', { kind: t.literal('agent'), id: agentIdCodec }),
  system: struct('SystemSender', { kind: t.literal('system') }),
});

export const MESSAGE_KINDS = [
  'text',
  'emoji',
  'image',
  'file',
  'product-card',
  'order-card',
  'coupon',
  'quick-reply',
  'system',
  'auto',
  'internal-note',
  'anonymous-reply',
] as const satisfies readonly MessageKind[];
export const messageKindCodec = oneOf('MessageKind', MESSAGE_KINDS);

/** An agent's reply: what stops the waiting clock (S14) and counts as a reply (S9: system/auto never do). */
export const isReply = (kind: MessageKind, sender: Sender): boolean => sender.kind === 'agent' && kind !== 'internal-note';
