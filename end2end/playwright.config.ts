import { defineConfig } from "@playwright/test";
import { baseURL, dataDir, mailApi, mailWebPort, oidcIssuer, oidcPort, serverBin, serverEnv, smtpPort } from "./e2e-env";

// The suite starts the real server itself, on a throw-away SQLite file, and drives Debian's
// Chromium (never a downloaded browser).
export default defineConfig({
  testDir: "./tests",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  // The longest flows sign several people in and out (each an Argon2 hash) on two cores shared by
  // two workers: about 30 s on a 2-core machine, so the limit leaves them room.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
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
  // The mail catcher and the identity provider first (the server discovers the provider as it
  // starts), then the server.
  webServer: [
    {
      // maildev listens on every interface unless told otherwise: both its ports stay on loopback.
      // Without --mail-directory its inbox lives in memory, so each run starts empty (it still
      // writes raw .eml copies to $TMPDIR/maildev). The package's own binary rather than npx,
      // whose npm may look for updates in the registry.
      command: `node_modules/.bin/maildev --ip 127.0.0.1 --smtp ${smtpPort} --web-ip 127.0.0.1 --web ${mailWebPort}`,
      url: `${mailApi}/healthz`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "ignore",
    },
    {
      command: `node oidc/provider.mjs ${oidcPort} ${baseURL}/sign-in/provider/test/callback`,
      url: `${oidcIssuer}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "ignore",
    },
    {
      command: `rm -rf "${dataDir}" && "${serverBin}" serve`,
      url: `${baseURL}/readyz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
      env: serverEnv,
    },
  ],
});
