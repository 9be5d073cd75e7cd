/** `storyline serve` as a process: starts on a free loopback port, answers, refuses a short token. */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { REPO_ROOT } from "../helpers/shared.js";

const CLI = join(REPO_ROOT, "src/cli/main.ts");
const env = { ...process.env, NO_COLOR: "1", STORYLINE_DB: "", STORYLINE_TOKEN: "" };

test("serve --port 0 binds 127.0.0.1 and serves the API until SIGTERM", async () => {
  const db = join(mkdtempSync(join(tmpdir(), "sl-serve-")), "s.db");
  const child = spawn(process.execPath, ["--import", "tsx", CLI, "serve", "--db", db, "--port", "0"], {
    env,
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (d) => {
        out += d;
        const m = /serving (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.once("exit", (code) => reject(new Error(`serve exited early (${code}): ${out}`)));
    });
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const info = (await (await fetch(`${url}/api/info`)).json()) as { readOnly: boolean };
    assert.equal(info.readOnly, true);
    const doc = (await (await fetch(`${url}/api/openapi.json`)).json()) as { openapi: string };
    assert.equal(doc.openapi, "3.1.0");
  } finally {
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  }
});

test("serve refuses a guessable token", () => {
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", CLI, "serve", "--token", "short", "--port", "0"],
    {
      env,
      encoding: "utf8",
    },
  );
  assert.equal(r.status, 2);
  assert.match(r.stderr, /at least 16 characters/);
});
