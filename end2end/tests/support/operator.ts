import { execFileSync } from "node:child_process";
import { serverBin, serverEnv } from "../../e2e-env";

/** A valid enterprise number (KBO/BCE) no other test uses. */
export function freshEnterpriseNumber(): string {
  const body = Math.floor(Math.random() * 9_000_000) + 1_000_000; // 0 + seven digits
  const check = 97 - (body % 97);
  return `0${String(body).padStart(7, "0")}${String(check).padStart(2, "0")}`;
}

/** Registers an enterprise the way the operator does (the real CLI, on the suite's database). */
export function registerEnterprise(name: string): { number: string; activationPath: string } {
  const number = freshEnterpriseNumber();
  const output = execFileSync(
    serverBin,
    [
      "enterprise", "register",
      "--number", number,
      "--name", name,
      "--groups", "employer,social_secretariat",
      "--mam-nrn", "85.07.30-033.28",
      "--mam-given-name", "Anna",
      "--mam-family-name", "Peeters",
      "--mam-email", "anna.peeters@acme.be",
      "--mam-language", "nl",
    ],
    { env: { ...process.env, ...serverEnv }, encoding: "utf8" },
  );
  const link = output.split("\n").map((l) => l.trim()).find((l) => l.includes("/activate/"));
  if (!link) throw new Error(`no activation link in: ${output}`);
  return { number, activationPath: new URL(link).pathname };
}
