// The real moderation API for the JS tests: builds `saring-server` (once; quick when it is up to
// date), starts it on 127.0.0.1 with a temporary SQLite file and tokens, reads its rows.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../", import.meta.url));

export const REPORTER = "reporter-token-outbox-0123456789";
export const MODERATOR = "moderator-token-outbox-0123456789";

let binary = process.env.SARING_SERVER;
function serverBinary() {
  if (!binary) {
    execFileSync("cargo", ["build", "--quiet", "-p", "saring-server"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
    binary = join(root, "target/debug/saring-server");
  }
  return binary;
}

/** A temporary directory with a tokens file and a database path; `remove()` when done. */
export function fixture() {
  const dir = mkdtempSync(join(tmpdir(), "saring-outbox-"));
  const tokens = join(dir, "tokens.txt");
  writeFileSync(tokens, `${REPORTER} reporter alice\n${MODERATOR} moderator mira\n`);
  return { dir, tokens, db: join(dir, "reports.sqlite3"), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Starts the server (`port` 0: any free port) and resolves once it listens:
 * `{ base, port, child, stop() }`. Its log (stderr) is kept in `log()` for failure messages.
 */
export function startServer(fix, { port = 0, extra = [] } = {}) {
  const child = spawn(
    serverBinary(),
    ["--addr", `127.0.0.1:${port}`, "--db", fix.db, "--tokens", fix.tokens, ...extra],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  child.stderr.setEncoding("utf8").on("data", (chunk) => {
    log += chunk;
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      const match = /listening on http:\/\/(\S+)/.exec(line);
      if (!match) return;
      const base = `http://${match[1]}`;
      resolve({
        base,
        port: Number(new URL(base).port),
        child,
        log: () => log,
        stop: async (signal = "SIGKILL") => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await exited;
        },
      });
    });
    child.once("exit", (code, signal) => reject(new Error(`saring-server exited (${code ?? signal}): ${log}`)));
  });
}

/**
 * The stored reports, `[{ id, key }]` by id: read from the database file with the sqlite3 CLI,
 * or, without it, from the moderator queue at `base` (up to its limit of 1,000).
 */
export async function rows(fix, base) {
  if (haveSqlite3()) {
    const out = execFileSync("sqlite3", ["-separator", " ", fix.db, "SELECT id, idempotency_key FROM reports ORDER BY id"], {
      encoding: "utf8",
    });
    return out
      .split("\n")
      .filter(Boolean)
      .map((line) => {
        const [id, key] = line.split(" ");
        return { id: Number(id), key };
      });
  }
  const response = await fetch(`${base}/v1/reports?status=all&limit=1000`, {
    headers: { Authorization: `Bearer ${MODERATOR}` },
  });
  if (response.status !== 200) throw new Error(`the queue answered ${response.status}`);
  const { reports } = await response.json();
  return reports.map((item) => ({ id: item.id, key: item.report.idempotency_key })).sort((a, b) => a.id - b.id);
}

let sqlite3 = null;
function haveSqlite3() {
  if (sqlite3 === null) {
    try {
      execFileSync("sqlite3", ["-version"], { stdio: "ignore" });
      sqlite3 = true;
    } catch {
      sqlite3 = false;
    }
  }
  return sqlite3;
}

/** A port that was free a moment ago (for a server started later). */
export async function freePort() {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
