// EmrCat practice page: plain JS, no build step. The server holds the session; this page only shows the current item,
// sends one answer per item (retrying the identical request when the network fails: the server applies it once) and
// renders the result. The session id and token live in sessionStorage, so a reload continues where it stopped.
"use strict";

const $ = (id) => document.getElementById(id);
// picked: the chosen option ids (one for a single-answer item, the checked ones for select-all, the order so far for ordering).
const state = { session: null, current: null, picked: [], deadline: null, busy: false };
const HINTS = {
  single: "Choose one answer.",
  multiple: "Select all that apply, then submit.",
  ordered: "Put every option in order: choose them first to last (choosing one again takes it out), then submit.",
};
const LEVEL_WORDS = { above: "Above the passing standard", near: "Near the passing standard", below: "Below the passing standard", "too-few-items": "Too few items to say" };

function show(view) {
  for (const id of ["start-view", "item-view", "result-view"]) $(id).hidden = id !== view;
}

function say(text) { $("message").textContent = text || ""; }

function saved() {
  try { return JSON.parse(sessionStorage.getItem("emrcat-session") || "null"); } catch { return null; }
}

async function api(path, options = {}, attempts = 4) {
  const headers = { "Content-Type": "application/json" };
  if (state.session) headers.Authorization = "Bearer " + state.session.token;
  for (let attempt = 1; ; attempt++) {
    let response;
    try {
      response = await fetch(path, { ...options, headers });
    } catch (networkError) {
      if (attempt >= attempts) throw new Error("The server cannot be reached. Check your connection and try again.");
      await new Promise((r) => setTimeout(r, 400 * attempt));
      continue;
    }
    if ((response.status >= 500 || response.status === 429) && attempt < attempts) {
      const wait = Number(response.headers.get("Retry-After")) * 1000 || 400 * attempt;
      await new Promise((r) => setTimeout(r, wait));
      continue;
    }
    const body = response.headers.get("Content-Type")?.includes("json") ? await response.json() : null;
    return { status: response.status, body };
  }
}

async function start() {
  const preset = document.querySelector("input[name=preset]:checked").value;
  const seedText = $("seed").value.trim();
  if (seedText && !/^[0-9]{1,15}$/.test(seedText)) { say("The seed must be a whole number of at most 15 digits."); return; }
  $("start").disabled = true;
  try {
    state.session = null;
    const { status, body } = await api("/api/sessions", { method: "POST", body: JSON.stringify({ preset, seed: seedText ? Number(seedText) : null }) });
    if (status !== 201) { say(body?.detail || "The session could not be started."); return; }
    state.session = { id: body.sessionId, token: body.token };
    sessionStorage.setItem("emrcat-session", JSON.stringify(state.session));
    say("");
    await loadCurrent();
  } catch (e) { say(e.message); } finally { $("start").disabled = false; }
}

async function loadCurrent() {
  const { status, body } = await api(`/api/sessions/${state.session.id}/item`);
  if (status === 401 || status === 404) { sessionStorage.removeItem("emrcat-session"); state.session = null; show("start-view"); say("That session is no longer available; start a new one."); return; }
  if (status !== 200) { say(body?.detail || "The item could not be loaded."); return; }
  state.current = body;
  if (body.finished) { stopTimer(); await showResult(); return; }
  renderItem(body);
}

function renderItem(view) {
  const item = view.item;
  state.picked = [];
  $("progress").textContent = `Item ${view.seq} · answered ${view.answered} of ${view.minItems}–${view.maxItems}`;
  $("domain").textContent = item.domain;
  $("item-stem").textContent = item.stem;
  $("item-hint").textContent = HINTS[item.type] || HINTS.single;
  const options = $("options");
  options.dataset.type = item.type;
  options.setAttribute("role", item.type === "single" ? "radiogroup" : "group");
  options.replaceChildren();
  item.options.forEach((option, index) => {
    const button = document.createElement("button");
    button.className = "option";
    button.type = "button";
    if (item.type === "ordered") button.setAttribute("aria-pressed", "false");
    else {
      button.setAttribute("role", item.type === "multiple" ? "checkbox" : "radio");
      button.setAttribute("aria-checked", "false");
    }
    button.dataset.option = option.id;
    const key = document.createElement("span");
    key.className = "key";
    key.textContent = String.fromCharCode(65 + index);
    const text = document.createElement("span");
    text.textContent = option.text;
    const rank = document.createElement("span");
    rank.className = "rank";
    button.append(key, text, rank);
    button.addEventListener("click", () => choose(index));
    if (item.type === "single") button.addEventListener("dblclick", () => { choose(index); submit(); });
    options.append(button);
  });
  $("submit").disabled = true;
  show("item-view");
  startTimer(view.remainingSeconds);
  $("options").firstElementChild?.focus();
}

