/**
 * Input dispatch: turns what the user named on the command line into raw documents.
 * Local files and folders today; URLs, feeds, sitemaps and WARC archives plug in here.
 */
import type { Store } from "../store/types.js";
import { listInputFiles, type ReadItem, readPaths } from "./files.js";

export interface InputOptions {
  /** The store, for inputs that keep state (conditional GET validators, feed lists). */
  store?: Store;
  /** ISO timestamp recorded as provenance. */
  now?: string;
}

/** Counts the units of work for a progress bar (files; URLs count one each). */
export async function countInputs(inputs: string[]): Promise<number> {
  const { files } = await listInputFiles(inputs);
  return files.length;
}

/** Reads every input, yielding documents and per-input errors; never throws for one bad input. */
export async function* readInputs(inputs: string[], opts: InputOptions = {}): AsyncGenerator<ReadItem> {
  yield* readPaths(inputs, { now: opts.now });
}
