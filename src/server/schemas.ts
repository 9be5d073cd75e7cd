/**
 * The API's shapes as zod schemas: request inputs are validated with them, and the OpenAPI document's
 * components are generated from them (one source of truth). Response schemas mirror the read models in
 * `src/service/types.ts` and the article model; they are loose objects because the read models may
 * gain fields (never lose or rename them).
 */
import { z } from "zod";

/** The schemas published under `#/components/schemas/<id>` in the OpenAPI document. */
export const components = z.registry<{ id: string }>();

function named<T extends z.ZodType>(id: string, schema: T): T {
  components.add(schema, { id });
  return schema;
}

// ---------------------------------------------------------------------------------------------
// Input limits.

/** Largest page a listing returns, in items. 200 keeps one response under ~1 MB for stories. */
export const MAX_PAGE_SIZE = 200;
/** Page size when `limit` is not given, in items. */
export const DEFAULT_PAGE_SIZE = 50;
/** Longest accepted free-text parameter (q, outlet, entity, speaker), in characters. */
export const MAX_TEXT_PARAM = 500;
/** Longest accepted id (article, story, entity key), in characters. Record ids are short; 512 is ample. */
export const MAX_ID = 512;
/** Most article ids one split request may carry. */
export const MAX_SPLIT_ARTICLES = 5_000;

const id = () => z.string().min(1).max(MAX_ID);
const entityType = z.enum(["person", "organization", "place", "facility", "other"]);
const text = () => z.string().trim().min(1).max(MAX_TEXT_PARAM);
/** YYYY-MM-DD, optionally followed by a time; compared as a string prefix with stored ISO dates. */
const isoDate = () =>
  z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "expected an ISO date: YYYY, YYYY-MM or YYYY-MM-DD")
    .describe("ISO date (YYYY-MM-DD; YYYY-MM and YYYY accepted)");

export const pageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE)
    .describe(`page size, 1 to ${MAX_PAGE_SIZE}`),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0).describe("items to skip"),
});

export const scopeQuery = z.object({
  story: id().optional().describe("only within this story"),
  storyline: id().optional().describe("only within this storyline"),
});

export const storiesQuery = pageQuery.extend({
  q: text().optional().describe("full-text query over the story's articles and its label"),
  from: isoDate().optional().describe("stories still running on or after this date"),
  to: isoDate().optional().describe("stories that started on or before this date"),
  outlet: text().optional().describe("stories carried by this outlet (exact name, case-insensitive)"),
  entity: text().optional().describe("stories mentioning this entity (key, name or alias)"),
});

export const articlesQuery = pageQuery.extend({
  outlet: text().optional().describe("outlet name or domain"),
  from: isoDate().optional().describe("published on or after"),
  to: isoDate().optional().describe("published on or before"),
});

export const articleQuery = z.object({
  version: z.coerce.number().int().min(1).optional().describe("an earlier version (1-based)"),
});

export const versionsQuery = pageQuery.extend({
  article: id().optional().describe("only the group this article belongs to"),
});

export const diffQuery = z.object({
  a: id().describe('article id of the origin side; "id@2" names a version'),
  b: id().describe('article id of the copy side; "id@2" names a version'),
});

export const quotesQuery = pageQuery.extend(scopeQuery.shape).extend({
  speaker: text().optional().describe("speaker name or entity key (substring, case-insensitive)"),
});

export const figuresQuery = pageQuery.extend(scopeQuery.shape);

export const entitiesQuery = pageQuery.extend(scopeQuery.shape).extend({
  q: text().optional().describe("name or alias substring, case-insensitive"),
  type: entityType.optional(),
});

export const timelineQuery = scopeQuery.extend({
  dates: z.coerce.number().int().min(1).max(1000).optional().describe("how many dates to keep"),
  perDate: z.coerce.number().int().min(1).max(50).optional().describe("entries per date"),
});

export const searchQuery = pageQuery.extend({
  q: text().describe('words (all must match), "quoted phrases", OR'),
});

export const idParam = z.object({ id: id() });
export const keyParam = z.object({ key: id() });

export const mergeBody = named(
  "MergeRequest",
  z.strictObject({ a: id().describe("one story"), b: id().describe("the other story") }),
);
export const splitBody = named(
  "SplitRequest",
  z.strictObject({
    articles: z.array(id()).min(1).max(MAX_SPLIT_ARTICLES).describe("articles moved to a new story"),
  }),
);
export const renameBody = named("RenameRequest", z.strictObject({ label: text() }));

// ---------------------------------------------------------------------------------------------
// Responses.

export const ErrorBody = named(
  "Error",
  z.object({
    error: z.object({
      code: z.string().describe("stable machine-readable code, e.g. NOT_FOUND, INVALID_INPUT"),
      message: z.string(),
    }),
  }),
);

