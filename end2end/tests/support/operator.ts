import { execFileSync } from "node:child_process";
import { serverBin, serverEnv } from "../../e2e-env";

/** A valid enterprise number (KBO/BCE) no other test uses. */
export function freshEnterpriseNumber(): string {
  const body = Math.floor(Math.random() * 9_000_000) + 1_000_000; // 0 + seven digits
  const check = 97 - (body % 97);
  return `0${String(body).padStart(7, "0")}${String(check).padStart(2, "0")}`;
}

/** A valid national register number (born 1950–1999) of a person no other test uses. */
export function freshNrn(): string {
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  const random = (from: number, to: number) => from + Math.floor(Math.random() * (to - from + 1));
  const body = `${pad(random(50, 99), 2)}${pad(random(1, 12), 2)}${pad(random(1, 28), 2)}${pad(random(1, 997), 3)}`;
  return `${body}${pad(97 - Number(BigInt(body) % 97n), 2)}`;
}

/** Runs `server enterprise register` on the suite's database; returns the activation path. */
function register(name: string, number: string, manager: string[]): string {
  const output = execFileSync(
    serverBin,
    [
      "enterprise", "register",
      "--number", number,
      "--name", name,
      "--groups", "employer,social_secretariat",
      ...manager,
      "--mam-given-name", "Anna",
      "--mam-family-name", "Peeters",
      "--mam-email", "anna.peeters@acme.be",
      "--mam-language", "nl",
    ],
    { env: { ...process.env, ...serverEnv }, encoding: "utf8" },
  );
  const link = output.split("\n").map((l) => l.trim()).find((l) => l.includes("/activate/"));
  if (!link) throw new Error(`no activation link in: ${output}`);
  return new URL(link).pathname;
}

/**
 * Registers an enterprise the way the operator does (the real CLI, on the suite's database),
 * with a main access manager of its own (unless `nrn` names one) so that tests running in parallel
 * never share a person.
 */
export function registerEnterprise(
  name: string,
  nrn: string = freshNrn(),
): { number: string; nrn: string; activationPath: string } {
  const number = freshEnterpriseNumber();
  return { number, nrn, activationPath: register(name, number, ["--mam-nrn", nrn]) };
}

/** Registers an enterprise whose main access manager has no NRN: a username and a mobile number. */
export function registerForeignEnterprise(name: string): { username: string; phone: string; activationPath: string } {
  const suffix = String(Math.floor(Math.random() * 1_000_000)).padStart(6, "0");
  const username = `foreign.${suffix}`;
  const phone = `+44 7700 ${suffix}`;
  const activationPath = register(name, freshEnterpriseNumber(), [
    "--mam-foreign", "--mam-username", username, "--mam-phone", phone,
  ]);
  return { username, phone, activationPath };
}

/** One person of a demo enterprise and how they sign in. */
export type DemoAccount = {
  name: string;
  nrn: string;
  role: "main_access_manager" | "co_main_access_manager" | "access_manager" | "group_administrator" | null;
  password: string;
  totp_secret: string;
};

/**
 * Creates an active demo enterprise with the real CLI (`server demo`): its main access manager,
 * a co-main access manager, the access manager of social security, the group administrator of
 * care institution and an employee, each with fresh national register numbers and credentials.
 */
export function createDemo(name: string): { number: string; accounts: DemoAccount[] } {
  const number = freshEnterpriseNumber();
  const output = execFileSync(serverBin, ["demo", "--number", number, "--name", name, "--json"], {
    env: { ...process.env, ...serverEnv },
    encoding: "utf8",
  });
  const demo = JSON.parse(output.trim().split("\n").pop() ?? "{}");
  return { number, accounts: demo.accounts };
}

/**
 * Generates a large enterprise with the real CLI (`server seed`): `groups` generated groups
 * ("Group 0001" …) and `users` users in one to three of them, beside the demo's five people.
 */
export function seedEnterprise(name: string, users: number, groups: number): { number: string; accounts: DemoAccount[] } {
  const number = freshEnterpriseNumber();
  const output = execFileSync(
    serverBin,
    ["seed", "--users", String(users), "--groups", String(groups), "--number", number, "--name", name, "--json"],
    { env: { ...process.env, ...serverEnv }, encoding: "utf8" },
  );
  const seeded = JSON.parse(output.trim().split("\n").pop() ?? "{}");
  return { number, accounts: seeded.accounts };
}
