#!/usr/bin/env node
/**
 * The `storyline` command line: a thin layer over the library. Commands parse arguments and call
 * library functions; exit codes: 0 all good, 1 some inputs failed, 2 usage error.
 */
import { Command, CommanderError } from "commander";
import { StoreError } from "../store/types.js";
import { registerAnalysisCommands } from "./commands/analysis.js";
import { registerArticleCommands } from "./commands/articles.js";
import { registerCorpusCommands } from "./commands/corpus.js";
import { registerFeedCommands } from "./commands/feeds.js";
import { registerIngestCommands } from "./commands/ingest.js";
import { registerReportCommands } from "./commands/report.js";
import { registerServeCommand } from "./commands/serve.js";
import { registerWorkerCommands } from "./commands/worker.js";
import { EXIT_USAGE, UsageError } from "./errors.js";

export function buildProgram(): Command {
  const program = new Command();
  program
    .name("storyline")
    .description("Follow a news story across outlets and years")
    .version("0.1.0")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  registerIngestCommands(program);
  registerArticleCommands(program);
  registerCorpusCommands(program);
  registerAnalysisCommands(program);
  registerFeedCommands(program);
  registerServeCommand(program);
  registerReportCommands(program);
  registerWorkerCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version print and exit 0; anything else is a usage error.
      return e.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (e instanceof UsageError) {
      console.error(`storyline: ${e.message}`);
      return EXIT_USAGE;
    }
    if (e instanceof StoreError) {
      console.error(`storyline: ${e.message}`);
      return EXIT_USAGE;
    }
    console.error(`storyline: ${(e as Error).stack ?? e}`);
    return EXIT_USAGE;
  }
}

main(process.argv).then((code) => {
  process.exitCode = code;
});
