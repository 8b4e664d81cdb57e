import { test, expect, visit, expectAccessible, openNavigation, waitForHydration } from "./fixtures";
import { registerEnterprise, registerForeignEnterprise } from "./support/operator";
import { existsSync, readFileSync } from "node:fs";
import { totp } from "./support/totp";
import { baseURL, smsLog } from "../e2e-env";
import { PASSWORD, activate } from "./support/session";


test("the main access manager activates the enterprise with a password and an app code", async ({ page }) => {
  const { activationPath } = registerEnterprise("Acme Activation NV");
  await visit(page, activationPath);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Activate your enterprise account");
  await expect(page.getByText("Acme Activation NV")).toBeVisible();
  await expect(page.getByRole("img", { name: "QR code to add the account to an authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent()) ?? "";

  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repeat the password").fill(PASSWORD);
  // A wrong code is refused with a clear message and nothing changes.
  const right = totp(secret);
  await page.getByLabel("6-digit code shown by the app").fill(right === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Activate the account" }).click();
  await expect(page.getByRole("alert")).toHaveText("The code does not match. Enter the code your app shows now.");

  await page.getByLabel("6-digit code shown by the app").fill(totp(secret));
  await page.getByRole("button", { name: "Activate the account" }).click();
  await expect(page.getByRole("heading", { name: "Your enterprise is active" })).toBeVisible();

  // The link is spent.
  await visit(page, activationPath);
  await expect(page.getByRole("alert")).toHaveText("This link has been used already. Sign in instead.");
});

test("a weak password is refused in the visitor's language", async ({ page }) => {
  const { activationPath } = registerEnterprise("Zwak Wachtwoord BV");
  await page.context().addCookies([{ name: "lang", value: "nl", url: baseURL }]);
  await visit(page, activationPath);
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  const secret = (await page.getByTestId("totp-secret").textContent()) ?? "";
  await page.getByLabel("Wachtwoord", { exact: true }).fill("password1234");
  await page.getByLabel("Herhaal het wachtwoord").fill("password1234");
  await page.getByLabel("Code van 6 cijfers uit de app").fill(totp(secret));
  await page.getByRole("button", { name: "Account activeren" }).click();
  await expect(page.getByRole("alert")).toContainText("Dit wachtwoord is te makkelijk te raden");
});

test("an unknown activation link says so", async ({ page }) => {
  await visit(page, `/activate/${"0".repeat(64)}`);
  await expect(page.getByRole("alert")).toHaveText(
    "This link is not valid, or a newer one replaced it. Check that you copied it completely.",
  );
});

test("after activation the main access manager signs in with NRN, password and a fresh code, then signs out", async ({ page }) => {
  const { activationPath, nrn: anna } = registerEnterprise("Acme Sign-in NV");
  const secret = await activate(page, activationPath);
  await page.getByRole("link", { name: "Go to sign-in" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");

  const nrn = page.getByLabel("National register number");
  await nrn.fill(anna);
  await page.getByLabel("Password", { exact: true }).fill("not-the-password-at-all");
  await page.getByLabel("6-digit code from your authenticator app").fill(totp(secret, Date.now() / 1000 + 30));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert")).toHaveText(
    "The national register number, password or code is not right. Check them and try again.",
  );

  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  // The code the activation used is spent: the app's next code signs in.
  await page.getByLabel("6-digit code from your authenticator app").fill(totp(secret, Date.now() / 1000 + 30));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // The dashboard: whom, for which enterprise, in which state and role.
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Anna Peeters");
  const header = page.locator(".site-header");
  await expect(header.locator(".enterprise-name")).toHaveText("Acme Sign-in NV");
  await expect(header.locator(".status-badge")).toHaveText("Active");
  await expect(page.getByText("Your role here: Main access manager")).toBeVisible();
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === "session");
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
  await expectAccessible(page);

  // The session survives a reload: the server renders the signed-in header itself.
  await page.reload();
  await waitForHydration(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Anna Peeters");

  await openNavigation(page);
  await expect(header.locator(".person-name")).toHaveText("Anna Peeters");
  await header.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in\?signed-out$/);
  await expect(page.getByRole("status")).toHaveText("You are signed out.");
  expect((await page.context().cookies()).find((c) => c.name === "session")).toBeUndefined();
  await visit(page, "/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Decide who in your enterprise may use which online services",
  );
});

test("a foreign main access manager activates with the temporary password received by SMS", async ({ page }) => {
  const { username, phone, activationPath } = registerForeignEnterprise("Foreign Activation Ltd");
  // The server sends the SMS through its SMS_COMMAND, which the suite points at a file.
  let sms = "";
  await expect
    .poll(() => {
      const lines = existsSync(smsLog) ? readFileSync(smsLog, "utf8").split("\n") : [];
      sms = lines.find((line) => line.startsWith(`${phone}|`)) ?? "";
      return sms;
    }, { timeout: 20_000 })
    .not.toBe("");
  // "… password is XXXX." in the manager's language (Dutch here: "… wachtwoord is XXXX.").
  const temporary = / is (\w+)\./.exec(sms)?.[1] ?? "";

  await visit(page, activationPath);
  const secret = (await page.getByTestId("totp-secret").textContent()) ?? "";
  await page.getByLabel("Temporary password (received by SMS)").fill("wrong-temporary");
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repeat the password").fill(PASSWORD);
  await page.getByLabel("6-digit code shown by the app").fill(totp(secret));
  await page.getByRole("button", { name: "Activate the account" }).click();
  await expect(page.getByRole("alert")).toHaveText(
    "The temporary password is not right. Enter the one from the SMS we sent you.",
  );

  await page.getByLabel("Temporary password (received by SMS)").fill(temporary);
  await page.getByRole("button", { name: "Activate the account" }).click();
  await expect(page.getByRole("heading", { name: "Your enterprise is active" })).toBeVisible();

  // They sign in with the username from the e-mail and their own password.
  await page.getByRole("link", { name: "Go to sign-in" }).click();
  await page.getByLabel("National register number").fill(username);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("6-digit code from your authenticator app").fill(totp(secret, Date.now() / 1000 + 30));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Anna Peeters");
});
