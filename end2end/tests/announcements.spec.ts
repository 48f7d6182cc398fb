import { expect, test } from "@playwright/test";
import { createAdmin, enrolSecondFactor } from "./console";
import { hydrated, signIn, signUp, unique } from "./session";

test("an administrator publishes an announcement without WASM; a clinician sees it once, then under Updates", async ({
  page,
  browser,
}) => {
  // Unique, so the test holds however many announcements earlier tests left behind.
  const title = `PDF certificates ${unique("")}`;
  const username = unique("admin");
  createAdmin(username);
  await signIn(page, username);
  await hydrated(page);
  await enrolSecondFactor(page);

  // The administrator's session in a browser with JavaScript off: links and plain forms.
  const plain = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const admin = await plain.newPage();
  await admin.goto("/admin");
  await admin.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Announcements" }).click();
  await expect(admin).toHaveURL(/\/admin\/announcements$/);
  await admin.getByLabel("Title").fill(title);
  await admin.getByLabel("Body").fill("Certificates now import straight from a PDF.\n\nFind it under Activities.");
  await admin.getByRole("button", { name: "Save draft" }).click();
  const row = admin.getByTestId("announcement-row").filter({ hasText: title });
  await expect(row.getByTestId("state")).toHaveText("draft");

  // The preview is a plain link and shows the text as clinicians will read it.
  await row.getByRole("link", { name: "Preview" }).click();
  await expect(admin).toHaveURL(/\/admin\/announcements\?preview=/);
  const preview = admin.getByTestId("preview");
  await expect(preview.getByRole("heading", { name: title })).toBeVisible();
  await expect(preview.getByText("Find it under Activities.")).toBeVisible();

  await admin.getByTestId("announcement-row").filter({ hasText: title }).getByRole("button", { name: "Publish" }).click();
  await expect(admin.getByTestId("announcement-row").filter({ hasText: title }).getByTestId("state")).toHaveText("published");
  await plain.close();

  // A clinician finds it on the dashboard, once.
  const clinicianContext = await browser.newContext();
  const clinician = await clinicianContext.newPage();
  await signUp(clinician, unique("reader"));
  await clinician.goto("/dashboard");
  await hydrated(clinician);
  const notice = clinician.getByTestId("new-updates");
  const item = notice.getByTestId("update").filter({ hasText: title });
  await expect(item).toContainText("Certificates now import straight from a PDF.");
  await expect(notice.getByRole("link", { name: "All product updates" })).toHaveAttribute("href", "/updates");
  await item.getByRole("button", { name: "Dismiss" }).click();
  await expect(clinician.getByTestId("update").filter({ hasText: title })).toHaveCount(0);

  await clinician.reload();
  await hydrated(clinician);
  await expect(clinician.getByTestId("empty-dashboard")).toBeVisible();
  await expect(clinician.getByTestId("update").filter({ hasText: title })).toHaveCount(0);

  // Past updates stay under "Updates" in the header, reachable from the phone menu too.
  await clinician.setViewportSize({ width: 375, height: 800 });
  await clinician.getByRole("button", { name: "Menu" }).click();
  await clinician.getByRole("link", { name: "Updates", exact: true }).click();
  await expect(clinician).toHaveURL(/\/updates$/);
  await expect(clinician.getByRole("heading", { name: "Product updates" })).toBeVisible();
  await expect(clinician.getByTestId("update").filter({ hasText: title })).toContainText("Find it under Activities.");
  const overflow = await clinician.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await clinicianContext.close();
});
