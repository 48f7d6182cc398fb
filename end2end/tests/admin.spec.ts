import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { hydrated, password, signIn, unique } from "./session";
import { totpCode } from "./totp";

const targetDir = process.env.CARGO_TARGET_DIR ?? join(__dirname, "..", "..", "target");

// The operator's way in: `licensure create-admin`, password on standard input.
function createAdmin(username: string) {
  execFileSync(
    join(targetDir, "release", "licensure"),
    ["create-admin", "--email", `${username}@example.org`, "--username", username, "--display-name", "Operations Lead"],
    {
      input: `${password}\n`,
      env: { ...process.env, LICENSURE_DATA_DIR: process.env.E2E_DATA_DIR, LICENSURE_LOG: "warn" },
    },
  );
}

test("an administrator must enrol two-factor sign-in before anything else", async ({ page }) => {
  const username = unique("admin");
  createAdmin(username);
  await signIn(page, username);
  await expect(page).toHaveURL(/\/account$/);
  await hydrated(page);
  await expect(page.getByRole("status").first()).toContainText("Administrators must set up two-factor sign-in");
  await expect(page.getByTestId("sessions")).toHaveCount(0);

  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent())?.trim() ?? "";
  await page.getByLabel("The 6-digit code it shows").fill(totpCode(secret, 30));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
  await page.getByRole("link", { name: "I have saved them: continue" }).click();
  await expect(page.getByTestId("sessions")).toContainText("This device");
  await expect(page.getByTestId("email-address")).toContainText("Confirmed");
});
