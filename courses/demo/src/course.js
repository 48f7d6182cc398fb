// The demo AU: connect to Licensure, show the lesson and quiz, and record the result.
// @xapi/cmi5 builds every statement (cmi5 categories, session id from LMS.LaunchData,
// duration), so this file only decides *which* statement to send and when, and remembers
// across sessions what it sent in a state document through the same authenticated client.
import Cmi5 from "@xapi/cmi5";

// The key ships to the browser, so a learner could read it: acceptable for a demo course.
const ANSWERS = { q1: "c", q2: "a", q3: "c" };
const QUESTIONS = Object.keys(ANSWERS);
// Used only if LMS.LaunchData has no masteryScore; the same value as cmi5.xml.
const DEFAULT_MASTERY_SCORE = 0.8;
// The course's own xAPI state document, per learner and registration: what earlier sessions
// already sent. cmi5 allows "completed" and "passed" once per registration (spec 9.3), and a
// new launch starts a new page, so only the LRS can tell this session what is already done.
const PROGRESS_STATE_ID = "https://demo.licensure.invalid/state/progress";

const byId = (id) => document.getElementById(id);
const form = byId("quiz");

let cmi5 = null;
// True while a request is out, so a double click cannot send a statement twice.
let busy = false;
// "answering", "failed" or "passed": the quiz is locked unless "answering".
let attempt = "answering";
// What this registration has sent, in any session: read from the progress state document
// and written back after each. "failed" may repeat, so it is not kept.
const progress = { completed: false, passed: false };
// The progress last written to the LRS, as JSON; differs from `progress` after a failed write.
let savedProgress = JSON.stringify(progress);
// Nothing may follow "terminated" in this session.
let terminated = false;

start();

async function start() {
  // True only when the URL has all five: endpoint, fetch, actor, registration, activityId.
  if (!Cmi5.isCmiAvailable) {
    byId("page").hidden = true;
    byId("no-launch").hidden = false;
    return;
  }
  try {
    cmi5 = new Cmi5();
    // Fetches the auth token, reads LMS.LaunchData and preferences, sends "initialized".
    await cmi5.initialize();
    Object.assign(progress, await loadProgress());
    savedProgress = JSON.stringify(progress);
  } catch (err) {
    setStatus("");
    // The fetch URL works once, so reloading cannot help: a new launch is needed.
    showError(err, "Close this window and open the course again from Licensure's course catalog.");
    return;
  }
  setStatus("");
  byId("return").addEventListener("click", onReturn);
  byId("leave").hidden = false;
  if (progress.passed) {
    // Nothing is left to earn, and "passed" may not be sent twice: offer only the way back.
    byId("already-passed").hidden = false;
    byId("return").focus();
    return;
  }
  byId("mode-note").hidden = recording();
  byId("course").hidden = false;
  form.addEventListener("submit", onSubmit);
  byId("retry").addEventListener("click", onRetry);
}

/** The launch's own state address: this learner, this AU, this registration. */
function progressAddress() {
  const launch = cmi5.getLaunchParameters();
  return {
    agent: launch.actor,
    activityId: launch.activityId,
    registration: launch.registration,
    stateId: PROGRESS_STATE_ID,
  };
}

/** What earlier sessions recorded; nothing in a first session. */
async function loadProgress() {
  const { stateId, ...where } = progressAddress();
  // List the registration's state ids first: reading a missing document answers 404, which
  // the browser reports as an error in the console even though it is expected.
  const ids = (await cmi5.xapi.getStates(where)).data;
  if (!Array.isArray(ids) || !ids.includes(stateId)) return {};
  const response = await cmi5.xapi.getState({ ...where, stateId });
  const data = typeof response.data === "string" ? JSON.parse(response.data) : response.data;
  return { completed: data?.completed === true, passed: data?.passed === true };
}

/** Writes the progress document when it differs from what the LRS holds. */
async function saveProgress() {
  const current = JSON.stringify(progress);
  if (current === savedProgress) return;
  await cmi5.xapi.setState({ ...progressAddress(), state: { ...progress } });
  savedProgress = current;
}

/** Browse and Review launches must not send completed, passed or failed (spec 10.2.2). */
function recording() {
  return cmi5.getLaunchData().launchMode === "Normal";
}

function masteryScore() {
  const value = Number(cmi5.getLaunchData().masteryScore);
  return Number.isFinite(value) ? value : DEFAULT_MASTERY_SCORE;
}