// Single: that option. Select all: check or uncheck it. Ordering: place it next, or take it out when placed already.
function choose(index) {
  const buttons = [...$("options").children];
  if (index < 0 || index >= buttons.length || state.busy) return;
  const id = buttons[index].dataset.option;
  const type = $("options").dataset.type;
  if (type === "single") state.picked = [id];
  else if (state.picked.includes(id)) state.picked = state.picked.filter((p) => p !== id);
  else state.picked = [...state.picked, id];
  buttons[index].focus();
  showPicked();
}

function unplaceLast() {
  if ($("options").dataset.type !== "ordered" || state.busy) return;
  state.picked = state.picked.slice(0, -1);
  showPicked();
}

function showPicked() {
  const buttons = [...$("options").children];
  const type = $("options").dataset.type;
  for (const b of buttons) {
    const at = state.picked.indexOf(b.dataset.option);
    if (type === "ordered") {
      b.setAttribute("aria-pressed", String(at >= 0));
      b.querySelector(".rank").textContent = at >= 0 ? String(at + 1) : "";
    } else b.setAttribute("aria-checked", String(at >= 0));
  }
  $("submit").disabled = type === "ordered" ? state.picked.length !== buttons.length : state.picked.length === 0;
}

// The answer body: optionId for a single-answer item; optionIds for a selection (in the order shown) or an order.
function answerBody() {
  const item = state.current.item;
  const body = { seq: state.current.seq, itemId: item.itemId };
  if (item.type === "single") body.optionId = state.picked[0];
  else if (item.type === "multiple") body.optionIds = item.options.map((o) => o.id).filter((id) => state.picked.includes(id));
  else body.optionIds = [...state.picked];
  return body;
}

async function submit() {
  if (state.busy || !state.current?.item || $("submit").disabled) return;
  state.busy = true;
  $("submit").disabled = true;
  const answer = answerBody();
  try {
    const { status, body } = await api(`/api/sessions/${state.session.id}/answers`, { method: "POST", body: JSON.stringify(answer) });
    if (status === 409) say(body?.detail || "That answer was not accepted.");
    else if (status !== 200) { say(body?.detail || "The answer could not be sent."); $("submit").disabled = false; return; }
    else say(body.counted ? "" : "Time is up: that answer came after the time limit and was not counted.");
    await loadCurrent();
  } catch (e) {
    say(e.message + " Your answer was not lost: press Enter to send it again.");
    $("submit").disabled = false;
  } finally { state.busy = false; }
}

function startTimer(seconds) {
  stopTimer();
  if (seconds == null) { $("timer").textContent = ""; return; }
  state.deadline = Date.now() + seconds * 1000;
  tick();
  state.timer = setInterval(tick, 250);
}

function stopTimer() { clearInterval(state.timer); state.timer = null; $("timer").textContent = ""; }

function tick() {
  const left = Math.max(0, Math.round((state.deadline - Date.now()) / 1000));
  const h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
  $("timer").textContent = (h ? `${h}:${String(m).padStart(2, "0")}` : `${m}`) + `:${String(s).padStart(2, "0")} left`;
  $("timer").classList.toggle("low", left <= 60);
  if (left === 0) { stopTimer(); loadCurrent(); }
}