const span = { start: z.number().int(), end: z.number().int() };
/** Where a merged item was seen: the articles carrying it and their outlets. */
const seenIn = { articles: z.array(z.string()), outlets: z.array(z.string()) };
/** The fields an article listing row shares with a story's article brief (between id and language). */
const articleRowFields = {
  title: z.string().nullable(),
  outlet: z.string().nullable(),
  domain: z.string().nullable(),
  url: z.string().nullable(),
  published: z.string().nullable(),
  dateSource: z.string(),
};

export const OutletSchema = z.looseObject({ name: z.string().nullable(), domain: z.string().nullable() });

export const ArticleSummarySchema = named(
  "ArticleSummary",
  z.looseObject({
    id: z.string(),
    version: z.number().int(),
    ...articleRowFields,
    language: z.string().nullable(),
    ingestedAt: z.string(),
  }),
);

const MentionSchema = z.looseObject({ ...span, text: z.string(), type: entityType, entity: z.string() });
const EntityFields = {
  key: z.string(),
  name: z.string(),
  type: entityType,
  aliases: z.array(z.string()),
};
const EntitySchema = z.looseObject(EntityFields);
const TimeSchema = z.looseObject({ ...span, text: z.string(), type: z.string(), value: z.string() });
const QuoteSpeakerSchema = z.looseObject({ ...span, text: z.string(), entity: z.string().nullable() });
const QuoteFields = {
  text: z.string(),
  direct: z.boolean(),
  cue: z.string().nullable(),
  speaker: QuoteSpeakerSchema.nullable(),
  via: z.array(z.string()).describe("intermediaries, outermost last"),
};
const QuoteSchema = z.looseObject({ ...span, ...QuoteFields });
const FigureFields = {
  text: z.string(),
  value: z.number(),
  valueMax: z.number().optional(),
  approx: z.string().nullable().optional(),
  unit: z.string().nullable(),
  counts: z.string().nullable(),
  source: z.string().nullable(),
};
const FigureSchema = z.looseObject({ ...span, ...FigureFields, sentence: z.looseObject(span) });

export const AnalysisSchema = named(
  "Analysis",
  z.looseObject({
    sentences: z.array(z.looseObject(span)),
    mentions: z.array(MentionSchema),
    entities: z.array(EntitySchema),
    times: z.array(TimeSchema),
    quotes: z.array(QuoteSchema),
    figures: z.array(FigureSchema),
  }),
);

export const ArticleSchema = named(
  "Article",
  z
    .looseObject({
      id: z.string(),
      title: z.string().nullable(),
      byline: z.string().nullable(),
      outlet: OutletSchema,
      url: z.string().nullable(),
      published: z.string().nullable(),
      dateSource: z.string(),
      datePrecision: z.string().nullable(),
      language: z.string().nullable(),
      paragraphs: z.array(z.string()),
      chrome: z.array(z.string()).describe("lines removed as page chrome"),
      provenance: z.looseObject({ kind: z.string(), location: z.string(), fetchedAt: z.string() }),
      contentHash: z.string(),
      messages: z.array(z.looseObject({ stage: z.string(), reason: z.string() })),
      analysis: AnalysisSchema.optional().describe(
        'offsets index into paragraphs.join("\\n\\n") (the article text)',
      ),
    })
    .describe("an article as stored (untrusted text: escape before display)"),
);

/** The short form of an article used in listings inside other views (a story's articles). */
export const ArticleBriefSchema = named(
  "ArticleBrief",
  z.looseObject({
    id: z.string(),
    ...articleRowFields,
    byline: z.string().nullable(),
    language: z.string().nullable(),
  }),
);

export const VersionInfoSchema = z.looseObject({
  version: z.number().int(),
  contentHash: z.string(),
  ingestedAt: z.string(),
});

export const VersionGroupSchema = named(
  "VersionGroup",
  z.looseObject({
    id: z.string(),
    origin: z.string(),
    members: z.array(
      z.looseObject({
        id: z.string(),
        outlet: z.string().nullable(),
        published: z.string().nullable(),
        share: z.number().describe("share of the origin's text this member carries (1 for the origin)"),
        title: z.string().nullable().optional(),
      }),
    ),
  }),
);

export const StorySchema = named(
  "Story",
  z.looseObject({
    id: z.string(),
    label: z.string(),
    articles: z.array(z.string()),
    outlets: z.array(z.string()),
    firstDate: z.string().nullable(),
    lastDate: z.string().nullable(),
    firstReporter: z
      .looseObject({ id: z.string(), outlet: z.string().nullable(), published: z.string().nullable() })
      .nullable(),
    storyline: z.string().nullable(),
  }),
);

export const StorylineSchema = named(
  "Storyline",
  z.looseObject({
    id: z.string(),
    label: z.string(),
    stories: z.array(z.string()),
    articles: z.array(z.string()),
    terms: z.array(z.string()).optional(),
  }),
);

