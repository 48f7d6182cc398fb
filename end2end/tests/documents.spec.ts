import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { hydrated, signUp, unique } from "./session";

// A certificate in the layout of an accredited provider's AMA PRA Category 1 statement,
// written by the router tests' PDF builder (see tests/server/certificate_accuracy.rs).
const certificatePath = join(__dirname, "..", "fixtures", "certificate-ama.pdf");
const truth = {
  title: "Managing Atrial Fibrillation in Older Adults: A 2026 Update",
  provider: "Harbor Valley Medical Education Institute",
  completed: "2026-03-14",
  hours: "1.5",
  creditType: "AMA_PRA_1",
};

// A 2 × 2 PNG, so the list shows a thumbnail.
const photo = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAE0lEQVR4nGP4z8DAAMJA4v///wAi7AX7ZgoRfgAAAABJRU5ErkJggg==",
  "base64",
);

test("a certificate is uploaded, read, recorded as an activity and downloaded byte-identical", async ({ page }) => {
  // A panic in the page's code shows up here, not as a visible failure.
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await signUp(page, unique("docs"));
  await page.goto("/documents");
  await hydrated(page);
  await expect(page.getByTestId("allowance")).toContainText("up to 20 MB per file");

  // Several files at once: each gets its own result, and the fake PDF is refused.
  await page.locator("#upload-files").setInputFiles([
    { name: "certificate-ama.pdf", mimeType: "application/pdf", buffer: readFileSync(certificatePath) },
    { name: "acls-card.png", mimeType: "image/png", buffer: photo },
    { name: "looks-like.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html><script>alert(1)</script></html>") },
  ]);
  const results = page.getByRole("region", { name: "Add documents" }).getByTestId("upload-results");
  await expect(results.getByText("Uploaded.")).toHaveCount(2);
  await expect(results.getByRole("alert")).toContainText("web-page markup, not a document; it was not kept");
  await expect(page.getByTestId("document")).toHaveCount(2);
  await expect(page.getByTestId("document").filter({ hasText: "acls-card" }).locator("img")).toBeVisible();

  // The certificate's activity is proposed for the clinician to check, then recorded.
  await results.getByRole("link", { name: "Record the CE activity from this certificate" }).first().click();
  await expect(page).toHaveURL(/\/activities\?document=/);
  await hydrated(page);
  await expect(page.getByTestId("proposal")).toBeVisible();
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue(truth.title);
  await expect(page.getByLabel("Provider", { exact: true })).toHaveValue(truth.provider);
  await expect(page.getByLabel("Completed on")).toHaveValue(truth.completed);
  await expect(page.getByLabel("Hours")).toHaveValue(truth.hours);
  await expect(page.getByLabel("Credit type", { exact: true })).toHaveValue(truth.creditType);
  await page.getByRole("button", { name: "Record activity" }).click();
  const activity = page.getByTestId("activities").locator("li").filter({ hasText: truth.title });
  await expect(activity).toBeVisible();
  await expect(activity.getByRole("link", { name: "View certificate" })).toBeVisible();

  // Listed, linked, searchable, and downloaded exactly as uploaded.
  await page.goto("/documents");
  await hydrated(page);
  const certificate = page.getByTestId("document").filter({ hasText: "certificate-ama" });
  await expect(certificate).toContainText(`Proves: ${truth.title}`);
  await page.getByLabel("Search titles, file names and links").fill("fibrillation");
  await expect(page.getByTestId("document")).toHaveCount(1);
  const downloading = page.waitForEvent("download");
  await certificate.getByRole("link", { name: "Download" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("certificate-ama.pdf");
  expect(readFileSync(await download.path()).equals(readFileSync(certificatePath))).toBe(true);
  await page.getByLabel("Search titles, file names and links").fill("");

  // A new version keeps the old one.
  await certificate.locator("input[type=file]").setInputFiles(certificatePath);
  await expect(certificate.getByText("All versions (2)")).toBeVisible();
  // A refused version says why in its row, and the document keeps its versions.
  await certificate.locator("input[type=file]").setInputFiles({
    name: "scan.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("<html><body>not a pdf</body></html>"),
  });
  await expect(certificate.getByRole("alert")).toContainText("web-page markup");
  await expect(certificate.getByText("All versions (2)")).toBeVisible();

  // The photo held patient information: destroyed at once.
  const card = page.getByTestId("document").filter({ hasText: "acls-card" });
  await card.getByText("It contains patient information…").click();
  await card.getByRole("button", { name: "Destroy it now" }).click();
  await expect(page.getByTestId("document")).toHaveCount(1);
  expect(pageErrors).toEqual([]);
});

test("without JavaScript the list shows and the plain form uploads", async ({ page, browser }) => {
  await signUp(page, unique("nojs"));
  const plain = await browser.newContext({ javaScriptEnabled: false });
  await plain.addCookies(await page.context().cookies());
  const noScript = await plain.newPage();
  await noScript.goto("/documents");
  await expect(noScript.getByTestId("no-documents")).toBeVisible();

  await noScript.locator("#upload-files").setInputFiles(certificatePath);
  await noScript.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(noScript.getByRole("status")).toHaveText("1 file(s) uploaded.");
  await expect(noScript.getByTestId("document")).toHaveCount(1);
  await expect(noScript.getByTestId("allowance")).toContainText("KB of 500 MB used");

  // Nothing chosen: the page says so, and nothing is counted as refused.
  await noScript.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(noScript.getByRole("status")).toContainText("No file was chosen");
  await plain.close();
});
