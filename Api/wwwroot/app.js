"use strict";

const $ = (id) => document.getElementById(id);
const fmt = (n) => n == null ? "—" : Number(n).toLocaleString("en-US");
let source = null;
let history = [];
let current = null;

// The key (if the service requires one) is kept in this browser only, sent as X-Api-Key, and mirrored in a
// same-site cookie so the dashboard link works too.
function apiKey() { return $("api-key").value.trim(); }
function rememberKey() {
  const key = apiKey();
  localStorage.setItem("pi-api-key", key);
  document.cookie = `pi-api-key=${encodeURIComponent(key)}; path=/; SameSite=Strict` + (key ? "" : "; max-age=0");
}
function authHeaders() { return apiKey() ? { "X-Api-Key": apiKey() } : {}; }

// Accepts 1e10, 10000000000 or 1_000_000; returns the exact integer as a string, or null.
function parseCount(text) {
  const t = String(text).trim().replace(/[_,\s]/g, "");
  const m = /^(\d+)(?:\.(\d+))?(?:e(\d+))?$/i.exec(t);
  if (!m) return null;
  const frac = m[2] || "", exp = Number(m[3] || 0);
  if (frac.length > exp) return null;
  const digits = (m[1] + frac + "0".repeat(exp - frac.length)).replace(/^0+(?=\d)/, "");
  return digits;
}

// Accepts a positive number such as 1e-7 or 0.0001; returns it as JSON number text, or null.
function parseTarget(text) {
  const t = String(text).trim();
  const n = Number(t);
  return t !== "" && Number.isFinite(n) && n > 0 ? String(n) : null;
}

// The size field of the request: {"total_points": digits} or {"target_error": number}, or an error message.
function sizeField() {
  if ($("by").value === "precision") {
    const target = parseTarget($("precision").value);
    return target === null ? { error: "Target error must be a positive number such as 1e-7." } : { json: `"target_error":${target}`, query: `target_error=${target}` };
  }
  const points = parseCount($("points").value);
  return points === null ? { error: "Points must be a whole number such as 1e10." } : { json: `"total_points":${points}`, query: `total_points=${points}` };
}

