import { execFileSync } from "node:child_process";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { password } from "./session";
import { totpCode } from "./totp";

// Steps shared by the console journeys: making an administrator and enrolling their
// second factor, which the console requires in every session.
const targetDir = process.env.CARGO_TARGET_DIR ?? join(__dirname, "..", "..", "target");

// The operator's way in: `licensure create-admin`, password on standard input.
export function createAdmin(username: string) {
  execFileSync(
    join(targetDir, "release", "licensure"),
    ["create-admin", "--email", `${username}@example.org`, "--username", username, "--display-name", "Operations Lead"],
    {
      input: `${password}\n`,
      env: { ...process.env, LICENSURE_DATA_DIR: process.env.E2E_DATA_DIR, LICENSURE_LOG: "warn" },
    },
  );
}

// On the account page a fresh administrator lands on: set up the authenticator, save the
// recovery codes, continue.
export async function enrolSecondFactor(page: Page) {
  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent())?.trim() ?? "";
  await page.getByLabel("The 6-digit code it shows").fill(totpCode(secret, 30));
  await page.getByRole("button", { name: "Turn on" }).click();
  await page.getByRole("link", { name: "I have saved them: continue" }).click();
}
