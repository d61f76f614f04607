// The search page. Article text is untrusted: it only ever reaches the page through textContent and
// createTextNode, and highlights are <mark> elements built from the API's character spans: nothing is ever parsed as HTML.
//
// The address is the state: ?q=…&filter=…(repeated)&sort=…&passages=1&article=ID. Every change a user makes pushes a
// new address and runs it, so a search can be bookmarked and shared, and back/forward (popstate) restore it.
"use strict";

const pageSize = 5;
const $ = (id) => document.getElementById(id);

// What the address says.
let state = { q: "", filters: [], sort: "relevance", passages: false, article: null };
// The results shown: the last response (its filters as the API read them) and where "More results" goes on from.
let shown = { data: null, count: 0, cursor: null };
// Newer requests win: a slow answer to an older one is dropped.
let searchGeneration = 0;
let knownFields = null;

// ---- the address ------------------------------------------------------------------------------------------------

function readAddress() {
  const params = new URLSearchParams(location.search);
  const sort = params.get("sort");
  return {
    q: (params.get("q") || "").trim(),
    filters: params.getAll("filter").map((f) => f.trim()).filter((f) => f.length > 0),
    sort: sort === "newest" || sort === "oldest" ? sort : "relevance",
    passages: params.get("passages") === "1" || params.get("passages") === "true",
    article: params.get("article") || null,
  };
}

function addressOf(s) {
  const params = new URLSearchParams();
  if (s.q) params.set("q", s.q);
  for (const f of s.filters) params.append("filter", f);
  if (s.sort !== "relevance") params.set("sort", s.sort);
  if (s.passages) params.set("passages", "1");
  if (s.article) params.set("article", s.article);
  const query = params.toString();
  return query ? `/?${query}` : "/";
}

// Applies a change, records it in the history and shows it.
function navigate(changes) {
  state = { ...state, ...changes };
  const address = addressOf(state);
  if (address !== location.pathname + location.search) history.pushState(null, "", address);
  show();
}

window.addEventListener("popstate", () => {
  state = readAddress();
  show();
});

function syncControls() {
  $("q").value = state.q;
  $("sort").value = state.sort;
  $("passages").checked = state.passages;
  // Passage mode ranks paragraphs by relevance only.
  $("sort").disabled = state.passages;
}

function show() {
  syncControls();
  closeCompletions();
  if (state.article) {
    showArticle(state.article);
  } else {
    $("article").hidden = true;
    search(false);
  }
}

// ---- the search form --------------------------------------------------------------------------------------------

$("search").addEventListener("submit", (event) => {
  event.preventDefault();
  navigate({ q: $("q").value.trim(), article: null });
});
$("passages").addEventListener("change", () => navigate({ passages: $("passages").checked, article: null }));
$("sort").addEventListener("change", () => navigate({ sort: $("sort").value, article: null }));
$("more").addEventListener("click", () => search(true));
$("home").addEventListener("click", (event) => {
  event.preventDefault();
  navigate({ q: "", filters: [], sort: "relevance", passages: false, article: null });
});
$("back").addEventListener("click", (event) => {
  event.preventDefault();
  navigate({ article: null });
});

// ---- searching --------------------------------------------------------------------------------------------------

// The facets to ask for: every keyword field but url (one value per article), and a histogram of each date field.
// The fields are asked for again with each new search (not for more results): the folder the sample watches may
// bring new ones at any time, and the answer is a small in-memory list.
async function facetRequests(refresh) {
  if (refresh || !knownFields) {
    const body = await getJson("/api/fields");
    if (body.error !== undefined) return [];
    knownFields = body;
  }
  const fields = knownFields;
  const first = ["category", "tags", "author"];
  const rank = (name) => (first.includes(name) ? first.indexOf(name) : first.length);
  return fields
    .filter((f) => (f.kind === "keyword" && f.name !== "url") || f.kind === "date")
    .sort((a, b) => rank(a.name) - rank(b.name) || (a.kind === "date") - (b.kind === "date") || a.name.localeCompare(b.name))
    .map((f) => (f.kind === "date" ? `${f.name}:year` : `${f.name}:8`));
}

