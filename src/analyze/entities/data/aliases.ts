/**
 * Word lists and patterns for entity resolution (see ../index.ts). General English, not tied to
 * any corpus.
 */

/**
 * Lowercase particles of Arabic and other names ("Bashar al-Assad", "Abdel Fattah el-Sisi"): left
 * out when comparing names, so "al-Assad", "al Assad" and "Assad" match.
 */
export const NAME_PARTICLES: ReadonlySet<string> = new Set([
  "al",
  "el",
  "ad",
  "ar",
  "as",
  "ash",
  "at",
  "az",
  "an",
  "ibn",
  "bin",
  "ben",
]);

/** Words an acronym may skip ("Syrian Network for Human Rights" -> SNHR). */
export const ACRONYM_SKIP: ReadonlySet<string> = new Set([
  "of",
  "for",
  "the",
  "and",
  "&",
  "on",
  "in",
  "to",
  "de",
  "du",
  "des",
  "la",
  "le",
  "at",
  "a",
  "an",
  "by",
]);

/**
 * Trailing words that name an organisation's form rather than the organisation: "Sputnik
 * International" is also called "Sputnik", "Interfax news agency" "Interfax".
 */
export const ORG_DESIGNATORS: ReadonlySet<string> = new Set([
  "international",
  "inc",
  "corp",
  "corporation",
  "ltd",
  "llc",
  "plc",
  "co",
  "company",
  "group",
  "holdings",
  "agency",
  "news",
  "news agency",
]);

/**
 * Nouns that refer back to an organisation ("The group, known officially as Syria Civil Defence").
 * Used by the anaphoric alias pattern.
 */
export const GROUP_NOUNS: readonly string[] = [
  "group",
  "organization",
  "organisation",
  "movement",
  "militia",
  "agency",
  "network",
  "party",
  "company",
  "firm",
  "alliance",
  "coalition",
  "body",
  "charity",
  "outfit",
  "faction",
  "force",
  "service",
  "ministry",
  "department",
  "unit",
];

/**
 * Phrases that introduce another name of the thing just mentioned ("X, also known as Y"). Each is a
 * regular expression source matched, case-insensitively, right after a mention (after an optional
 * comma or opening parenthesis); the alias is the capitalised name that follows.
 */
export const ALIAS_INTRODUCERS: readonly string[] = [
  String.raw`(?:also|officially|formally|formerly|commonly|widely|better|otherwise|locally|previously)?\s*known\s+(?:officially\s+|formally\s+|locally\s+|internationally\s+|in\s+Arabic\s+|by\s+(?:its|the)\s+(?:Arabic\s+)?(?:acronym|name)\s+)?as`,
  String.raw`(?:also|sometimes|commonly|often)\s+(?:called|referred\s+to\s+as|spelled|spelt|written)`,
  String.raw`which\s+(?:calls|called)\s+itself`,
  String.raw`who\s+(?:calls|called)\s+(?:himself|herself)`,
  String.raw`(?:a\.k\.a\.|aka)`,
  String.raw`(?:since\s+|later\s+|now\s+)?renamed`,
  String.raw`(?:the|its)\s+(?:Arabic\s+)?acronym\s+(?:for|of)`,
];
