/**
 * The name of a shop's routing stream, in a file of its own: modules that read the
 * desk as a reference (permissions/who.ts) need the name without importing the
 * desk's module, whose decide reads them back (no import cycle).
 */
export const routingStream = (shopId: string): string => `routing-${shopId}`;
