import { mailApi } from "../../e2e-env";

/** One e-mail as maildev's REST API returns it: only the fields the tests read. */
type CaughtMail = {
  to: { address: string; name?: string }[];
  subject: string;
  text?: string;
  // maildev 3 stores the Date header (or, without one, the time of arrival) as `time`.
  time: string;
};

/** Every e-mail maildev holds, oldest first (the API lists them in the order they arrived). */
async function caughtMail(): Promise<CaughtMail[]> {
  const url = `${mailApi}/email`;
  const response = await fetch(url).catch((error) => {
    throw new Error(`maildev does not answer at ${url} (is the suite's webServer running?)`, { cause: error });
  });
  if (!response.ok) throw new Error(`maildev answered ${response.status} to GET ${url}`);
  return (await response.json()) as CaughtMail[];
}

/** Whether `subject` contains `part`, or matches it (`search`, unlike `test`, ignores a /g regex's state). */
function subjectMatches(subject: string, part: RegExp | string): boolean {
  return typeof part === "string" ? subject.includes(part) : subject.search(part) >= 0;
}

/** "to → subject" lines of what maildev holds, for a timeout's message. */
function describe(mail: CaughtMail[]): string {
  if (mail.length === 0) return "nothing arrived";
  return mail.map((m) => `  ${m.to.map((r) => r.address).join(", ")} → ${m.subject}`).join("\n");
}

/**
 * Waits until maildev holds an e-mail to `to` (any case: addresses are typed by people) whose
 * subject contains or matches `subjectPart`, and returns the newest such e-mail. Sending happens
 * in the background on the server, so the test polls rather than reading once. Tests run in
 * parallel against one maildev, so each should use an address no other test uses.
 */
export async function waitForMail(
  to: string,
  subjectPart: RegExp | string,
  timeoutMs = 20_000,
): Promise<{ subject: string; text: string; date: string }> {
  const address = to.toLowerCase();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mail = await caughtMail();
    const found = mail
      .filter((m) => m.to.some((r) => r.address.toLowerCase() === address) && subjectMatches(m.subject, subjectPart))
      .pop();
    if (found) return { subject: found.subject, text: found.text ?? "", date: found.time };
    if (Date.now() >= deadline) {
      throw new Error(
        `no e-mail to ${to} with a subject matching ${subjectPart} within ${timeoutMs} ms; maildev holds:\n${describe(mail)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * The first http(s) URL in `text` whose path starts with `pathPrefix` (e.g. "/invitation/").
 * A sentence's closing punctuation right after a link is not part of it.
 */
export function firstLink(text: string, pathPrefix: string): string {
  for (const [match] of text.matchAll(/https?:\/\/[^\s<>"'()]+/g)) {
    const link = match.replace(/[.,;:!?]+$/, "");
    if (URL.canParse(link) && new URL(link).pathname.startsWith(pathPrefix)) return link;
  }
  throw new Error(`no link to ${pathPrefix}… in:\n${text}`);
}
