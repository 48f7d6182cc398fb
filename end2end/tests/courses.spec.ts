import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { expect, test, type ConsoleMessage, type Locator, type Page } from "@playwright/test";
import { cmi5Library, launchCourse, refusal } from "./cmi5-node";
import { hydrated, signUp, unique } from "./session";

const targetDir = process.env.CARGO_TARGET_DIR ?? join(__dirname, "..", "..", "target");

// The demo course Licensure adds to the catalog on first start (courses/demo).
const course = {
  title: "Safe opioid prescribing: a demo course",
  provider: "Licensure Demo",
  au: "https://demo.licensure.invalid/courses/safe-opioid-prescribing/au/1",
  // The certificate is filed as "Certificate - <title>.pdf"; file names lose their colons.
  certificate: "Certificate - Safe opioid prescribing a demo course",
};
const rightAnswers = [
  "Before the first prescription, then at least every three months",
  "A patient taking 60 MME a day and a benzodiazepine",
  "Agree a plan and taper slowly, about 10% a month",
];
const SESSION_ID = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
const CMI5_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
const MOVEON_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/moveon";

const todayUtc = () => new Date().toISOString().slice(0, 10);
/** The course's returnURL: the catalog, saying the learner is back. */
const returnedFrom = (courseId: string) => new RegExp(`/courses\\?returned=${courseId}$`);

/** cmi5 lets an LMS offer no learner preferences: @xapi/cmi5 asks for them and gets a 404,
 * which Chromium reports as a console error. It is the only error a course page may show. */
function expectedMissing(message: ConsoleMessage) {
  const url = message.location().url;
  return url.includes("/xapi/agents/profile") && url.includes("profileId=cmi5LearnerPreferences");
}

/** Collects page errors and console errors, so a failure in the page's code fails the test. */
function watchForProblems(page: Page) {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !expectedMissing(message)) {
      problems.push(`console error: ${message.text()} at ${message.location().url}`);
    }
  });
  return problems;
}

/** A Florida MD licence renewing on the next January 31, so today's credit counts. */
async function addFloridaLicence(page: Page) {
  const now = new Date();
  const year = now.getUTCMonth() === 0 && now.getUTCDate() < 31 ? now.getUTCFullYear() : now.getUTCFullYear() + 1;
  await page.goto("/credentials");
  await hydrated(page);
  await page.getByLabel("State").selectOption("FL");
  await page.getByLabel("Profession").selectOption("MD");
  await page.getByLabel("Licence or certificate number").fill("ME654321");
  await page.getByLabel("First issued").fill("2014-06-01");
  await page.getByLabel("Expires").fill(`${year}-01-31`);
  await page.getByRole("button", { name: "Add credential" }).click();
  await expect(page.getByTestId("credentials")).toContainText("Florida MD licence");
}

/** The demo course's card, found the way a clinician would: by searching the catalog. */
async function findDemoCourse(page: Page) {
  await page.goto("/courses");
  await hydrated(page);
  await page.getByRole("searchbox", { name: "Search" }).fill("opioid");
  await page.getByRole("button", { name: "Show courses" }).click();
  await expect(page).toHaveURL(/\/courses\?q=opioid/);
  const card = page.getByTestId("course").filter({ hasText: course.title });
  await expect(card).toHaveCount(1);
  return card;
}

/** The course id, read from the card's launch form (`/courses/{id}/launch`). */
async function courseIdOf(card: Locator) {
  const action = (await card.locator("form").getAttribute("action")) ?? "";
  const id = /^\/courses\/([^/]+)\/launch$/.exec(action)?.[1];
  expect(id, `launch form action ${action}`).toBeTruthy();
  return id as string;
}

async function answerQuiz(page: Page, answers: string[]) {
  await expect(page.getByRole("heading", { name: "1. Check the state PDMP" })).toBeVisible();
  for (const answer of answers) await page.getByLabel(answer).check();
  await page.getByRole("button", { name: "Submit answers" }).click();
}

