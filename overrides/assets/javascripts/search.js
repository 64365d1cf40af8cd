// Review search: Pagefind over the published reviews and themes, with filters.
// The query, filters and order live in the address (?q=…&theme=…&from=…), so a search is a
// link that can be shared, and opening it restores the search. Only this site is contacted.
//
// Downloads are kept small: a search by words reads only the index chunks of those words;
// a search by filters alone searches for a word every review carries (one chunk); filter
// indexes load only when used, or when a filter group is opened (to show its counts).

const PAGE_SIZE = 10;
const LIST_FILTERS = ["audience", "theme", "type", "age", "outcome", "proceedings", "board"];
const EVERY_VALUE = new Set(["theme"]); // a review must have every ticked theme; other lists: any
const SORTS = { newest: { published: "desc" }, oldest: { published: "asc" } };

const form = document.getElementById("review-search");
const query = document.getElementById("search-query");
const from = document.getElementById("search-from");
const to = document.getElementById("search-to");
const order = document.getElementById("search-sort");
const status = document.getElementById("search-status");
const results = document.getElementById("search-results");
const more = document.getElementById("search-more");
const permalink = document.getElementById("search-permalink");
const link = document.getElementById("search-link");
const years = [...from.options].map((option) => option.value).filter(Boolean);
const everyReview = form.dataset.allWord;

// The site's root from this script's own address, so the site works under any sub-path
// (https://example.org/board/learning/): nothing here assumes it is served at '/'.
const siteRoot = new URL("../../", import.meta.url);
const pagefind = await import(new URL("pagefind/pagefind.js", siteRoot).href);
// The main thread is fast enough for this index; the worker would be one more download.
await pagefind.options({ baseUrl: siteRoot.pathname, excerptLength: 30, noWorker: true });
pagefind.init();

let found = [];
let shown = 0;
let generation = 0;
let active = null; // the state of the search on show, if any
let allFiltersLoaded = false;

function boxes(name) {
  return [...form.querySelectorAll(`input[type=checkbox][name="${name}"]`)];
}

function stateFromForm() {
  const lists = {};
  for (const name of LIST_FILTERS) {
    lists[name] = boxes(name).filter((box) => box.checked).map((box) => box.value);
  }
  return { q: query.value.trim(), lists, from: from.value, to: to.value, sort: order.value };
}

function stateFromAddress() {
  const params = new URLSearchParams(location.search);
  const lists = {};
  for (const name of LIST_FILTERS) lists[name] = params.getAll(name);
  const known = (value, select) => ([...select.options].some((o) => o.value === value) ? value : "");
  return {
    q: (params.get("q") || "").trim(),
    lists,
    from: known(params.get("from") || "", from),
    to: known(params.get("to") || "", to),
    sort: known(params.get("sort") || "", order),
  };
}

function showInForm(state) {
  query.value = state.q;
  for (const name of LIST_FILTERS) {
    for (const box of boxes(name)) box.checked = state.lists[name].includes(box.value);
  }
  for (const group of form.querySelectorAll("details")) {
    if (group.querySelector("input:checked")) group.open = true; // show the filters a link chose
  }
  from.value = state.from;
  to.value = state.to;
  order.value = state.sort;
}

function address(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const name of LIST_FILTERS) for (const value of state.lists[name]) params.append(name, value);
  if (state.from) params.set("from", state.from);
  if (state.to) params.set("to", state.to);
  if (state.sort) params.set("sort", state.sort);
  const search = params.toString();
  return search ? `${location.pathname}?${search}` : location.pathname;
}

function pagefindFilters(state) {
  const filters = {};
  for (const name of LIST_FILTERS) {
    const values = state.lists[name];
    if (values.length) filters[name] = EVERY_VALUE.has(name) ? { all: values } : { any: values };
  }
  if (state.from || state.to) {
    let low = state.from || years[0];
    let high = state.to || years[years.length - 1];
    if (Number(low) > Number(high)) [low, high] = [high, low];
    filters.year = { any: years.filter((year) => Number(year) >= Number(low) && Number(year) <= Number(high)) };
  }
  return filters;
}