async function search(append) {
  const generation = ++searchGeneration;
  $("article").hidden = true;
  setHidden(["facets", "chips", "results", "status"], false);
  if (!state.q && state.filters.length === 0) {
    // Nothing asked: an empty page, as at the start.
    shown = { data: null, count: 0, cursor: null };
    $("results").replaceChildren();
    $("facets").replaceChildren();
    $("chips").replaceChildren();
    $("suggestion").hidden = true;
    $("more").hidden = true;
    setStatus("");
    return;
  }

  const params = new URLSearchParams();
  params.set("q", state.q);
  for (const f of state.filters) params.append("filter", f);
  if (!state.passages && state.sort !== "relevance") params.set("sort", state.sort);
  params.set("top", pageSize);
  params.set("passages", state.passages);
  if (append) {
    if (shown.cursor) params.set("after", shown.cursor);
    else params.set("skip", shown.count);
  }
  for (const facet of await facetRequests(!append)) params.append("facet", facet);

  if (!append) setStatus("Searching…");
  const body = await getJson(`/api/search?${params}`);
  if (generation !== searchGeneration) return;
  if (body.error !== undefined) return showError(body.error);
  render(body, append);
}

// GETs JSON; a failure of any kind comes back as { error }.
async function getJson(url) {
  let response, body;
  try {
    response = await fetch(url, { headers: { Accept: "application/json" } });
    body = await response.json();
  } catch (error) {
    return { error: `The request failed: ${error.message}` };
  }
  if (!response.ok) return { error: body && body.error ? body.error : `The request failed (${response.status})` };
  return body;
}

function render(data, append) {
  const list = $("results");
  const hits = data.hits.map(renderHit);
  if (append) list.append(...hits);
  else list.replaceChildren(...hits);
  shown = { data, count: (append ? shown.count : 0) + data.hits.length, cursor: data.nextCursor || null };

  const unit = state.passages ? "passages" : "articles";
  // In passage mode the total may be a lower bound (totalIsLowerBound): then a full page means there may be more.
  const atLeast = data.totalIsLowerBound === true;
  const total = atLeast ? `${data.total}+` : `${data.total}`;
  const what = data.query ? `“${data.query}”` : "these filters";
  setStatus(data.total === 0 ? `No ${unit} match ${what}.` : `1–${shown.count} of ${total} ${unit} (${data.tookMs} ms)`);
  $("more").hidden = state.passages
    ? (atLeast ? data.hits.length < pageSize : shown.count >= data.total)
    : !shown.cursor;

  renderSuggestion(data.suggestion);
  renderChips(data.filters || []);
  renderFacets(data.facets || {}, data.filters || []);
}