export const QuoteViewSchema = named(
  "Quote",
  z.looseObject({
    ...QuoteFields,
    article: z.string().describe("first article carrying it; start/end index into its text"),
    ...span,
    ...seenIn,
  }),
);

export const FigureViewSchema = named(
  "Figure",
  z.looseObject({
    ...FigureFields,
    article: z.string(),
    ...span,
    ...seenIn,
    sentenceText: z.string(),
    conflict: z
      .string()
      .nullable()
      .describe(
        "when other figures counting the same thing disagree in value: the shared key (counts|unit), else null",
      ),
  }),
);

export const EntityViewSchema = named(
  "Entity",
  z.looseObject({
    ...EntityFields,
    mentions: z.number().int(),
    articles: z.array(z.string()),
  }),
);

export const TimelineDateSchema = named(
  "TimelineDate",
  z.looseObject({
    date: z.string(),
    entries: z.array(
      z.looseObject({
        text: z.string(),
        ...seenIn,
        sources: z.number().optional(),
      }),
    ),
  }),
);

export const DiffSchema = named(
  "Diff",
  z.looseObject({
    a: z.string(),
    b: z.string(),
    share: z.number(),
    paragraphs: z.array(
      z.looseObject({
        kind: z.enum(["same", "changed", "added", "removed"]),
        a: z.string().nullable(),
        b: z.string().nullable(),
        words: z
          .array(
            z.looseObject({
              value: z.string(),
              added: z.boolean().optional(),
              removed: z.boolean().optional(),
            }),
          )
          .optional(),
      }),
    ),
  }),
);

export const SearchHitSchema = named(
  "SearchHit",
  z.looseObject({
    id: z.string(),
    title: z.string().nullable(),
    outlet: z.string().nullable(),
    published: z.string().nullable(),
    snippet: z.string().describe("excerpt with matched terms between « and »"),
    score: z.number(),
  }),
);

/** A page of a listing. `total` is null where counting would cost a full scan (search). */
function page<T extends z.ZodType>(name: string, item: T) {
  return named(
    name,
    z.object({
      items: z.array(item),
      total: z.number().int().nullable().describe("matching items in all pages, or null when not counted"),
      limit: z.number().int(),
      offset: z.number().int(),
    }),
  );
}

export const StoryPage = page("StoryPage", StorySchema);
export const StorylinePage = page("StorylinePage", StorylineSchema);
export const ArticlePage = page("ArticlePage", ArticleSummarySchema);
export const VersionGroupPage = page("VersionGroupPage", VersionGroupSchema);
export const QuotePage = page("QuotePage", QuoteViewSchema);
export const FigurePage = page("FigurePage", FigureViewSchema);
export const EntityPage = page("EntityPage", EntityViewSchema);
export const TimelinePage = page("TimelinePage", TimelineDateSchema);
export const SearchPage = page("SearchPage", SearchHitSchema);

export const StoryDetail = named(
  "StoryDetail",
  z.object({
    story: StorySchema,
    articles: z.array(ArticleBriefSchema).describe("the story's articles, earliest first, undated last"),
    versionGroups: z.array(VersionGroupSchema).describe("wire copies among the story's articles"),
    storyline: StorylineSchema.nullable(),
  }),
);

export const StorylineDetail = named(
  "StorylineDetail",
  z.object({ storyline: StorylineSchema, stories: z.array(StorySchema) }),
);

export const ArticleDetail = named(
  "ArticleDetail",
  z.object({
    article: ArticleSchema,
    version: z.number().int().describe("the version shown"),
    versions: z.array(VersionInfoSchema),
    versionGroup: VersionGroupSchema.nullable().describe("the wire story this article is a copy of, if any"),
    stories: z
      .array(z.object({ id: z.string(), label: z.string() }))
      .describe("the stories this article belongs to"),
  }),
);

export const EntityDetail = named(
  "EntityDetail",
  z.object({
    entity: EntityViewSchema,
    stories: z.array(StorySchema),
    quotes: z.array(QuoteViewSchema).describe("quotes this entity said or is named in"),
  }),
);

export const InfoSchema = named(
  "Info",
  z.object({
    name: z.literal("storyline"),
    version: z.string(),
    readOnly: z.boolean().describe("true unless the server was started with --token"),
    counts: z.object({ articles: z.number().int(), stories: z.number().int(), storylines: z.number().int() }),
  }),
);

export const EditResult = named(
  "EditResult",
  z.object({
    ok: z.literal(true),
    edit: z
      .looseObject({ op: z.enum(["merge", "split", "rename"]), id: z.string().optional() })
      .describe("the edit as resolved and persisted; for merge and split, id is the resulting story"),
    stories: z.array(StorySchema).describe("the stories the edit touched, as they are now"),
  }),
);