function floridaTotal(page: Page) {
  return page
    .getByTestId("credential-card")
    .filter({ hasText: "Florida MD licence" })
    .locator('[data-key="total"]')
    .getByTestId("requirement-numbers");
}

test("a clinician takes the demo course from the catalog and its credit is recorded", async ({ page }) => {
  test.setTimeout(90_000);
  const problems = watchForProblems(page);
  await signUp(page, unique("course"));
  await addFloridaLicence(page);
  await page.goto("/dashboard");
  await hydrated(page);
  await expect(floridaTotal(page)).toContainText("0 of 40 h");

  // The course fills a gap: from the dashboard, "Fills my gaps" lists it with the hours it
  // covers; the filter says so too.
  await page.getByTestId("fill-gaps").click();
  await expect(page).toHaveURL(/\/courses\?gaps=1$/);
  await hydrated(page);
  await expect(page.getByLabel(/Fills my gaps/)).toBeChecked();
  await expect(page.getByTestId("course").filter({ hasText: course.title }).getByTestId("covers")).toBeVisible();

  const card = await findDemoCourse(page);
  await expect(card.getByTestId("progress")).toHaveText("Not started");
  const courseId = await courseIdOf(card);
  await card.getByRole("button", { name: "Start course" }).click();

  // The course page, served by Licensure, connects with the launch parameters.
  await expect(page).toHaveURL(/\/course-content\/demo\/index\.html\?endpoint=/);
  await expect(page.getByRole("heading", { name: "Safe opioid prescribing", level: 1 })).toBeVisible();
  await answerQuiz(page, rightAnswers);
  await expect(page.getByRole("status").filter({ hasText: "You answered" })).toHaveText(
    "You answered 3 of 3 correctly: passed.",
  );
  await expect(page.getByRole("alert")).toHaveCount(0);
  await page.getByRole("button", { name: "Return to Licensure" }).click();

  await expect(page).toHaveURL(returnedFrom(courseId));
  await hydrated(page);
  await expect(page.getByTestId("returned")).toBeVisible();
  const done = page.getByTestId("course").filter({ hasText: course.title });
  await expect(done.getByTestId("progress")).toHaveText(`Completed on ${todayUtc()} · credit recorded`);

  // The hour counts toward Florida's total.
  await page.goto("/dashboard");
  await hydrated(page);
  await expect(floridaTotal(page)).toContainText("1 of 40 h · 39 h missing");

  await page.goto("/activities");
  await hydrated(page);
  const activity = page.getByTestId("activities").getByRole("listitem").filter({ hasText: course.title });
  await expect(activity).toHaveCount(1);
  await expect(activity).toContainText(`${course.provider} · ${todayUtc()} · 1 h AMA_PRA_1`);
  await expect(activity).toContainText("Reported by the course provider");
  await expect(activity.getByRole("link", { name: "View certificate" })).toBeVisible();

  await page.goto("/documents");
  await hydrated(page);
  const certificate = page.getByTestId("document").filter({ hasText: course.certificate });
  await expect(certificate).toHaveCount(1);
  await expect(certificate).toContainText(`Proves: ${course.title}`);
  const href = (await certificate.getByRole("link", { name: "Download" }).getAttribute("href")) ?? "";
  const pdf = await page.request.get(href);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["content-disposition"]).toContain(`filename="${course.certificate}.pdf"`);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

  // Opened again (the catalog no longer offers it, a bookmark might): the course says it is
  // passed and sends nothing cmi5 would refuse.
  const again = await launchCourse(page, courseId);
  await page.goto(again.address.href);
  await expect(page.getByText("You have already passed this course.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Submit answers" })).toBeHidden();
  await page.getByRole("button", { name: "Return to Licensure" }).click();
  await expect(page).toHaveURL(returnedFrom(courseId));
  await hydrated(page);
  await expect(page.getByTestId("course").filter({ hasText: course.title }).getByTestId("progress")).toContainText(
    "Completed on",
  );
  expect(problems).toEqual([]);
});

