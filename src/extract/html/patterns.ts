/**
 * Every tag set, class/id vocabulary, regular expression and tunable of the HTML extractor, in
 * one table compiled once (cf. mozilla/readability's REGEXPS and trafilatura's settings module).
 * Word lists are data: general web and news vocabulary, not tuned to any page.
 */

// ---------------------------------------------------------------------------------------------
// Tag classes

/** Elements whose content is never article text: skipped without descending. */
export const SKIP_TAGS: ReadonlySet<string> = new Set([
  "head",
  "script",
  "style",
  "noscript",
  "template",
  "svg",
  "math",
  "iframe",
  "object",
  "embed",
  "canvas",
  "video",
  "audio",
  "source",
  "track",
  "img",
  "picture",
  "button",
  "input",
  "select",
  "option",
  "optgroup",
  "datalist",
  "textarea",
  "map",
  "link",
  "meta",
  "title",
  "base",
  "dialog",
]);

/** Elements that start and end a text block (everything else is inline). */
export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "body",
  "center",
  "dd",
  "details",
  "dir",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hgroup",
  "hr",
  "html",
  "legend",
  "li",
  "main",
  "menu",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "tr",
  "ul",
]);

/** Page furniture by tag: navigation, side columns, site header/footer, captions. */
export const FURNITURE_TAGS: ReadonlySet<string> = new Set(["nav", "aside", "footer", "menu"]);
export const CAPTION_TAGS: ReadonlySet<string> = new Set(["figcaption", "caption"]);
export const HEADING_TAGS: ReadonlySet<string> = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);

/** ARIA roles that mark page furniture. */
export const FURNITURE_ROLES: ReadonlySet<string> = new Set([
  "navigation",
  "complementary",
  "contentinfo",
  "banner",
  "dialog",
  "alertdialog",
  "menu",
  "menubar",
  "toolbar",
  "search",
  "tablist",
]);

// ---------------------------------------------------------------------------------------------
// Class / id vocabulary. Class and id values are split into lower-case words at non-letters and
// camelCase boundaries ("shareButtons" -> share, buttons), and words are looked up in these sets:
// whole-word lookup avoids readability's substring accidents ("commentary", "shadow", "header"
// inside "subheader-text").

/** Words that mark a box as boilerplate: share bars, related links, consent, comments, ads... */
export const NEGATIVE_WORDS: ReadonlySet<string> = new Set([
  // sharing and social
  "share",
  "shares",
  "sharing",
  "sharebar",
  "sharetools",
  "social",
  "socials",
  "sociallinks",
  "addthis",
  "follow",
  // related / recommended / promotional
  "related",
  "recommended",
  "recommendations",
  "recommendation",
  "outbrain",
  "taboola",
  "promo",
  "promos",
  "promotion",
  "promoted",
  "sponsor",
  "sponsored",
  "trending",
  "popular",
  "mostread",
  "mostpopular",
  "mostviewed",
  "mostshared",
  "morestories",
  "morefrom",
  "morenews",
  "alsolike",
  "maylike",
  "dontmiss",
  "teaser",
  "teasers",
  "more",
  "readmore",
  "readnext",
  "upnext",
  "next",
  "prev",
  "previous",
  "pagination",
  "pager",
  // ads
  "ad",
  "ads",
  "adv",
  "advert",
  "adverts",
  "advertisement",
  "advertising",
  "adslot",
  "adunit",
  "adcontainer",
  "adwrapper",
  "dfp",
  "gpt",
  "banner",
  "billboard",
  "leaderboard",
  "skyscraper",
  // consent, newsletters, paywalls, overlays
  "cookie",
  "cookies",
  "consent",
  "gdpr",
  "privacy",
  "newsletter",
  "newsletters",
  "subscribe",
  "subscription",
  "signup",
  "optin",
  "modal",
  "popup",
  "overlay",
  "lightbox",
  "toast",
  // comments
  "comment",
  "comments",
  "disqus",
  "discussion",
  "respond",
  "reply",
  "replies",
  // page furniture
  "nav",
  "navbar",
  "navigation",
  "menu",
  "breadcrumb",
  "breadcrumbs",
  "sidebar",
  "rail",
  "footer",
  "masthead",
  "topbar",
  "toolbar",
  "tools",
  "widget",
  "widgets",
  "skip",
  "jump",
  "print",
  "rss",
  // article furniture that the body excludes
  "byline",
  "bylines",
  "dateline",
  "timestamp",
  "caption",
  "figcaption",
  "tags",
  "tag",
  "keywords",
  "topics",
  "categories",
  "bio",
  "rating",
  "ratings",
  "hidden",
  "hide",
  "sr",
  "visually",
  "offscreen",
]);

