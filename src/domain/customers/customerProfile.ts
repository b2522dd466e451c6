/**
 * C1: what a customer's profile holds, as the customer centre shows it (003 §4.1:
 * 客户信息, 来源渠道, 来源方式, 会员身份, 标签; the profile panel's 昵称, 备注名, 店铺等级,
 * 会员标签) plus the VIP flag routing already knows. Last agent and last session
 * time are not here: they are facts of the conversations, folded by the directory
 * (projections/customerDirectory.ts).
 *
 * Name, phone, nickname and remark name are personal data (README, "Personal
 * data"): they are written only in the customer's own stream.
 *
 * - phone: a mainland mobile number, 11 digits `1[3-9]\d{9}`, or an international
 *   one, `+` and 6 to 15 digits (E.164 has at most 15). No spaces or dashes: one
 *   spelling per number, so a search by digits finds it.
 * - channel (来源渠道) and source (来源方式) are identifiers the shop chooses: the
 *   conversation's channel ids (`web-mall`, `wechat-official`, `mini-program`) and
 *   how the customer came (`follow-official-account` 关注公众号, `membership-card`
 *   领取会员卡, `other` 其他).
 * - membership (会员身份 / 店铺等级): the shop's level id, e.g. `default`, `vip`,
 *   `premium`; absent for none (店铺等级: 无).
 * - tags (会员标签): at most 20 per customer, each 1-32 characters without
 *   surrounding spaces, no duplicates.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describedAs, identifier, nonEmptyString, orNull } from '../validation.js';
import { channelCodec } from '../desk/deskCodecs.js';

export const MAX_TAGS = 20;
export const TAG_MAX_CHARS = 32;
export const NAME_MAX_CHARS = 100;

const describe = (value: unknown): string => {
  try {
    const text = JSON.stringify(value) ?? typeof value;
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return typeof value;
  }
};

/** A string codec with one more rule, reported with its own reason. */
const matching = (name: string, base: t.Type<string, string, unknown>, ok: (s: string) => boolean, reason: (s: string) => string) =>
  new t.Type<string, string, unknown>(
    name,
    (u): u is string => base.is(u) && ok(u),
    (u, c) => {
      const decoded = base.validate(u, c);
      if (E.isLeft(decoded)) return decoded;
      return ok(decoded.right) ? decoded : t.failure(u, c, reason(decoded.right));
    },
    t.identity,
  );

const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;
const INTERNATIONAL = /^\+\d{6,15}$/;

export const phoneCodec = describedAs(matching(
  'Phone',
  t.string,
  (s) => MAINLAND_MOBILE.test(s) || INTERNATIONAL.test(s),
  (s) => `must be a mainland mobile number (11 digits, 1[3-9]...) or + and 6 to 15 digits, no spaces, got ${describe(s)}`,
), 'a phone number (a string)');

export const personNameCodec = nonEmptyString(NAME_MAX_CHARS);

export const tagCodec = matching(
  'Tag',
  nonEmptyString(TAG_MAX_CHARS),
  (s) => s.trim() === s,
  () => 'must not start or end with spaces',
);

export const tagsCodec = describedAs(new t.Type<readonly string[], readonly string[], unknown>(
  'Tags',
  (u): u is readonly string[] => Array.isArray(u) && u.length <= MAX_TAGS && u.every((x) => tagCodec.is(x)) && new Set(u).size === u.length,
  (u, c) => {
    const decoded = t.readonlyArray(tagCodec).validate(u, c);
    if (E.isLeft(decoded)) return decoded;
    const tags = decoded.right;
    if (tags.length > MAX_TAGS) return t.failure(u, c, `must hold at most ${MAX_TAGS} tags, got ${tags.length}`);
    const duplicate = tags.find((tag, i) => tags.indexOf(tag) !== i);
    return duplicate === undefined ? t.success(tags) : t.failure(u, c, `must not repeat a tag, got ${describe(duplicate)} twice`);
  },
  t.identity,
), `a list of at most ${MAX_TAGS} tags`);

export const sourceCodec = identifier('source');
export const membershipCodec = identifier('membership level');
export { channelCodec };

/** The fields of a profile; every one may be absent (not known yet). */
export interface ProfileFields {
  readonly name?: string;
  readonly phone?: string;
  readonly nickname?: string;
  /** 备注名: the name the shop's staff give the customer. */
  readonly remarkName?: string;
  readonly channel?: string;
  readonly source?: string;
  readonly membership?: string;
  readonly vip?: boolean;
}

/** The scalar fields a patch may set or clear (tags have their own commands and a whole-list replace). */
export const PROFILE_FIELDS = ['name', 'phone', 'nickname', 'remarkName', 'channel', 'source', 'membership', 'vip'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** Personal data among them (README, "Personal data"). */
export const PERSONAL_FIELDS: readonly ProfileField[] = ['name', 'phone', 'nickname', 'remarkName'];


/** Digits only, for matching phone numbers however they are typed in a search. */
export const digitsOf = (s: string): string => s.replace(/\D+/g, '');

/** The optional fields of a registration: every profile field and the tags. */
export const profileProps = {
  name: personNameCodec,
  phone: phoneCodec,
  nickname: personNameCodec,
  remarkName: personNameCodec,
  channel: channelCodec,
  source: sourceCodec,
  membership: membershipCodec,
  vip: t.boolean,
};

/** The optional fields of a patch: each may also be null (cleared); tags are replaced whole. */
export const profilePatchProps = {
  name: orNull(personNameCodec),
  phone: orNull(phoneCodec),
  nickname: orNull(personNameCodec),
  remarkName: orNull(personNameCodec),
  channel: orNull(channelCodec),
  source: orNull(sourceCodec),
  membership: orNull(membershipCodec),
  vip: orNull(t.boolean),
  tags: tagsCodec,
};
