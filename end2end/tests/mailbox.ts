import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect } from "@playwright/test";

// The server writes each message as an .eml file under <data dir>/mail, as it does for a
// newcomer on the embedded defaults; the tests read them the same way a person would.
const folder = join(process.env.E2E_DATA_DIR ?? "", "mail");

function messagesTo(address: string): string[] {
  let names: string[] = [];
  try {
    names = readdirSync(folder).filter((name) => name.endsWith(".eml"));
  } catch {
    return [];
  }
  return names
    .map((name) => join(folder, name))
    .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs)
    .map((path) => readFileSync(path, "utf8"))
    .filter((raw) => raw.split(/\r?\n\r?\n/)[0].split(/\r?\n/).includes(`To: ${address}`));
}

/** The path (with its token) of the newest link to `path` mailed to `address`. */
export async function linkMailedTo(address: string, path: string): Promise<string> {
  const pattern = new RegExp(`https?://[^/\\s]+(${path}\\?token=[A-Za-z0-9_-]+)`);
  let found = "";
  await expect
    .poll(() => {
      const newest = messagesTo(address).reverse().find((raw) => pattern.test(raw));
      found = newest?.match(pattern)?.[1] ?? "";
      return found;
    })
    .not.toBe("");
  return found;
}