/** Negative words that name a comment section: boilerplate however much prose it holds. */
export const COMMENT_WORDS: ReadonlySet<string> = new Set([
  "comment",
  "comments",
  "disqus",
  "discussion",
  "respond",
  "reply",
  "replies",
]);

/** Words that name a caption or a photo credit: chrome wherever they appear. */
export const CAPTION_WORDS: ReadonlySet<string> = new Set([
  "caption",
  "captions",
  "figcaption",
  "credit",
  "credits",
]);

/** Words that name an embedded post (a tweet quoted in the article): content, not a share bar. */
export const EMBED_WORDS: ReadonlySet<string> = new Set(["embed", "embedded", "tweet"]);

/** Words that mark a box as article content (readability's "positive" list, as words). */
export const POSITIVE_WORDS: ReadonlySet<string> = new Set([
  "article",
  "articlebody",
  "body",
  "content",
  "entry",
  "hentry",
  "main",
  "page",
  "post",
  "story",
  "storybody",
  "text",
  "blog",
  "prose",
  "richtext",
  "copy",
]);

/**
 * Negative words that can also name a content wrapper when combined with a positive word
 * ("post-tags" is boilerplate but "main-content has-sidebar" is not): a box whose class/id also has
 * a positive word is not flagged for these words.
 */
export const WEAK_NEGATIVE_WORDS: ReadonlySet<string> = new Set([
  "sidebar",
  "rail",
  "more",
  "next",
  "prev",
  "previous",
  "hidden",
  "hide",
  "page",
  "tools",
  "widget",
  "widgets",
  "follow",
  "print",
  "jump",
  "skip",
  "popular",
  "modal",
  "overlay",
  "banner",
  "privacy",
  "discussion",
  "respond",
]);

// ---------------------------------------------------------------------------------------------
// Date meta tags.

/** Meta keys (name/property/itemprop, lower-cased) that carry the publication date, in order of trust. */
export const PUBLISHED_META: readonly string[] = [
  "article:published_time",
  "og:article:published_time",
  "article:published",
  "published_time",
  "og:published_time",
  "datepublished",
  "parsely-pub-date",
  "sailthru.date",
  "article.published",
  "article_date_original",
  "publication_date",
  "publish-date",
  "publishdate",
  "publish_date",
  "pubdate",
  "date_published",
  "dc.date.issued",
  "dcterms.issued",
  "dc.date.created",
  "dcterms.created",
  "dc.date",
  "dcterms.date",
  "citation_publication_date",
  "citation_date",
  "cxenseparse:recs:publishtime",
  "originalpublicationdate",
  "article:post_date",
  "date",
  "displaydate",
  "pdate",
];

export const MODIFIED_META: readonly string[] = [
  "article:modified_time",
  "og:updated_time",
  "article:modified",
  "modified_time",
  "datemodified",
  "dc.date.modified",
  "dcterms.modified",
  "last-modified",
  "lastmod",
  "article.updated",
];

// ---------------------------------------------------------------------------------------------
// Regular expressions, compiled once.

