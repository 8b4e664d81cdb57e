import { defineConfig } from "@playwright/test";
import path from "node:path";

// The suite starts the real server itself, on a throw-away SQLite file, and drives Debian's
// Chromium (never a downloaded browser).
const port = Number(process.env.E2E_PORT ?? 3100);
const dataDir = path.join(__dirname, ".e2e-data");
const serverBin = process.env.E2E_SERVER_BIN ?? path.join(__dirname, "..", "target", "release", "server");
const siteRoot = process.env.E2E_SITE_ROOT ?? path.join(__dirname, "..", "target", "site");

export default defineConfig({
  testDir: "./tests",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "desktop", use: { viewport: { width: 1280, height: 800 } } },
    { name: "tablet", use: { viewport: { width: 768, height: 1024 }, hasTouch: true } },
    { name: "phone", use: { viewport: { width: 390, height: 844 }, hasTouch: true } },
  ],
  webServer: {
    command: `rm -rf "${dataDir}" && "${serverBin}" serve`,
    url: `http://127.0.0.1:${port}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      DATABASE_URL: `sqlite://${dataDir}/e2e.db`,
      LISTEN_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: siteRoot,
      LOG_LEVEL: "warn",
      CATALOG_FILE: path.join(__dirname, "..", "server", "catalog", "default.toml"),
    },
  },
});
