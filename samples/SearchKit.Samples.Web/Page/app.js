// The search page. Article text is untrusted: it only ever reaches the page through textContent and
// createTextNode, and highlights are <mark> elements built from the API's character spans: nothing is ever parsed as HTML.
"use strict";

const pageSize = 5;
const state = { q: "", skip: 0, passages: false };
const $ = (id) => document.getElementById(id);

$("search").addEventListener("submit", (event) => {
  event.preventDefault();
  state.q = $("q").value.trim();
  state.skip = 0;
  load();
});
$("passages").addEventListener("change", () => {
  state.passages = $("passages").checked;
  state.skip = 0;
  if (state.q) load();
});
$("prev").addEventListener("click", () => { state.skip = Math.max(0, state.skip - pageSize); load(); });
$("next").addEventListener("click", () => { state.skip += pageSize; load(); });

async function load() {
  if (!state.q) return;
  const url = `/api/search?q=${encodeURIComponent(state.q)}&top=${pageSize}&skip=${state.skip}&passages=${state.passages}`;
  setStatus("Searching…");
  let response, body;
  try {
    response = await fetch(url, { headers: { Accept: "application/json" } });
    body = await response.json();
  } catch (error) {
    return showError(`The search failed: ${error.message}`);
  }
  if (!response.ok) return showError(body && body.error ? body.error : `The search failed (${response.status})`);
  render(body);
}

function render(data) {
  const list = $("results");
  list.replaceChildren(...data.hits.map(renderHit));
  const first = data.total === 0 ? 0 : state.skip + 1;
  const last = state.skip + data.hits.length;
  const unit = state.passages ? "passages" : "articles";
  // In passage mode the total may be a lower bound (totalIsLowerBound): then there is no last page to compute,
  // and a full page means there may be another.
  const atLeast = data.totalIsLowerBound === true;
  const total = atLeast ? `${data.total}+` : `${data.total}`;
  setStatus(data.total === 0 ? `No ${unit} match “${data.query}”.` : `${first}–${last} of ${total} ${unit} (${data.tookMs} ms)`);
  $("pager").hidden = !atLeast && data.total <= pageSize;
  $("prev").disabled = state.skip === 0;
  $("next").disabled = atLeast ? data.hits.length < pageSize : last >= data.total;
  const pages = Math.max(1, Math.ceil(data.total / pageSize));
  $("page").textContent = `Page ${Math.floor(state.skip / pageSize) + 1} of ${atLeast ? `at least ${pages}` : pages}`;
}

function renderHit(hit) {
  const item = el("li", "hit");
  item.dataset.id = hit.id;
  item.append(el("h2", null, hit.title));
  item.append(el("div", "meta", `${hit.path || hit.id} · score ${hit.score.toFixed(2)}`));
  if (hit.paragraphs.length === 0 && hit.lead) item.append(el("p", "lead", hit.lead));
  for (const paragraph of hit.paragraphs) {
    const block = el("div", "para");
    block.dataset.index = paragraph.index;
    if (paragraph.heading) block.append(el("h3", null, paragraph.heading));
    const text = el("p");
    text.append(highlight(paragraph.text, paragraph.highlights));
    block.append(text);
    item.append(block);
  }
  return item;
}

// Splits the text at the highlight spans: plain runs become text nodes, matched runs <mark> elements.
function highlight(text, spans) {
  const fragment = document.createDocumentFragment();
  let position = 0;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  for (const span of sorted) {
    const start = Math.max(span.start, position);
    const end = Math.min(span.start + span.length, text.length);
    if (end <= start) continue;
    if (start > position) fragment.append(document.createTextNode(text.slice(position, start)));
    const mark = document.createElement("mark");
    mark.textContent = text.slice(start, end);
    fragment.append(mark);
    position = end;
  }
  if (position < text.length) fragment.append(document.createTextNode(text.slice(position)));
  return fragment;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function setStatus(text) {
  $("status").className = "";
  $("status").textContent = text;
}

function showError(message) {
  $("results").replaceChildren();
  $("pager").hidden = true;
  $("status").className = "error";
  $("status").textContent = message;
}