export const RE = {
  // --- segmentation and content
  spaceRun: /\s+/,
  preSpaces: /[ \t\u00a0]+/g,
  preNewlines: /\s*\n\s*/g,
  itempropBody: /articlebody|^text$/i,
  relCanonical: /(?:^|\s)canonical(?:\s|$)/i,
  nonWordRun: /[^\p{L}\p{N}]+/gu,
  // --- JSON-LD and metadata
  htmlTagInText: /<\/?(?:p|div|br|h\d|li)\b/i,
  lineBreaks: /\s*\n\s*/,
  whitespaceRun: /\s+/g,
  commentWrapper: /^<!--|-->$/g,
  cdataWrapper: /^\s*\/\/\s*<!\[CDATA\[|\/\/\s*\]\]>\s*$/g,
  controlChars: /[\u0000-\u001f]+/g,
  webPageType: /^WebPage$/i,
  organizationType: /^(?:NewsMediaOrganization|Organization)$/i,
  leadingThe: /^the\s+/,
  domainLike: /\.\w{2,4}$/,
  httpUrl: /^https?:/i,
  ipHost: /^[\d.]+$/,
  languageTag: /^([a-z]{2,3})(?:[-_]|$)/i,
  // --- dates
  eightDigits: /^\d{8}/,
  unixTime: /^\d{10}(?:\d{3})?$/,
  textMonthDayYear:
    /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b/i,
  textDayMonthYear:
    /\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+((?:19|20)\d{2})\b/i,
  textNumericDate: /\b((?:19|20)\d{2})[./](\d{1,2})[./](\d{1,2})\b/,
  /** Class/id context of a <time> that names the publication date. */
  publishHint: /publish|posted|created|dateline|article[-_]?date|entry[-_]?date|story[-_]?date/i,
  /** Class/id context of a <time> that names an update. */
  updateHint: /updat|modif|edited/i,
  /** A visible line stating an update ("Updated: March 3, 2021") is a modification date. */
  updatedLine: /\b(?:updated|modified|edited)\b/i,
  /** Splits class/id values into words: separators and camelCase boundaries. */
  wordSplit: /[^a-z0-9]+/,
  camelBoundary: /([a-z0-9])([A-Z])/g,
  /** CMS taxonomy classes on a post container, not a description of the box. */
  taxonomyClass: /^(?:(?:tag|category|format|status|type)-[\w-]+|post(?:id)?-\d+|has-[\w-]+)$/i,
  blank: /^[\s\u00a0]*$/,
  whitespace: /[\s\u00a0\u200b\u2028\u2029\ufeff]+/g,
  /** Inline style that hides an element. */
  hiddenStyle: /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i,
  /** Sentence-ending punctuation (Latin, CJK, Arabic, Devanagari). */
  sentenceEnd: /[.!?。！？؟।…"”»:)]\s*$/,
  /** Comma-like separators counted as a sign of prose. */
  commas: /[,，、،;]/g,
  /** Whole-block boilerplate phrases (short blocks only; see MAX_PHRASE_BLOCK_CHARS). */
  boilerplatePhrase:
    /^(?:advertisement|advertising|ad|sponsored(?: content)?|story continues below(?: advertisement)?|continue reading(?: below| the main story)?|read more|read more:.*|more:.*|related(?: \p{L}+){0,2}:.*|related (?:articles?|stories|content|coverage|posts?|reading|news)|see also:?.*|recommended(?: for you| stories| articles)?|you (?:may|might) also like.*|share(?: this)?(?: article| story| post| page)?(?: on .*)?|share (?:on|via) .*|tweet|email|print|comments?|\d+ comments?|leave a (?:comment|reply)|post a comment|sign up.*|subscribe.*|newsletter.*|click here.*|follow us.*|follow .* on (?:twitter|facebook|instagram).*|we use cookies.*|this (?:site|website) uses cookies.*|accept(?: all)?(?: cookies)?|skip to (?:main )?content|back to top|image:.*|photo:.*|(?:image|photo|picture) (?:credit|courtesy).*|getty images|ap photo.*|adverts?|advertisements?|this slideshow requires javascript\.?|reuters|file photo.*|copyright .*|© .*|all rights reserved.*|loading\.*|please enable javascript.*|watch:.*|listen:.*|video:.*|(?:last )?updated:?.*\d.*|published:?.*\d.*|posted:?.*\d.*|by [\p{Lu}][\p{L}.'-]+(?: [\p{Lu}][\p{L}.'-]+){0,3}(?:,? (?:and|&) [\p{Lu}][\p{L}.'-]+(?: [\p{Lu}][\p{L}.'-]+){0,3})?(?: ?[|,•·-] .*)?|\d+ min(?:ute)?s? read|tags?:.*|topics?:.*|filed under:?.*|categories:.*)$/iu,
  /** A short line with a year and a clock time: a date stamp in any language. */
  dateStamp:
    /^[^.!?]{0,60}\b(?:19|20)\d{2}\b[^.!?]{0,30}?\b\d{1,2}[:h]\d{2}\b[^.!?]{0,30}$|^[^.!?]{0,60}\b\d{1,2}[:h]\d{2}\b[^.!?]{0,30}?\b(?:19|20)\d{2}\b[^.!?]{0,30}$/i,
  /** "by X ... 2016.12.01": a byline that carries a date, in any script. */
  datedByline: /^(?:by|von|par|por|di|door|av|af)\s.{1,60}\b(?:19|20)\d{2}\b/i,
  /** Page numbers: "1 2 3 4 5 Next". */
  pagination:
    /^(?:«|‹|<|prev(?:ious)?)?\s*1\s+2\s+3(?:\s+\d+)*\s*(?:…|\.\.\.)?\s*(?:\d+)?\s*(?:»|›|>|next)?$/i,
  /** A label with no value ("Author:", "Publish date:"), at the start of a body. */
  emptyLabel: /^[\p{L}\s]{1,25}:$/u,
  /** Contact, subscription and follow prompts that end an article. */
  trailerPrompt:
    /\b(?:subscribe|newsletters?|sign up|click here|follow (?:us|him|her|them|@)|(?:may|can) be reached|contact (?:us|him|her|them)|e-?mail (?:us|him|her|them)|write to \S.{0,40} at|tell us what you think|send us your|have a (?:news )?tip|delivered (?:through|to) your|if you (?:enjoyed|liked|value) (?:this|our)|support (?:our|independent|quality) journalism|become a (?:member|subscriber|supporter))\b|[\w.+-]+@[\w-]+\.[\w.]+/i,
  /** A line that looks like a date/time stamp only. */
  dateOnly:
    /^(?:(?:updated|published|posted|last updated|modified)\s*:?\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:\d{1,2}[\s./-]+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[\s,./-]+\d{1,4}(?:,?\s+\d{4})?(?:\s*(?:at|,|\||-)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[a-z]{2,4})?)?\s*$|^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$/i,
  /** URL date patterns: /2018/07/27/, /2018-07-27/, /20180727/, /2018/07/. */
  urlDayPath: /\/((?:19|20)\d{2})[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?:[/_.-]|$)/,
  urlCompactDay: /[/_-]((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)/,
  urlMonthPath: /\/((?:19|20)\d{2})\/(0?[1-9]|1[0-2])\//,
  /** ISO-like timestamps in attribute values. */
  isoDate:
    /((?:19|20)\d{2})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?/,
  compactDate: /^((?:19|20)\d{2})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?/,
  yearMonthOnly: /^((?:19|20)\d{2})-(\d{2})$/,
  yearOnly: /^((?:19|20)\d{2})$/,
  /** Class of an element holding the author's name. */
  bylineClass: /\bbyline\b|\bauthor[-_ ]?name\b/i,
  lessThan: /</g,
  /** Separators after which a byline goes on with the outlet or a date ("Jane Doe | Outlet"). */
  bylineSeparator: /\s+[|•·]\s+|\s+[-–—]\s+(?=\p{Lu}{2,}|\d)/u,
  /** "Analysis by", "Story by", "Words by" before the name. */
  bylineLead: /^(?:[\p{L}]+\s+){1,2}by\s+/iu,
  twitterHandle: /\s*@\w+/g,
  bylineTrailingDate:
    /\s+(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b).*$/i,
  trailingPunct: /[\s,;:|]+$/,
  /** "By Jane Doe" prefix on a byline. */
  bylinePrefix: /^(?:by|von|par|por|di|door|av|af)\s+/i,
  titleSeparators: /\s+[|–—·•:»-]\s+/,
  jsonLdType: /application\/(?:ld\+)?json/i,
  articleType: /article|posting|report|story|news/i,
  urlLike: /^(?:https?:)?\/\//i,
} as const;

