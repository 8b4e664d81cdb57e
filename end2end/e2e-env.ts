import path from "node:path";

/** Where the suite's server runs and keeps its throw-away data; shared by config and tests. */
export const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${port}`;
export const dataDir = path.join(__dirname, ".e2e-data");
export const serverBin = process.env.E2E_SERVER_BIN ?? path.join(__dirname, "..", "target", "release", "server");
export const siteRoot = process.env.E2E_SITE_ROOT ?? path.join(__dirname, "..", "target", "site");
export const catalogFile = path.join(__dirname, "..", "server", "catalog", "default.toml");
/** The real OpenID Connect provider the suite signs in through (oidc/provider.mjs). */
export const oidcPort = 3190;
export const oidcIssuer = `http://127.0.0.1:${oidcPort}`;
/** The mail catcher (maildev) the server sends e-mail to, and the port of its REST API. */
export const smtpPort = 3125;
export const mailWebPort = 3126;
export const mailApi = `http://127.0.0.1:${mailWebPort}/api`;

/** The environment the server (and the operator CLI in tests) runs with. */
export const serverEnv = {
  DATABASE_URL: `sqlite://${dataDir}/e2e.db`,
  LISTEN_ADDR: `127.0.0.1:${port}`,
  PUBLIC_BASE_URL: baseURL,
  LEPTOS_SITE_ROOT: siteRoot,
  CATALOG_FILE: catalogFile,
  IDENTITY_PROVIDERS_FILE: path.join(__dirname, "oidc", "providers.toml"),
  LOG_LEVEL: "warn",
  // E-mail goes to the suite's maildev, where tests read it back (tests/support/mail.ts).
  SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  // Text messages "leave" into a file the tests read, through the same command hook operators use.
  SMS_COMMAND: `printf '%s|%s\\n' "$SMS_TO" "$SMS_TEXT" >> "${dataDir}/sms.log"`,
};

/** Where the suite's server writes the text messages it sends. */
export const smsLog = path.join(dataDir, "sms.log");