async function onSubmit(event) {
  event.preventDefault();
  if (busy || attempt !== "answering" || terminated) return;

  const data = new FormData(form);
  const unanswered = QUESTIONS.find((q) => !data.get(q));
  if (unanswered) {
    byId("result").textContent = "Answer all three questions first.";
    form.querySelector(`input[name="${unanswered}"]`).focus();
    return;
  }
  const correct = QUESTIONS.filter((q) => data.get(q) === ANSWERS[q]).length;
  const scaled = correct / QUESTIONS.length;
  const passed = scaled >= masteryScore();

  const ok = await withBusy(async () => {
    if (!recording()) return;
    // Each step is skipped once done, so submitting again after an error repeats nothing.
    // Completed first: the learner has now seen all the material (spec 9.3.3).
    if (!progress.completed) {
      await cmi5.complete();
      progress.completed = true;
    }
    await saveProgress();
    const score = { scaled, raw: correct, min: 0, max: QUESTIONS.length };
    if (passed) {
      if (!progress.passed) {
        await cmi5.pass(score);
        progress.passed = true;
      }
      await saveProgress();
    } else {
      await cmi5.fail(score);
    }
  }, "Your answers were not recorded. Choose Submit answers to send them again.");
  if (!ok) return;

  attempt = passed ? "passed" : "failed";
  const verdict = passed ? "passed" : "failed";
  const note = recording() ? "" : " (not recorded)";
  byId("result").textContent =
    `You answered ${correct} of ${QUESTIONS.length} correctly: ${verdict}.${note}`;
  refreshControls();
  // The submit button is now disabled, so give keyboard users the next step.
  byId(passed ? "return" : "retry").focus();
}

function onRetry() {
  if (busy || terminated) return;
  attempt = "answering";
  form.reset();
  byId("result").textContent = "";
  refreshControls();
  form.querySelector("input[type=radio]").focus();
}

async function onReturn() {
  if (busy) return;
  const ok = await withBusy(async () => {
    if (!terminated) {
      await cmi5.terminate();
      terminated = true;
    }
  }, "Licensure has not recorded that you finished. Choose Return to Licensure to try again.");
  if (!ok) return;

  const url = returnUrl();
  if (url) {
    window.location.assign(url);
  } else {
    for (const id of ["course", "already-passed", "leave"]) byId(id).hidden = true;
    byId("closing").hidden = false;
    byId("closing").focus();
  }
}

/** returnURL comes from the LMS; only http(s) is followed so no script URL can run here. */
function returnUrl() {
  const raw = cmi5.getLaunchData().returnURL;
  if (typeof raw !== "string" || raw === "") return null;
  try {
    const url = new URL(raw, window.location.href);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

/** Runs one LRS exchange with the controls disabled; shows any error. Returns success. */
async function withBusy(work, nextStep) {
  // Disabling the focused button drops keyboard focus to the page, so put it back afterwards.
  const focused = document.activeElement;
  busy = true;
  showError(null);
  refreshControls();
  try {
    await work();
    return true;
  } catch (err) {
    showError(err, nextStep);
    return false;
  } finally {
    busy = false;
    refreshControls();
    if (focused instanceof HTMLElement && !focused.disabled) focused.focus();
  }
}

function refreshControls() {
  const locked = attempt !== "answering" || terminated;
  for (const fieldset of form.querySelectorAll("fieldset")) fieldset.disabled = locked || busy;
  byId("submit").disabled = locked || busy;
  // A retry is only offered while a later "passed" is still allowed (spec 9.3.4).
  byId("retry").hidden = attempt !== "failed" || progress.passed || terminated;
  byId("retry").disabled = busy;
  byId("return").disabled = busy;
}

function setStatus(text) {
  byId("status").textContent = text;
}

/** Puts a plain-words error in the alert region (null clears it); details go to the console. */
function showError(err, nextStep) {
  const region = byId("error");
  if (!err) {
    region.textContent = "";
    return;
  }
  console.error(err);
  region.textContent = `${describe(err)} ${nextStep}`;
}

function describe(err) {
  const status = err && err.response ? err.response.status : 0;
  if (status === 401 || status === 403) {
    return `Licensure did not accept this course session (HTTP ${status}); it may have expired.`;
  }
  if (status === 404) return "Licensure could not find this course session (HTTP 404).";
  if (status) return `Licensure could not save your progress (HTTP ${status}).`;
  if (err && (err.code === "ERR_NETWORK" || err.request)) {
    return "The course could not reach Licensure. Check your internet connection.";
  }
  const message = err && err.message ? err.message.replace(/\.$/, "") : String(err);
  return `Something went wrong: ${message}.`;
}