// ---------------------------------------------------------------------------------------------
// Tunables. Lengths are in characters of whitespace-normalised text. The values are round
// defaults (several from mozilla/readability); on the extraction benchmark each one was swept
// alone over roughly half to double its value and F1 stayed within 0.001 of 0.984, except
// MAX_KEPT_LINK_DENSITY (0.35: 0.977, 0.7: 0.986), kept at a conservative 0.5 so that link
// lists stay out of the body. So the figures do not hinge on any one value.

/** A block at least this long, with low link density, counts as prose for container scoring. */
export const MIN_PROSE_CHARS = 25;
/** Link characters / block characters above which a block is navigation, not prose. */
export const MAX_PROSE_LINK_DENSITY = 0.34;
/**
 * A block that starts with a link at least this long and goes on with plain text is a teaser
 * (headline link + summary), not prose. Unit: characters of link text.
 */
export const MIN_TEASER_LINK_CHARS = 25;
/** Link density above which a block inside the chosen container is dropped as a link list. */
export const MAX_KEPT_LINK_DENSITY = 0.5;
/**
 * A class-flagged box holding at least this share of the page's prose is a layout wrapper with a
 * misleading class ("theiaStickySidebar", "grid--with-right-rail"), not boilerplate; comment
 * sections excepted. Unit: share of prose characters.
 */
