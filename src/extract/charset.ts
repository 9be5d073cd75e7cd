/**
 * Decoding of fetched or saved pages. Order (as browsers do, WHATWG "encoding sniffing"):
 *  1. byte order mark;
 *  2. charset in the HTTP Content-Type header;
 *  3. <meta charset> / <meta http-equiv="Content-Type"> / <?xml encoding?> in the first bytes;
 *  4. fallback: valid UTF-8 → utf-8; otherwise a Cyrillic-vs-Latin test on the high bytes picks
 *     windows-1251 or windows-1252 (the two legacy charsets that matter for the news we read).
 * A declared UTF-8 that is not valid UTF-8 is treated as undeclared (a common mislabel).
 */
import iconv from "iconv-lite";

/** How many leading bytes are searched for a <meta> charset declaration (HTML spec: 1024; we allow more). */
export const SNIFF_BYTES = 4096;
/**
 * Share of words that are purely Cyrillic (when the bytes are read as windows-1251), among words
 * with a high byte, above which the page is windows-1251. Latin text read as 1251 gives isolated
 * Cyrillic letters inside Latin words ("cafй"), so its share is near 0; Russian text is near 1.
 */
const CYRILLIC_WORD_SHARE = 0.5;

const LABEL_ALIASES: Readonly<Record<string, string>> = {
  // WHATWG: these labels decode as windows-1252.
  "iso-8859-1": "windows-1252",
  "iso8859-1": "windows-1252",
  latin1: "windows-1252",
  "us-ascii": "windows-1252",
  ascii: "windows-1252",
  "x-cp1251": "windows-1251",
  "cp-1251": "windows-1251",
  "x-cp1252": "windows-1252",
  utf8: "utf-8",
  "unicode-1-1-utf-8": "utf-8",
  unicode: "utf-16le",
  "x-sjis": "shift_jis",
  gb2312: "gbk",
};

/** Normalises a charset label; null when iconv-lite does not know it. */
export function normaliseCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  let l = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, "");
  l = LABEL_ALIASES[l] ?? l;
  return iconv.encodingExists(l) ? l : null;
}

function fromContentType(contentType: string | undefined): string | null {
  if (!contentType) return null;
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType);
  return m ? normaliseCharset(m[1]) : null;
}

function fromMeta(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, SNIFF_BYTES)).toString(
    "latin1",
  );
  const m =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ??
    /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head);
  return m ? normaliseCharset(m[1]) : null;
}

const utf8Strict = new TextDecoder("utf-8", { fatal: true });

/** True when the bytes are valid UTF-8. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    utf8Strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * True when the bytes are mostly UTF-8: valid multi-byte sequences outnumber invalid bytes by
 * MOSTLY_UTF8_RATIO (a UTF-8 page cut mid-character or with a few stray bytes stays UTF-8;
 * a legacy-charset page has almost no valid multi-byte sequences).
 */
const MOSTLY_UTF8_RATIO = 10;
function isMostlyUtf8(text: string): boolean {
  let bad = 0;
  let good = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) bad++;
    else if (c > 0x7f) good++;
  }
  return good >= bad * MOSTLY_UTF8_RATIO;
}

/** Guesses between windows-1251 and windows-1252 for bytes that are not UTF-8. */
export function guessLegacyCharset(bytes: Uint8Array): string {
  // Count words (runs of letters) that contain a high byte, and among them those made only of
  // high bytes in the windows-1251 letter range 0xC0-0xFF (plus ё/Ё 0xB8/0xA8).
  let words = 0;
  let cyrillicWords = 0;
  let inWord = false;
  let hasHigh = false;
  let allCyr = true;
  const end = Math.min(bytes.length, 1 << 20);
  for (let i = 0; i <= end; i++) {
    const b = i < end ? bytes[i] : 32;
    const isCyr = b >= 0xc0 || b === 0xb8 || b === 0xa8;
    const isAsciiLetter = (b >= 65 && b <= 90) || (b >= 97 && b <= 122);
    if (isCyr || isAsciiLetter) {
      if (!inWord) {
        inWord = true;
        hasHigh = false;
        allCyr = true;
      }
      if (isCyr) hasHigh = true;
      else allCyr = false;
    } else if (inWord) {
      inWord = false;
      if (hasHigh) {
        words++;
        if (allCyr) cyrillicWords++;
      }
    }
  }
  return words > 0 && cyrillicWords / words > CYRILLIC_WORD_SHARE ? "windows-1251" : "windows-1252";
}

/**
 * Decodes page bytes to text. `contentType` is the HTTP Content-Type header when the page was
 * fetched. Returns the text and the charset used.
 */
export function decodeBytes(bytes: Uint8Array, contentType?: string): { text: string; charset: string } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // 1. BOM (wins over everything, as in browsers).
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
    return { text: buf.toString("utf8", 3), charset: "utf-8" };
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe)
    return { text: iconv.decode(buf.subarray(2), "utf-16le"), charset: "utf-16le" };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff)
    return { text: iconv.decode(buf.subarray(2), "utf-16be"), charset: "utf-16be" };
  // 2-3. Declared charset.
  let charset = fromContentType(contentType) ?? fromMeta(bytes);
  // A page cannot declare UTF-16 in an ASCII-compatible <meta>; browsers read it as UTF-8.
  if (charset?.startsWith("utf-16") && !contentType) charset = "utf-8";
  if (charset === "utf-8" || !charset) {
    const text = buf.toString("utf8");
    if (isValidUtf8(bytes) || isMostlyUtf8(text)) return { text, charset: "utf-8" };
    // 4. Fallback for bytes that are not UTF-8 (declared so or not).
    charset = guessLegacyCharset(bytes);
  }
  return { text: iconv.decode(buf, charset), charset };
}
