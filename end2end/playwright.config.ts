import { defineConfig } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// The tests drive Debian's Chromium; Playwright never downloads a browser of its own.
// Flags keep Chromium from dialling update and sync hosts this network refuses.
const chromiumFlags = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const port = process.env.E2E_PORT ?? "3100";
const baseURL = `http://127.0.0.1:${port}`;
const targetDir = process.env.CARGO_TARGET_DIR ?? join(__dirname, "..", "target");
// Every run starts on an empty SQLite database. The config is evaluated again in each
// worker process; the environment variable makes them all agree on one folder.
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), "licensure-e2e-"));
const dataDir = process.env.E2E_DATA_DIR;

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  use: {
    baseURL,
    browserName: "chromium",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: chromiumFlags,
    },
    trace: "retain-on-failure",
  },
  webServer: {
    command: `${join(targetDir, "release", "licensure")} serve`,
    url: `${baseURL}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      LICENSURE_ADDR: `127.0.0.1:${port}`,
      LICENSURE_DATA_DIR: dataDir,
      LICENSURE_SITE_ROOT: join(__dirname, "..", "target", "site"),
      LICENSURE_LOG: "warn",
    },
  },
});