function eta(seconds) {
  if (seconds == null) return "unknown";
  const s = Math.ceil(Math.max(0, seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86400)} d ${Math.floor((s % 86400) / 3600)} h`;
}

function chooseSize() {
  const precision = $("by").value === "precision";
  $("points-label").hidden = precision;
  $("precision-label").hidden = !precision;
  showPlan();
}

// What the request would take, from GET /api/estimate: points, expected half-width and duration at the measured speed.
let planTimer = null;
function showPlan() {
  clearTimeout(planTimer);
  planTimer = setTimeout(async () => {
    const size = sizeField();
    if (size.error) { $("plan").textContent = size.error; return; }
    const response = await fetch(`/api/estimate?${size.query}`);
    const e = await response.json().catch(() => ({ title: response.statusText }));
    if (!response.ok) {
      $("plan").textContent = e.errors ? Object.values(e.errors).flat().join(" ") : (e.detail || e.title);
      return;
    }
    $("plan").textContent = `${fmt(e.total_points)} points, 95% half-width ±${e.expected_half_width.toExponential(2)}, ` +
      (e.expected_duration_s == null ? "duration unknown until the cluster has measured its speed." : `about ${eta(e.expected_duration_s)} on ${e.slots_available} slots.`);
  }, 250);
}

async function submit(event) {
  event.preventDefault();
  $("form-error").textContent = "";
  const size = sizeField();
  if (size.error) { $("form-error").textContent = size.error; return; }
  const seedText = $("seed").value.trim();
  const seed = seedText === "" ? null : parseCount(seedText);
  if (seedText !== "" && seed === null) { $("form-error").textContent = "Seed must be a whole number."; return; }
  // Numbers go into the JSON text as digits, so values above 2^53 stay exact.
  const body = `{${size.json},"mode":"${$("mode").value}"${seed === null ? "" : `,"seed":${seed}`}}`;
  rememberKey();
  const response = await fetch("/api/calculate", { method: "POST", headers: { "Content-Type": "application/json", ...authHeaders() }, body });
  const payload = await response.json().catch(() => ({ title: response.statusText }));
  if (!response.ok) {
    const errors = payload.errors ? Object.values(payload.errors).flat().join(" ") : "";
    $("form-error").textContent = `${payload.title}. ${errors || payload.detail || ""}`;
    return;
  }
  watch(payload);
}

function watch(calculation) {
  if (source) source.close();
  history = [];
  current = calculation;
  showCalculation(calculation);
  if (!["pending", "running"].includes(calculation.status)) { refreshRecent(); return; }
  source = new EventSource(`/api/calculate/${calculation.id}/events`);
  source.addEventListener("progress", (e) => showProgress(JSON.parse(e.data)));
  for (const name of ["completed", "failed", "cancelled"]) {
    source.addEventListener(name, (e) => { source.close(); source = null; showCalculation(JSON.parse(e.data)); refreshRecent(); });
  }
}

function showProgress(p) {
  $("status").textContent = p.status;
  $("chunks").textContent = `${fmt(p.chunks_done)} / ${fmt(p.chunks_total)}`;
  $("bar-fill").style.width = `${(p.progress * 100).toFixed(1)}%`;
  $("points-done").textContent = fmt(p.points_done);
  $("silos-working").textContent = p.silos_working.join(", ") || "—";
  $("silos-used").textContent = p.silos_used.join(", ") || "—";
  $("eta").textContent = eta(p.eta_s);
  if (p.estimate != null) {
    $("estimate").textContent = p.estimate.toFixed(10);
    $("stderr").textContent = p.standard_error.toExponential(3);
    history.push({ x: p.points_done, y: p.estimate, se: p.standard_error });
    draw();
  }
}

function showCalculation(c) {
  current = c;
  $("calc-id").textContent = c.id;
  $("status").textContent = c.status;
  $("chunks").textContent = `${fmt(c.chunks_done)} / ${fmt(c.chunks_total)}`;
  $("bar-fill").style.width = `${(c.progress * 100).toFixed(1)}%`;
  $("points-done").textContent = fmt(c.points_done);
  $("duration").textContent = c.duration_ms == null ? "—" : `${(c.duration_ms / 1000).toFixed(2)} s`;
  $("silos-used").textContent = c.silos_used.join(", ") || "—";
  $("cancel").hidden = !["pending", "running"].includes(c.status);
  $("eta").textContent = ["pending", "running"].includes(c.status) ? eta(c.eta_s) : "—";
  $("target").textContent = c.target_error == null ? "—"
    : `${c.target_error.toExponential(2)}` + (c.target_met == null ? "" : ` (half-width ${c.half_width.toExponential(2)}, ${c.target_met ? "met" : "not met"})`);
  if (c.result_pi != null) {
    $("estimate").textContent = c.result_pi.toFixed(10);
    $("stderr").textContent = c.standard_error.toExponential(3);
    const ci = c.confidence_interval_95;
    $("interval").textContent = `${ci.low.toFixed(10)} … ${ci.high.toFixed(10)}`;
    $("silos-working").textContent = "—";
    history.push({ x: c.result_total, y: c.result_pi, se: c.standard_error });
    draw();
  }
  if (c.error) $("form-error").textContent = c.error;
}

function draw() {
  const canvas = $("chart"), g = canvas.getContext("2d");
  const w = canvas.width, h = canvas.height, pad = 40;
  g.clearRect(0, 0, w, h);
  if (history.length === 0) return;
  const spread = Math.max(...history.map((p) => Math.abs(p.y - Math.PI) + 2 * p.se), 1e-9);
  const y = (v) => h / 2 - ((v - Math.PI) / spread) * (h / 2 - 10);
  const maxX = Math.max(...history.map((p) => p.x));
  const x = (v) => pad + (v / maxX) * (w - pad - 10);
  g.strokeStyle = "#16a34a"; g.beginPath(); g.moveTo(pad, y(Math.PI)); g.lineTo(w - 10, y(Math.PI)); g.stroke();
  g.fillStyle = "rgba(37,99,235,.15)"; g.beginPath();
  history.forEach((p, i) => (i ? g.lineTo(x(p.x), y(p.y + 2 * p.se)) : g.moveTo(x(p.x), y(p.y + 2 * p.se))));
  [...history].reverse().forEach((p) => g.lineTo(x(p.x), y(p.y - 2 * p.se)));
  g.fill();
  g.strokeStyle = "#2563eb"; g.beginPath();
  history.forEach((p, i) => (i ? g.lineTo(x(p.x), y(p.y)) : g.moveTo(x(p.x), y(p.y))));
  g.stroke();
  g.fillStyle = "#5b6673"; g.font = "12px system-ui";
  g.fillText("π", 8, y(Math.PI) + 4);
  g.fillText(`±${spread.toExponential(1)}`, 4, 14);
}

async function cancel() {
  if (current) await fetch(`/api/calculate/${current.id}`, { method: "DELETE", headers: authHeaders() });
}

async function refreshCluster() {
  try {
    const [cluster, scaling] = await Promise.all([fetch("/api/cluster").then((r) => r.json()), fetch("/api/scaling").then((r) => r.json())]);
    $("silos").innerHTML = cluster.silos.map((s) =>
      `<tr><td>${s.name}</td><td>${s.status}</td><td>${s.runs_chunks ? "yes" : "no"}</td><td>${s.slots_used} / ${s.slots_total}</td><td>${s.slots_queued}</td><td>${fmt(s.chunks_completed)}</td></tr>`).join("");
    $("scaling").textContent = `Slots ${scaling.slots_used} used, ${scaling.slots_queued} queued of ${scaling.slots_total}; ` +
      `${fmt(scaling.pending_chunks)} chunks pending; desired workers ${scaling.desired_workers}.`;
    const k8s = await fetch("/api/k8s/status");
    if (k8s.ok) {
      const status = await k8s.json();
      const kube = status.kubernetes || {};
      $("k8s").textContent = kube.available
        ? `${(kube.pods || []).length} pods; HPA ${kube.hpa ? `${kube.hpa.current_replicas} → ${kube.hpa.desired_replicas} (min ${kube.hpa.min_replicas}, max ${kube.hpa.max_replicas})` : "none"}`
        : `not available: ${kube.reason || "unknown"}`;
    }
  } catch (e) {
    $("scaling").textContent = `cluster status unavailable: ${e}`;
  }
}

async function refreshRecent() {
  const list = await fetch("/api/calculate?limit=10").then((r) => r.json());
  $("recent").innerHTML = list.map((c) =>
    `<tr><td class="mono">${c.id.slice(0, 8)}</td><td>${c.status}</td><td>${c.mode}</td><td>${fmt(c.total_points)}</td>` +
    `<td class="mono">${c.target_error == null ? "—" : c.target_error.toExponential(1) + (c.target_met == null ? "" : c.target_met ? " ✓" : " ✗")}</td>` +
    `<td class="mono">${c.result_pi == null ? "—" : c.result_pi.toFixed(8)}</td><td>${c.duration_ms == null ? "—" : (c.duration_ms / 1000).toFixed(2) + " s"}</td></tr>`).join("");
}

$("api-key").value = localStorage.getItem("pi-api-key") || "";
$("submit-form").addEventListener("submit", submit);
$("cancel").addEventListener("click", cancel);
$("by").addEventListener("change", chooseSize);
$("points").addEventListener("input", showPlan);
$("precision").addEventListener("input", showPlan);
chooseSize();
refreshCluster();
refreshRecent();
setInterval(refreshCluster, 2000);
