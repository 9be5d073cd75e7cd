/**
 * Patterns for text captures (.txt/.md), compiled once. Every pattern is anchored or bounded so it
 * runs in linear time on any line.
 */

export const TEXT_PATTERNS = {
  /** Markdown heading opener "# " (the closing #s are trimmed in code: a regex for them backtracks
   * polynomially on long whitespace runs). */
  mdHeading: /^(#{1,6})[ \t]+/,
  /** Markdown link or image: [text](url) / ![alt](url). */
  mdLink: /!?\[([^\]]*)\]\(([^)\s]*)(?:\s+"[^"]*")?\)/g,
  /** Markdown autolink <https://...>. */
  mdAutolink: /<(https?:\/\/[^>\s]+)>/g,
  /** Bold/italic markers. */
  mdEmphasis: /(\*\*|__|\*|_)(?=\S)([^*_]+?)(?<=\S)\1/g,
  /** Escaped markdown punctuation: \( \) \[ ... */
  mdEscape: /\\([\\`*_{}[\]()#+\-.!|>])/g,
  /** List bullet at line start. */
  bullet: /^\s*(?:[-*+•·]|\d{1,3}[.)])\s+/,
  /** "Original url:" (optionally followed by the URL on the same line). */
  originalUrl: /^(?:original\s+url|source\s+url|url|source|link)\s*:\s*(\S*)\s*$/i,
  /** A bare URL line. */
  urlLine: /^<?(https?:\/\/[^\s>]+)>?$/i,
  /** "By Jane Doe" / "By [Reuters](#)" bylines. */
  byline: /^(?:by|written by|words by)\s*:?\s+(.{2,80})$/i,
  /** Share, subscribe, comment, login prompts and other interface words, matched on a whole short line. */
  prompt:
    /^(?:share(?: it| this(?: article| story)?)?(?:\.{3}|…)?|subscribe(?: now)?|leave a (?:reply|comment)|(?:log ?in|sign ?in|sign ?up|register)(?: or (?:log ?in|sign ?in|sign ?up|register))?|to participate in the discussion|follow us(?: on .*)?|newsfeed|news ?feed|chats?|loader|loading(?:\.{3}|…)?|advertisement|advertising|sponsored(?: content)?|read more|see also|more on this|comments?|\d+ comments?|twitter post|facebook post|instagram post|tweet|print|email|copy link|listen(?: to this article)?|skip to (?:main )?content|menu|search|home|trending|most read|popular|top stories|click here.*|photo gallery|watch|video|\|+|[-–—•·|/\\]+|\d{1,4})$/i,
  /** An author's social-media promotion on a line of its own: "Follow Pam Key on Twitter @pamkeyNEN". */
  followAuthor:
    /^Follow\s+(?:@\w+|\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3})\s+on\s+(?:Twitter|X|Facebook|Instagram|Threads|Bluesky|TikTok|LinkedIn)\b[^.!?]{0,40}\.?$/u,
  /** Photo captions and credits. */
  credit:
    /^(?:©|\(c\)|copyright\b|photo\s*[:/]|photograph\s*[:/]|image\s*[:/]|picture\s*[:/]|credit\s*[:/]|file photo\b|pictured\b|\(photo\b|\[photo\b|getty images\b|ap photo\b|reuters\/)/i,
  /** A short "Name / Agency" photo credit such as "Bashar al-Assad / Kremlin.ru". */
  slashCredit: /^[\p{Lu}][^.!?]{0,60}\s\/\s[\p{L}.\s-]{2,40}$/u,
  /** Related-article teasers. */
  related:
    /^(?:related(?: articles?| stories| content| news| coverage)?|read (?:also|more)|also read|see also|more(?: stories)?|recommended|you may also like|trending now)\s*[:\-–—|]/i,
  /** Footer promotions and legal lines. */
  footer:
    /\b(?:stay (?:informed|tuned|updated)|follow (?:all the|us on)|download (?:our|the) app|sign up for (?:our|the)|subscribe to (?:our|the)|our newsletter|all rights reserved|terms of (?:use|service)|privacy policy|cookie policy|get the latest news)\b/i,
  /** A promotional footer naming its site at the end: "... headlines in and on Zee News." */
  footerSite:
    /\b(?:on|at|from|with|to)\s+((?:[\p{Lu}][\p{L}.&'-]*)(?:\s+[\p{Lu}][\p{L}.&'-]*){0,3})\s*[.!]?$/u,
  /** A line ending with " - Site Name" (caption or teaser suffix), e.g. "... - Sputnik International". */
  siteSuffix: /\s[-–—|]\s((?:[\p{Lu}][\p{L}.&'-]*)(?:\s+[\p{Lu}][\p{L}.&'-]*){0,3})$/u,
  /** Terminal sentence punctuation, allowing closing quotes/brackets. */
  terminal: /[.!?…]["'”’)\]]*$/,
  /** Characters of non-Latin scripts commonly seen in scraped chrome of English pages. */
  nonLatin: /[\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Han}\p{Script=Hebrew}\p{Script=Greek}]/gu,
  latinLetter: /\p{Script=Latin}/gu,
  /** Dateline "MOSCOW (Sputnik) —" at paragraph start; the outlet in parentheses. */
  dateline: /^([A-Z][A-Z .'-]{1,40})\s*\(([^)]{2,40})\)\s*[-–—:]/,
} as const;

/** Month names for dates written in text. */
export const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

/** A line that is only a date: "July 27, 2018", "27 July 2018", "2018-07-27", "Published: Jul. 27, 2018 10:31 GMT". */
export const DATE_LINE = {
  mdy: /^(?:(?:published|updated|posted|date|last updated)\s*:?\s*)?(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)[a-z]*,?\s+)?([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b[^a-z]*(?:[ap]\.?m\.?|gmt|utc|[a-z]{2,4}t)?\s*\.?$/i,
  dmy: /^(?:(?:published|updated|posted|date|last updated)\s*:?\s*)?(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)[a-z]*,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4})\b[^a-z]*(?:[ap]\.?m\.?|gmt|utc|[a-z]{2,4}t)?\s*\.?$/i,
  iso: /^(?:(?:published|updated|posted|date|last updated)\s*:?\s*)?(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/i,
  updated: /^(?:updated|last updated|modified)\b/i,
} as const;

/** URL path dates: /2018/07/27/ or /2018-07-27/ or /20180727/. */
export const URL_DATE = /\/(20\d{2}|19\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:\/|-|$)|\/(20\d{2})(\d{2})(\d{2})\//;
