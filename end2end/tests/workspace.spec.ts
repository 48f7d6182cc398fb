import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { hydrated, signUp, unique } from "./session";

const targetDir = process.env.CARGO_TARGET_DIR ?? join(__dirname, "..", "..", "target");

type Credit = { title: string; completed: string; hours: string; type: string; topics: string[] };

const credits: Credit[] = [
  { title: "Cardiology update", completed: "2025-03-14", hours: "12", type: "AMA_PRA_1", topics: ["medical_errors"] },
  { title: "Safe opioid prescribing", completed: "2025-06-01", hours: "2", type: "AMA_PRA_1", topics: ["controlled_substance_prescribing"] },
  { title: "Grand rounds", completed: "2025-09-01", hours: "3", type: "AMA_PRA_2", topics: [] },
  { title: "Recognising human trafficking", completed: "2026-01-15", hours: "1", type: "AMA_PRA_1", topics: ["human_trafficking"] },
];

/** What `licensure evaluate` says Florida's total still needs for these credits today. */
function engineMissingTotal(list: Credit[]): string {
  const today = new Date().toISOString().slice(0, 10);
  const caseFile = join(mkdtempSync(join(tmpdir(), "licensure-case-")), "case.json");
  writeFileSync(
    caseFile,
    JSON.stringify({
      today,
      facts: { dea_registered: true },
      credentials: [
        { id: "fl", rule_set: "FL-MD", initial_licence: "2014-06-01", expires: "2027-01-31", facts: { licence_group: 2 } },
        { id: "dea", rule_set: "US-DEA-MATE", expires: "2027-03-31" },
      ],
      credits: list.map((c, i) => ({
        id: `c${i}`, completed: c.completed, hours: Number(c.hours), credit_type: c.type, format: "live", topics: c.topics,
      })),
    }),
  );
  const out = execFileSync(join(targetDir, "release", "licensure"), ["evaluate", "--json", caseFile], { encoding: "utf8" });
  const report = JSON.parse(out);
  const total = report.credentials.find((c: { rule_set: string }) => c.rule_set === "FL-MD")
    .requirements.find((r: { key: string }) => r.key === "total");
  return String(total.missing);
}

async function noSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

async function recordActivity(page: Page, credit: Credit) {
  await page.getByLabel("Title", { exact: true }).fill(credit.title);
  await page.getByLabel("Provider", { exact: true }).fill("Florida Medical Association");
  await page.getByLabel("Completed on").fill(credit.completed);
  await page.getByLabel("Hours").fill(credit.hours);
  await page.getByLabel("Credit type", { exact: true }).selectOption(credit.type);
  for (const topic of credit.topics) await page.locator(`#topic-${topic}`).check();
  await page.getByRole("button", { name: "Record activity" }).click();
  await expect(page.getByTestId("activities")).toContainText(credit.title);
  for (const topic of credit.topics) await expect(page.locator(`#topic-${topic}`)).not.toBeChecked();
}

test("a clinician adds licences and CE and the dashboard says what the engine says", async ({ page }) => {
  await signUp(page, unique("florida"));
  await page.getByRole("link", { name: "Dashboard" }).first().click();
  await expect(page.getByTestId("empty-dashboard")).toBeVisible();
  await noSeriousAxeViolations(page);
  await page.getByRole("link", { name: "Add your first licence" }).click();
  await expect(page).toHaveURL(/\/credentials$/);

  await page.getByLabel("State").selectOption("FL");
  await page.getByLabel("Profession").selectOption("MD");
  await page.getByLabel("Licence or certificate number").fill("ME123456");
  await page.getByLabel("First issued").fill("2014-06-01");
  await page.getByLabel("Expires").fill("2027-01-31");
  await page.getByRole("button", { name: "Add credential" }).click();
  await expect(page.getByTestId("credentials")).toContainText("Florida MD licence");
  await expect(page.getByTestId("credentials")).toContainText("Florida Board of Medicine");

  await page.getByLabel("Kind").selectOption("dea");
  await page.getByLabel("DEA number").fill("AB1234564");
  await page.getByLabel("Expires").fill("2027-03-31");
  await page.getByRole("button", { name: "Add credential" }).click();
  await expect(page.getByRole("alert")).toContainText("DEA number: The check digit does not match");
  await page.getByLabel("DEA number").fill("AB1234563");
  await page.getByRole("button", { name: "Add credential" }).click();
  await expect(page.getByTestId("credentials")).toContainText("DEA registration");
  await noSeriousAxeViolations(page);

  await page.getByRole("link", { name: "Activities" }).first().click();
  await expect(page).toHaveURL(/\/activities$/);
  for (const credit of credits) await recordActivity(page, credit);
  await noSeriousAxeViolations(page);

  await page.getByRole("link", { name: "Dashboard" }).first().click();
  const florida = page.getByTestId("credential-card").filter({ hasText: "Florida MD licence" });
  const total = florida.locator('[data-key="total"]').getByTestId("requirement-numbers");
  await expect(total).toContainText(`${engineMissingTotal(credits)} h missing`);
  await expect(page.getByTestId("next-steps")).toBeVisible();
  await noSeriousAxeViolations(page);

  // Edit one activity; the dashboard follows without a page load.
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
  await page.getByRole("link", { name: "Activities" }).first().click();
  const row = page.getByTestId("activities").getByRole("listitem").filter({ hasText: "Cardiology update" });
  await row.getByRole("button", { name: "Edit" }).click();
  await expect(page.getByLabel("Hours")).toHaveValue("12");
  await page.getByLabel("Hours").fill("20");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(row).toContainText("20 h");
  await page.getByRole("link", { name: "Dashboard" }).first().click();
  const edited = credits.map((c) => (c.title === "Cardiology update" ? { ...c, hours: "20" } : c));
  await expect(total).toContainText(`${engineMissingTotal(edited)} h missing`);
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
});

test("an activity says where it counted and why not elsewhere", async ({ page }) => {
  await signUp(page, unique("usage"));
  await page.goto("/credentials");
  await hydrated(page);
  await page.getByLabel("State").selectOption("FL");
  await page.getByLabel("Profession").selectOption("MD");
  await page.getByLabel("Expires").fill("2027-01-31");
  await page.getByRole("button", { name: "Add credential" }).click();
  await expect(page.getByTestId("credentials")).toContainText("Florida MD licence");

  await page.getByRole("link", { name: "Activities" }).first().click();
  await recordActivity(page, { title: "<b>Bold</b> grand rounds", completed: "2025-09-01", hours: "3", type: "AMA_PRA_2", topics: [] });
  const row = page.getByTestId("activities").getByRole("listitem").first();
  await expect(row).toContainText("<b>Bold</b> grand rounds");
  await row.getByRole("button", { name: "Where it counted" }).click();
  await expect(row.getByTestId("usage")).toContainText("AMA_PRA_2 not accepted");
});

test("the workspace pages fit a 375 px phone without sideways scrolling", async ({ page }) => {
  await signUp(page, unique("phone"));
  await page.setViewportSize({ width: 375, height: 800 });
  for (const path of ["/dashboard", "/credentials", "/activities"]) {
    await page.goto(path);
    await hydrated(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});