test("a learner who failed passes in a later session without the course repeating completed", async ({ page }) => {
  test.setTimeout(60_000);
  const problems = watchForProblems(page);
  await signUp(page, unique("retake"));
  const card = await findDemoCourse(page);
  const courseId = await courseIdOf(card);
  await card.getByRole("button", { name: "Start course" }).click();

  // First session: one wrong answer. "completed" and "failed" are recorded.
  await answerQuiz(page, ["Once a year, at the annual review", rightAnswers[1], rightAnswers[2]]);
  await expect(page.getByRole("status").filter({ hasText: "You answered" })).toHaveText(
    "You answered 2 of 3 correctly: failed.",
  );
  await expect(page.getByRole("button", { name: "Try again" })).toBeVisible();
  await page.getByRole("button", { name: "Return to Licensure" }).click();
  await expect(page).toHaveURL(returnedFrom(courseId));
  await hydrated(page);
  const item = page.getByTestId("course").filter({ hasText: course.title });
  await expect(item.getByTestId("progress")).toContainText("In progress · last activity");

  // Second session: the course remembers "completed" was sent and sends only "passed".
  await item.getByRole("button", { name: "Continue course" }).click();
  await answerQuiz(page, rightAnswers);
  await expect(page.getByRole("status").filter({ hasText: "You answered" })).toHaveText(
    "You answered 3 of 3 correctly: passed.",
  );
  await expect(page.getByRole("alert")).toHaveCount(0);
  await page.getByRole("button", { name: "Return to Licensure" }).click();
  await expect(page).toHaveURL(returnedFrom(courseId));
  await hydrated(page);
  await expect(item.getByTestId("progress")).toHaveText(`Completed on ${todayUtc()} · credit recorded`);
  expect(problems).toEqual([]);
});

test("@xapi/cmi5 run from Node completes and passes the course, and the cmi5 rules hold", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(60_000);
  await signUp(page, unique("headless"));
  const courseId = await courseIdOf(await findDemoCourse(page));
  const Cmi5 = cmi5Library();

  const first = await launchCourse(page, courseId);
  expect(first.address.origin + first.address.pathname).toBe(`${baseURL}/course-content/demo/index.html`);
  expect(first.params.endpoint).toBe(`${baseURL}/xapi/`);
  expect(first.params.activityId).toBe(course.au);
  const au = new Cmi5(first.params);
  await au.initialize();
  const launchData = au.getLaunchData();
  expect(launchData.launchMode).toBe("Normal");
  expect(launchData.moveOn).toBe("CompletedAndPassed");
  expect(launchData.masteryScore).toBe(0.8);
  expect(launchData.returnURL).toBe(`${baseURL}/courses?returned=${courseId}`);

  // The fetch URL gives its token once (cmi5 error-code 1 afterwards).
  const refetch = await request.post(first.params.fetch);
  expect(refetch.status()).toBe(400);
  expect((await refetch.json())["error-code"]).toBe("1");

  // The token reaches this learner's state only, and never LMS.LaunchData's content.
  const where = { activityId: first.params.activityId, registration: first.params.registration };
  const stranger = await refusal(
    au.xapi!.getState({ ...where, agent: { mbox: "mailto:someone-else@example.org" }, stateId: "x" }),
  );
  expect(stranger.status).toBe(403);
  const overwrite = await refusal(
    au.xapi!.setState({ ...where, agent: first.params.actor, stateId: "LMS.LaunchData", state: {} }),
  );
  expect(overwrite.status).toBe(403);

  await au.complete();
  await au.pass({ scaled: 1, raw: 3, min: 0, max: 3 });

  // "completed" again in the same registration, posted by hand with the session's token.
  const completedAgain = {
    actor: first.params.actor,
    verb: { id: "http://adlnet.gov/expapi/verbs/completed", display: { "en-US": "completed" } },
    object: { objectType: "Activity", id: first.params.activityId },
    result: { completion: true, duration: "PT1M" },
    context: {
      registration: first.params.registration,
      contextActivities: { category: [{ id: CMI5_CATEGORY }, { id: MOVEON_CATEGORY }] },
      extensions: { [SESSION_ID]: launchData.contextTemplate.extensions?.[SESSION_ID] },
    },
  };
  const repeated = await request.post(`${first.params.endpoint}statements`, {
    headers: { Authorization: `Basic ${au.getAuthToken()}`, "X-Experience-API-Version": "1.0.3" },
    data: completedAgain,
  });
  expect(repeated.status(), await repeated.text()).toBe(403);
  expect((await repeated.json()).message).toBe("cmi5: this registration has already completed the AU");
  await au.terminate();

  await page.goto("/courses?q=opioid");
  await hydrated(page);
  const card = page.getByTestId("course").filter({ hasText: course.title });
  await expect(card.getByTestId("progress")).toHaveText(`Completed on ${todayUtc()} · credit recorded`);
  await page.goto("/activities");
  await hydrated(page);
  const activity = page.getByTestId("activities").getByRole("listitem").filter({ hasText: course.title });
  await expect(activity).toHaveCount(1);
  await expect(activity).toContainText("Reported by the course provider");

  // A later session of the same registration may send neither verb again, and earns nothing.
  const second = await launchCourse(page, courseId);
  expect(second.params.registration).toBe(first.params.registration);
  expect(second.params.fetch).not.toBe(first.params.fetch);
  const later = new Cmi5(second.params);
  await later.initialize();
  const completedLater = await refusal(later.complete());
  expect(completedLater).toEqual({
    status: 403,
    body: { error: true, message: "cmi5: this registration has already completed the AU" },
  });
  const passedLater = await refusal(later.pass(1));
  expect(passedLater).toEqual({
    status: 403,
    body: { error: true, message: "cmi5: this registration has already passed the AU" },
  });
  await later.terminate();
  await page.reload();
  await hydrated(page);
  await expect(activity).toHaveCount(1);
});