export const MAX_BOILER_PROSE_SHARE = 0.5;
/** Penalty per character of boilerplate text inside a candidate container (prose counts +1). */
export const BOILERPLATE_PENALTY = 0.6;
/** Penalty per character of short or link text (neither prose nor flagged boilerplate). */
export const NOISE_PENALTY = 0.25;
/** Bonus factor for prose inside an element whose class/id names article content. */
export const POSITIVE_CONTAINER_BONUS = 0.15;
/** Phrase patterns are only tested on blocks up to this length (long blocks are prose). */
export const MAX_PHRASE_BLOCK_CHARS = 120;
/** Trailing prompts (see RE.trailerPrompt) are only dropped up to this length. Unit: characters. */
export const MAX_TRAILER_CHARS = 300;
/** Below this many characters the primary result engages the fallback cascade. */
export const MIN_ARTICLE_CHARS = 250;
/** JSON-LD articleBody replaces the DOM result when the DOM result is shorter than this share of it. */
export const ARTICLE_BODY_OVERRIDE_RATIO = 0.5;
/** JSON-LD articleBody must be at least this long to be trusted as a fallback body. */
export const MIN_ARTICLE_BODY_CHARS = 400;
/**
 * Input longer than this is cut before parsing (a message says so). Unit: UTF-16 code units.
 * News pages, inline scripts included, stay well under it (the benchmark's largest is ~1 MB);
 * parsing 10 M characters takes about a second.
 */
export const MAX_HTML_CHARS = 10_000_000;
/** At most this many chrome lines are returned for inspection. */
export const MAX_CHROME_LINES = 300;