async function showResult() {
  const { status, body } = await api(`/api/sessions/${state.session.id}/report`);
  if (status !== 200) { say(body?.detail || "The result could not be loaded."); return; }
  const r = body.result;
  $("progress").textContent = "Result";
  const decision = $("decision");
  decision.className = r.decision.toLowerCase();
  decision.textContent = r.decision === "Pass" ? "Pass" : r.decision === "Fail" ? "Fail" : "Undecided";
  $("explanation").textContent = r.explanation;
  const at = (score) => `${((score - r.minimumScore) / (r.maximumScore - r.minimumScore)) * 100}%`;
  $("score-fill").style.width = at(r.reportedScore);
  $("score-marker").style.left = at(r.reportedScore);
  $("score-value").textContent = r.reportedScore;
  $("pass-line").style.left = at(r.passingScore);
  $("pass-line").querySelector("span").textContent = `${r.passingScore} passing`;
  const minutes = Math.floor(r.elapsedSeconds / 60), secs = Math.round(r.elapsedSeconds % 60);
  $("counts").textContent = `Scaled score ${r.reportedScore} of ${r.minimumScore}–${r.maximumScore} (${r.passingScore} to pass) · ${r.scoredCorrect} of ${r.scoredCount} scored items right · ${minutes} min ${secs} s`;
  const rows = r.domains.map((d) => {
    const tr = document.createElement("tr");
    const level = document.createElement("td");
    level.className = "level-" + d.level;
    level.textContent = LEVEL_WORDS[d.level] || d.level;
    tr.append(cell(d.name), cell(`${d.correct}/${d.total}`), level);
    return tr;
  });
  $("domains").tBodies[0].replaceChildren(...rows);
  $("miss-count").textContent = `(${body.errorLog.length} missed scored item${body.errorLog.length === 1 ? "" : "s"})`;
  $("error-log").replaceChildren(...(body.errorLog.length ? body.errorLog.map(renderMiss) : [para("No scored misses.")]));
  $("repair-plan").replaceChildren(...body.repairPlan.map((a) => {
    const li = document.createElement("li");
    const title = document.createElement("strong");
    title.textContent = a.title;
    li.append(title, para(a.diagnosis));
    const steps = document.createElement("ul");
    steps.append(...a.steps.map((s) => { const x = document.createElement("li"); x.textContent = s; return x; }));
    li.append(steps);
    return li;
  }));
  show("result-view");
  window.scrollTo(0, 0);
  $("again").focus({ preventScroll: true });
}

function renderMiss(m) {
  const div = document.createElement("div");
  div.className = "miss";
  const head = para("");
  const strong = document.createElement("strong");
  strong.textContent = m.domain + " ";
  const bucket = document.createElement("span");
  bucket.className = "bucket";
  bucket.textContent = m.bucket;
  bucket.title = m.evidence;
  head.append(strong, bucket);
  div.append(head, para(m.stem), para("Your answer: " + (m.timedOut ? "(no answer in time)" : m.yourAnswer.join("; "))),
    para("Best answer: " + m.bestAnswer.join("; ")), para("Why: " + m.rationale));
  return div;
}

function cell(text) { const td = document.createElement("td"); td.textContent = text; return td; }
function para(text) { const p = document.createElement("p"); p.textContent = text; return p; }

document.addEventListener("keydown", (e) => {
  if ($("item-view").hidden || e.ctrlKey || e.metaKey || e.altKey || e.target instanceof HTMLInputElement) return;
  const k = e.key.toUpperCase();
  if (k.length === 1 && k >= "A" && k <= "Z") { choose(k.charCodeAt(0) - 65); e.preventDefault(); }
  else if (e.key === "Enter") { submit(); e.preventDefault(); }
  else if (e.key === "Backspace") { unplaceLast(); e.preventDefault(); }
});
$("start").addEventListener("click", start);
$("seed").addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); start(); } });
$("submit").addEventListener("click", submit);
$("again").addEventListener("click", () => { sessionStorage.removeItem("emrcat-session"); state.session = null; $("progress").textContent = ""; say(""); show("start-view"); });

(async () => {
  state.session = saved();
  if (state.session) { try { await loadCurrent(); } catch (e) { say(e.message); } }
  else show("start-view");
})();
