/** S15: the shop's one moderation stream (its sensitive words, their rule and the anti-spam throttle). */
export const moderationStream = (shopId: string): string => `moderation-${shopId}`;