test("an independent xAPI client (TinCanPython) round-trips statements and documents", async ({ baseURL }) => {
  const venv = process.env.TINCAN_VENV ?? join(homedir(), ".cache", "licensure", "tincan");
  const python = join(venv, "bin", "python");
  expect(
    existsSync(python),
    `No Python environment with tincan at ${venv}. scripts/test.sh makes it; by hand: ` +
      `python3 -m venv ${venv} && ${venv}/bin/pip install tincan==1.0.0`,
  ).toBe(true);

  // A provider's credential, from the operator's command, on the web server's database.
  const printed = execFileSync(
    join(targetDir, "release", "licensure"),
    ["lrs-credential", "--provider", "Round Trip Provider", "--label", unique("tincan")],
    {
      encoding: "utf8",
      env: {
        ...process.env,
        LICENSURE_DATA_DIR: process.env.E2E_DATA_DIR,
        LICENSURE_ADDR: new URL(baseURL ?? "").host,
        LICENSURE_LOG: "warn",
      },
    },
  );
  const field = (name: string) => new RegExp(`^\\s+${name}:\\s+(\\S+)$`, "m").exec(printed)?.[1] ?? "";
  const credential = { endpoint: field("endpoint"), key: field("key"), secret: field("secret") };
  expect(credential.endpoint).toBe(`${baseURL}/xapi/`);
  expect(credential.key).toMatch(/^lrs-/);
  expect(credential.secret).not.toBe("");

  const run = spawnSync(python, [join(__dirname, "..", "lrs", "tincan_roundtrip.py")], {
    encoding: "utf8",
    timeout: 60_000,
    env: {
      ...process.env,
      LRS_ENDPOINT: credential.endpoint,
      LRS_KEY: credential.key,
      LRS_SECRET: credential.secret,
    },
  });
  expect(run.status, `${run.stderr}${run.stdout}`).toBe(0);
  const summary = JSON.parse(run.stdout.trim().split("\n").pop() ?? "{}");
  expect(summary).toMatchObject({ ok: true, voided: true });
});
