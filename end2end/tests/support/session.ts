import type { Page } from "@playwright/test";
import { expect, visit } from "../fixtures";
import { totp } from "./totp";

export const PASSWORD = "violet-tractor-Quantum-7-harbour";

/** Activates the enterprise behind `activationPath` as its manager; returns the app's secret. */
export async function activate(page: Page, activationPath: string): Promise<string> {
  await visit(page, activationPath);
  const secret = (await page.getByTestId("totp-secret").textContent()) ?? "";
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repeat the password").fill(PASSWORD);
  await page.getByLabel("6-digit code shown by the app").fill(totp(secret));
  await page.getByRole("button", { name: "Activate the account" }).click();
  await expect(page.getByRole("heading", { name: "Your enterprise is active" })).toBeVisible();
  return secret;
}

/** Signs in with the app's next code (the activation spent the current one). */
export async function signIn(page: Page, nrn: string, secret: string, password: string = PASSWORD) {
  await visit(page, "/sign-in");
  await page.getByLabel("National register number").fill(nrn);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("6-digit code from your authenticator app").fill(totp(secret, Date.now() / 1000 + 30));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}
