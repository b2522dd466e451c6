/**
 * Text put into the page, made inert: HTML text and attributes escaped, JSON
 * inside a <script> with every `<`, `>` and `&` written as a \u escape (so a
 * name like `</script><script>...` stays a string), and an inlined script with
 * its `</script` and `<!--` broken up (equivalent in JavaScript strings, regular
 * expressions and comments, but no longer ending or confusing the element).
 */
const HTML: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML[c] as string);

export const jsonForScript = (value: unknown): string =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

export const scriptForInline = (source: string): string => source.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\x21--');