function renderHit(hit) {
  const item = el("li", "hit");
  item.dataset.id = hit.id;
  const heading = el("h2");
  heading.append(articleLink(hit.id, hit.title));
  item.append(heading);
  item.append(el("div", "meta", [hit.path || hit.id, ...describeFields(hit.fields), `score ${hit.score.toFixed(2)}`].join(" · ")));
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

function articleLink(id, title) {
  const link = el("a", null, title);
  link.href = addressOf({ ...state, article: id });
  link.addEventListener("click", (event) => {
    event.preventDefault();
    navigate({ article: id });
  });
  return link;
}

// The metadata a reader wants beside a title: category, author, date, tags.
function describeFields(fields) {
  if (!fields) return [];
  const list = (v) => (Array.isArray(v) ? v : [v]);
  const parts = [];
  if (fields.category !== undefined) parts.push(list(fields.category).join(", "));
  if (fields.author !== undefined) parts.push(list(fields.author).join(", "));
  if (fields.published !== undefined) parts.push(String(list(fields.published)[0]).slice(0, 10));
  if (fields.tags !== undefined) parts.push(list(fields.tags).map((t) => `#${t}`).join(" "));
  return parts;
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

// ---- did you mean -----------------------------------------------------------------------------------------------

function renderSuggestion(suggestion) {
  const box = $("suggestion");
  if (!suggestion) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  const link = el("a", null, suggestion.query);
  link.id = "suggestion-link";
  link.href = addressOf({ ...state, q: suggestion.query, article: null });
  link.addEventListener("click", (event) => {
    event.preventDefault();
    navigate({ q: suggestion.query, article: null });
  });
  const unit = suggestion.total === 1 ? "article" : "articles";
  box.replaceChildren("Did you mean ", link, `? (${suggestion.total} ${unit})`);
  box.hidden = false;
}

// ---- filters: chips and the facet sidebar -----------------------------------------------------------------------

function renderChips(filters) {
  $("chips").replaceChildren(...state.filters.map((raw, i) => {
    const text = filters[i] ? filters[i].text : raw;
    const chip = el("li", "chip");
    chip.dataset.filter = raw;
    chip.append(el("span", null, text));
    const remove = el("button", null, "×");
    remove.type = "button";
    remove.setAttribute("aria-label", `Remove the filter ${text}`);
    remove.addEventListener("click", () => navigate({ filters: state.filters.filter((_, j) => j !== i), article: null }));
    chip.append(remove);
    return chip;
  }));
}

// A value as the filter grammar reads it: quoted when it holds a character the grammar gives a meaning.
function quote(value) {
  const special = value.length === 0 || /[,&"]/.test(value) || value.includes("..") || value !== value.trim();
  return special ? `"${value.replaceAll('"', '""')}"` : value;
}

// The "any of" filter a facet's ticks make (field=a,b): its index in state.filters and its values, as the API read them.
function facetFilter(filters, field) {
  const i = filters.findIndex((f) => f.field === field && Array.isArray(f.anyOf));
  return i < 0 ? { index: -1, values: [] } : { index: i, values: filters[i].anyOf };
}

function toggleFacetValue(filters, field, value, on) {
  const { index, values } = facetFilter(filters, field);
  const next = on ? [...values.filter((v) => v !== value), value] : values.filter((v) => v !== value);
  const expression = `${field}=${next.map(quote).join(",")}`;
  const updated = [...state.filters];
  if (index < 0) updated.push(expression);
  else if (next.length === 0) updated.splice(index, 1);
  else updated[index] = expression;
  navigate({ filters: updated, article: null });
}

function renderFacets(facets, filters) {
  const sections = [];
  for (const [field, facet] of Object.entries(facets)) {
    const selected = facetFilter(filters, field).values;
    const values = [...(facet.values || [])];
    // A ticked value beyond the top N still shows, so that it can be unticked.
    for (const v of selected) if (!values.some((x) => x.value === v)) values.push({ value: v, count: null });
    if (values.length === 0) continue;

    const section = el("section", "facet");
    section.dataset.field = field;
    section.append(el("h2", null, field.charAt(0).toUpperCase() + field.slice(1)));
    const list = el("ul");
    for (const { value, count } of values) {
      const item = el("li");
      item.dataset.value = value;
      const label = el("label");
      const box = el("input");
      box.type = "checkbox";
      box.checked = selected.includes(value);
      box.addEventListener("change", () => toggleFacetValue(filters, field, value, box.checked));
      label.append(box, el("span", "value", value));
      if (count !== null) label.append(el("span", "count", String(count)));
      item.append(label);
      list.append(item);
    }
    section.append(list);
    if (facet.other > 0) section.append(el("p", "other", `${facet.other} more in other values`));
    sections.push(section);
  }
  $("facets").replaceChildren(...sections);
}

// ---- an article and its related articles ------------------------------------------------------------------------

async function showArticle(id) {
  const generation = ++searchGeneration;
  setHidden(["facets", "chips", "results", "status", "suggestion", "more"], true);
  $("article").hidden = false;
  $("article-title").textContent = "Loading…";
  for (const part of ["article-meta", "article-lead"]) $(part).textContent = "";
  $("article-body").replaceChildren();
  $("related").replaceChildren();
  $("back").href = addressOf({ ...state, article: null });

  const [article, related] = await Promise.all([
    getJson(`/api/articles/${idPath(id)}`),
    getJson(`/api/related/${idPath(id)}?top=5`),
  ]);
  if (generation !== searchGeneration) return;
  if (article.error !== undefined) {
    $("article-title").textContent = article.error;
    return;
  }

  $("article").dataset.id = article.id;
  $("article-title").textContent = article.title;
  $("article-meta").textContent = [article.path || article.id, ...describeFields(article.fields)].join(" · ");
  $("article-lead").textContent = article.lead || "";
  $("article-body").replaceChildren(...article.paragraphs.map((p) => {
    const block = el("div", "para");
    if (p.heading) block.append(el("h3", null, p.heading));
    block.append(el("p", null, p.text));
    return block;
  }));

  const hits = related.error !== undefined ? [] : related.hits;
  $("related-section").hidden = hits.length === 0;
  $("related").replaceChildren(...hits.map((hit) => {
    const item = el("li", "related");
    item.dataset.id = hit.id;
    item.append(articleLink(hit.id, hit.title));
    const meta = describeFields(hit.fields);
    if (meta.length > 0) item.append(el("span", "meta", ` ${meta.join(" · ")}`));
    return item;
  }));
}

// An id in a path: an article in a subfolder has an id with '/', which the API's routes take as it is.
function idPath(id) {
  return id.split("/").map(encodeURIComponent).join("/");
}

// ---- completions under the search box ---------------------------------------------------------------------------

const completions = { items: [], active: -1, timer: 0, generation: 0, typed: "" };

$("q").addEventListener("input", () => {
  clearTimeout(completions.timer);
  const typed = $("q").value;
  // Debounced: a request when the typing pauses, not one per key.
  completions.timer = setTimeout(() => complete(typed), 150);
});

$("q").addEventListener("keydown", (event) => {
  const open = !$("completions").hidden && completions.items.length > 0;
  if (event.key === "ArrowDown" && open) {
    event.preventDefault();
    setActive((completions.active + 1) % completions.items.length);
  } else if (event.key === "ArrowUp" && open) {
    event.preventDefault();
    setActive(completions.active <= 0 ? completions.items.length - 1 : completions.active - 1);
  } else if (event.key === "Enter" && open && completions.active >= 0) {
    event.preventDefault();
    choose(completions.items[completions.active]);
  } else if (event.key === "Escape" && open) {
    // Back to what was typed, as before the arrows filled the box.
    event.preventDefault();
    if (completions.active >= 0) $("q").value = completions.typed;
    closeCompletions();
  }
});

$("q").addEventListener("blur", () => setTimeout(closeCompletions, 150));

async function complete(typed) {
  const generation = ++completions.generation;
  if (!typed.trim()) return closeCompletions();
  const body = await getJson(`/api/complete?q=${encodeURIComponent(typed)}&count=8`);
  // Dropped when the user typed on, searched or closed the list meanwhile.
  if (generation !== completions.generation || $("q").value !== typed) return;
  if (body.error !== undefined || body.completions.length === 0) return closeCompletions();

  completions.items = body.completions;
  completions.active = -1;
  completions.typed = typed;
  const list = $("completions");
  list.replaceChildren(...body.completions.map((c, i) => {
    const option = el("li", `completion ${c.kind}`, c.text);
    option.id = `completion-${i}`;
    option.setAttribute("role", "option");
    option.setAttribute("aria-selected", "false");
    if (c.kind === "title") option.append(el("span", "kind", " — title"));
    // mousedown, not click: it comes before the box's blur, which closes the list.
    option.addEventListener("mousedown", (event) => {
      event.preventDefault();
      choose(c);
    });
    return option;
  }));
  list.hidden = false;
  $("q").setAttribute("aria-expanded", "true");
  $("q").removeAttribute("aria-activedescendant");
}

function setActive(index) {
  completions.active = index;
  [...$("completions").children].forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
  $("q").setAttribute("aria-activedescendant", `completion-${index}`);
  $("q").value = completions.items[index].text;
}

// A word completes the query; a title is searched as a phrase.
function choose(completion) {
  const q = completion.kind === "title" ? `"${completion.text.replace(/["\\]/g, " ")}"` : completion.text;
  closeCompletions();
  navigate({ q, article: null });
}

function closeCompletions() {
  clearTimeout(completions.timer);
  completions.generation++;
  completions.items = [];
  completions.active = -1;
  $("completions").hidden = true;
  $("completions").replaceChildren();
  $("q").setAttribute("aria-expanded", "false");
  $("q").removeAttribute("aria-activedescendant");
}

// ---- small helpers ----------------------------------------------------------------------------------------------

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function setHidden(ids, hidden) {
  for (const id of ids) $(id).hidden = hidden;
}

function setStatus(text) {
  $("status").className = "";
  $("status").textContent = text;
}

function showError(message) {
  // The chips stay, so that a filter the API refused can be removed.
  renderChips([]);
  $("facets").replaceChildren();
  $("results").replaceChildren();
  $("more").hidden = true;
  $("suggestion").hidden = true;
  $("status").className = "error";
  $("status").textContent = message;
}

// Opening an address runs what it says.
state = readAddress();
show();