// Counts: the build's totals when no search is on show; else the counts Pagefind gives
// for the groups whose index it has loaded (the others fill in when their group is opened).
function showCounts(counts) {
  for (const label of form.querySelectorAll("[data-count]")) {
    const [name, value] = label.dataset.count.split(":");
    if (!counts) label.textContent = `(${label.dataset.total})`;
    else if (counts[name]) label.textContent = `(${counts[name][value] || 0})`;
    else label.textContent = "";
  }
}

// The word every review carries is the last word of its indexed text (review.html), so an
// excerpt of the text's end may close with it: it is not part of the review, and is dropped.
const everyReviewTail = new RegExp(`\\s*\\b${everyReview}\\.?\\s*$`);

// Pagefind marks matches with <mark>; everything else in an excerpt is shown as text.
function excerptInto(element, html) {
  const parsed = new DOMParser().parseFromString(html, "text/html");
  const last = parsed.body.lastChild;
  if (last && last.nodeType === Node.TEXT_NODE) last.textContent = last.textContent.replace(everyReviewTail, "");
  for (const node of parsed.body.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      element.append(mark);
    } else {
      element.append(node.textContent);
    }
  }
}

function resultItem(data) {
  const item = document.createElement("li");
  item.className = "search-result";
  const heading = document.createElement("h2");
  heading.className = "search-result__title";
  const anchor = document.createElement("a");
  anchor.href = data.url;
  anchor.textContent = data.meta.title || data.url;
  heading.append(anchor);
  const meta = document.createElement("p");
  meta.className = "search-result__meta";
  meta.textContent = data.meta.board ? `${data.meta.board} · ${data.meta.year}` : "Theme";
  const excerpt = document.createElement("p");
  excerpt.className = "search-result__excerpt";
  if (active && active.q) excerptInto(excerpt, data.excerpt || "");
  else excerpt.textContent = data.meta.summary || "";
  item.append(heading, meta, excerpt);
  return item;
}

async function showMore(run, focusFirst) {
  const slice = found.slice(shown, shown + PAGE_SIZE);
  const pages = await Promise.all(slice.map((result) => result.data()));
  if (run !== generation) return;
  const items = pages.map(resultItem);
  results.append(...items);
  shown += slice.length;
  more.hidden = shown >= found.length;
  if (focusFirst && items.length) items[0].querySelector("a").focus();
}

function describe(count, state) {
  const noun = count === 1 ? "result" : "results";
  const words = state.q ? ` for “${state.q}”` : "";
  const filtered = Object.keys(pagefindFilters(state)).length ? " with the chosen filters" : "";
  return `${count} ${noun}${words}${filtered}.`;
}

async function search(state, { record }) {
  const run = ++generation;
  if (record) history.replaceState(null, "", address(state));
  const filters = pagefindFilters(state);
  results.replaceChildren();
  found = [];
  shown = 0;
  more.hidden = true;
  if (!state.q && !Object.keys(filters).length) {
    active = null;
    status.textContent = "Type words to search for, or choose filters.";
    permalink.hidden = true;
    showCounts(null);
    return;
  }
  status.textContent = "Searching…";
  const sort = SORTS[state.sort] || (state.q ? undefined : SORTS.newest);
  const outcome = await pagefind.search(state.q || everyReview, { filters, sort });
  if (run !== generation) return;
  active = state;
  found = outcome.results;
  showCounts(outcome.filters);
  await showMore(run, false);
  if (run !== generation) return;
  status.textContent = describe(found.length, state);
  link.href = location.href;
  link.textContent = location.href;
  permalink.hidden = false;
}

let typing;
query.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(() => search(stateFromForm(), { record: true }), 300);
});
form.addEventListener("change", (event) => {
  if (event.target !== query) search(stateFromForm(), { record: true });
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(typing);
  search(stateFromForm(), { record: true });
});
form.addEventListener("reset", () => setTimeout(() => search(stateFromForm(), { record: true })));
more.addEventListener("click", () => showMore(generation, true));
for (const group of form.querySelectorAll("details")) {
  group.addEventListener("toggle", async () => {
    if (!group.open || allFiltersLoaded || !active) return;
    allFiltersLoaded = true;
    await pagefind.filters(); // loads every filter index, so later counts cover every group
    search(active, { record: false });
  });
}
window.addEventListener("popstate", () => {
  const state = stateFromAddress();
  showInForm(state);
  search(state, { record: false });
});

const initial = stateFromAddress();
showInForm(initial);
form.dataset.ready = "true";
search(initial, { record: false });
