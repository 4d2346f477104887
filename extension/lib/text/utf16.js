// JavaScript strings, DOM offsets and setSelectionRange count UTF-16 code units; the API
// counts code points too but also sends `offset_utf16`/`length_utf16`, which we use directly.

/** Replaces lone surrogates (a half-typed emoji) with U+FFFD; the length is unchanged. */
export function wellFormed(text) {
  if (typeof text.toWellFormed === 'function') return text.toWellFormed();
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** UTF-16 index of code point index `cp` in `text` (for servers that send code points only). */
export function codePointToUtf16(text, cp) {
  let units = 0;
  for (const ch of text) {
    if (cp-- <= 0) break;
    units += ch.length;
  }
  return units;
}

/** The finding's [start, end) in UTF-16 units, preferring the server's own UTF-16 pair. */
export function utf16Span(text, item) {
  if (Number.isInteger(item.offset_utf16) && Number.isInteger(item.length_utf16)) {
    return { start: item.offset_utf16, end: item.offset_utf16 + item.length_utf16 };
  }
  const start = codePointToUtf16(text, item.offset);
  return { start, end: codePointToUtf16(text, item.offset + item.length) };
}
