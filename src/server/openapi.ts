/**
 * Builds the OpenAPI 3.1 document from the route table and the zod schemas (JSON Schema 2020-12, the
 * dialect OpenAPI 3.1 uses).
 */
import { z } from "zod";
import type { RouteDef } from "./routes.js";
import { components, ErrorBody } from "./schemas.js";

type Json = Record<string, unknown>;

const REF = (id: string) => `#/components/schemas/${id}`;

/** Drops the per-schema `$schema`/`$id` keys zod adds: inside an OpenAPI document they only confuse tools. */
function clean(schema: Json): Json {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

function refOrInline(schema: z.ZodType): Json {
  const meta = components.get(schema);
  if (meta) return { $ref: REF(meta.id) };
  return clean(z.toJSONSchema(schema, { metadata: components, unrepresentable: "any" }) as Json);
}

function parameters(where: "query" | "path", schema: z.ZodObject | undefined): Json[] {
  if (!schema) return [];
  const out: Json[] = [];
  for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const js = clean(z.toJSONSchema(field, { io: "input", unrepresentable: "any" }) as Json);
    const { description, ...rest } = js;
    out.push({
      name,
      in: where,
      required: where === "path" || !field.safeParse(undefined).success,
      ...(description ? { description } : {}),
      schema: rest,
    });
  }
  return out;
}

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: REF("Error") } } },
});

export interface OpenApiOptions {
  /** Whether edits are enabled (documented in the description only; the routes are always listed). */
  readOnly: boolean;
}

export function buildOpenApi(routes: RouteDef[], opts: OpenApiOptions): Json {
  const paths: Record<string, Json> = {};
  for (const r of routes) {
    const op: Json = {
      operationId: r.operationId,
      summary: r.summary,
      tags: [r.tag],
      parameters: [...parameters("path", r.params), ...parameters("query", r.query)],
      responses: {
        "200": { description: "OK", content: { "application/json": { schema: refOrInline(r.response) } } },
        "400": errorResponse("invalid input"),
        ...(r.params ? { "404": errorResponse("not found") } : {}),
        ...(r.edit
          ? {
              "401": errorResponse("missing or wrong bearer token"),
              "403": errorResponse("the server is read-only (started without --token)"),
              "413": errorResponse("request body too large"),
              "415": errorResponse("body is not application/json"),
            }
          : {}),
      },
    };
    if (r.body) {
      op.requestBody = { required: true, content: { "application/json": { schema: refOrInline(r.body) } } };
      op.security = [{ bearer: [] }];
    }
    paths[r.path] ??= {};
    paths[r.path][r.method] = op;
  }
  // Make sure the error schema is registered even if no route names it directly.
  void ErrorBody;
  const schemas = (
    z.toJSONSchema(components, { uri: REF, unrepresentable: "any" }) as { schemas: Record<string, Json> }
  ).schemas;
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Storyline API",
      version: "0.1.0",
      description:
        "Read-only JSON API over a Storyline store: stories, storylines, articles, wire copies and diffs, " +
        "quotes, figures, entities, timelines and search. Listings take `limit` and `offset` and return " +
        "`{ items, total, limit, offset }`. Errors are `{ error: { code, message } }`. Story edits (merge, " +
        "split, rename) need the server to be started with `--token` and the request to carry " +
        "`Authorization: Bearer <token>`." +
        (opts.readOnly ? " This server was started without a token: it is read-only." : ""),
    },
    tags: [
      { name: "stories", description: "stories and storylines" },
      { name: "articles", description: "articles, wire copies, diffs and search" },
      { name: "analysis", description: "quotes, figures, entities and timelines" },
      { name: "edits", description: "hand edits to the story clustering" },
      { name: "meta", description: "server facts" },
    ],
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(schemas).map(([k, v]) => [k, clean(v)])),
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    },
  };
}
