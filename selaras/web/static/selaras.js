// Selaras: partial page updates without a framework. Every form and link works without this script; with it,
// `data-swap="#id"` forms post in the background and replace only that element with the same element of the
// page the server answers with, the pohon kinerja loads a program's kegiatan when it is opened and expands,
// collapses and prints the whole tree, and long tables sort, search and filter in place (see the end).
"use strict";
(function () {
  const status = () => document.getElementById("status-live");

  function announce(text) {
    const live = status();
    if (live && text) { live.textContent = ""; window.setTimeout(() => { live.textContent = text; }, 50); }
  }

  async function fetchPage(url, options) {
    const response = await fetch(url, { credentials: "same-origin", ...options });
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    return { response, page };
  }

  async function submitSwap(form) {
    const { response, page } = await fetchPage(form.action, { method: "POST", body: new FormData(form) });
    const selector = form.dataset.swap;
    const current = document.querySelector(selector);
    const fresh = page.querySelector(selector);
    if (!response.ok || !current) {
      document.querySelector("main").replaceWith(page.querySelector("main")); // errors show as the page would
      document.querySelector("main").focus();
      return;
    }
    if (fresh) { current.replaceWith(fresh); } else { current.remove(); }
    announce(form.dataset.done || "");
    const focus = fresh && fresh.querySelector("button, select, a, textarea, input:not([type=hidden])");
    if (focus) focus.focus();
  }

  // Pohon kinerja: branches are <details>, so they open and close without this script. A program's kegiatan
  // are not on the first page: `details[data-load]` names the page (node=…) whose `#children` list they are;
  // without this script the link inside the closed branch leads there.
  async function loadBranch(details) {
    const url = details.dataset.load;
    const { response, page } = await fetchPage(url);
    const children = page.querySelector("#children");
    if (!response.ok || !children) { window.location.assign(url); return; }
    children.removeAttribute("id");
    const lazy = details.querySelector(":scope > .lazy");
    if (lazy) { lazy.replaceWith(children); } else { details.appendChild(children); }
    delete details.dataset.load;
    announce(children.dataset.count || "");
  }

  document.addEventListener("toggle", (event) => { // toggle does not bubble: listened to on the way down
    const details = event.target;
    if (!(details instanceof HTMLDetailsElement) || !details.open || !details.dataset.load) return;
    if (details.getAttribute("aria-busy") === "true") return;
    details.setAttribute("aria-busy", "true");
    loadBranch(details)
      .catch(() => window.location.assign(details.dataset.load))
      .finally(() => details.removeAttribute("aria-busy"));
  }, true);

  // Expand all, collapse all, print: shown only where this script runs. Expanding a tree with programs not yet
  // loaded fetches the whole tree once (`data-all`) rather than one page per program.
  const tools = document.querySelector("[data-tree-tools]");
  if (tools) {
    tools.hidden = false;
    tools.addEventListener("click", async (event) => {
      const button = event.target instanceof Element ? event.target.closest("button[data-tree]") : null;
      if (!button) return;
      let tree = document.getElementById("pohon");
      if (button.dataset.tree === "print") { window.print(); return; }
      if (button.dataset.tree === "close") {
        tree.querySelectorAll("details[open]").forEach((details) => { details.open = false; });
        return;
      }
      if (tree.querySelector("details[data-load]")) {
        button.setAttribute("aria-busy", "true");
        try {
          const { response, page } = await fetchPage(tools.dataset.all);
          const whole = page.getElementById("pohon");
          if (response.ok && whole) { tree.replaceWith(whole); tree = whole; }
        } finally { button.removeAttribute("aria-busy"); }
      }
      const closed = tree.querySelectorAll("details:not([open]):not([data-load])");
      closed.forEach((details) => { details.open = true; });
      announce(button.textContent.trim());
    });
  }

  // Printing shows every loaded branch open (the print styles do it too where the browser can), then restores.
  let closedForPrint = [];
  window.addEventListener("beforeprint", () => {
    closedForPrint = Array.from(document.querySelectorAll(".pohon details:not([open]):not([data-load])"));
    closedForPrint.forEach((details) => { details.open = true; });
  });
  window.addEventListener("afterprint", () => {
    closedForPrint.forEach((details) => { details.open = false; });
    closedForPrint = [];
  });

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.swap) return;
    event.preventDefault();
    submitSwap(form).catch(() => form.submit());
  });

  // "Back" on an error page needs the browser's history, so it shows only where this script runs
  // (the Content-Security-Policy refuses javascript: links).
  document.querySelectorAll("a[data-back]").forEach((back) => {
    back.hidden = false;
    back.addEventListener("click", (event) => { event.preventDefault(); window.history.back(); });
  });

  // A page shown from the analyses before the latest change (`[data-reload-in]`: the banner of base.html) is
  // reloaded when the new results are expected, unless the reader has begun typing or choosing on it; then the
  // banner only says that they may be ready. Without this script the banner links to the page itself.
  const behind = document.querySelector("[data-reload-in]");
  if (behind) {
    let busy = false;
    document.addEventListener("input", () => { busy = true; });
    const note = behind.querySelector("[data-reload-note]");
    if (note) note.hidden = false;
    window.setTimeout(() => {
      if (!busy) { window.location.reload(); return; }
      if (note) note.textContent = behind.dataset.later || "";
      announce(behind.dataset.later || "");
    }, Math.max(1, Number(behind.dataset.reloadIn) || 5) * 1000);
  }

  // Long lists: `table.sortable` headers sort the rows (a cell's `data-sort`, else its text; numbers written
  // the Indonesian way, 1.234,5, sort as numbers); `table[data-filter]` gets a search box and, for the column
  // numbers it names (`data-filter="0 1"`), a choice of that column's values. The server's rows stay the
  // content: without this script the table is simply shown whole, in the server's order.
  const cellText = (row, index) => {
    const cell = row.cells[index];
    return cell ? (cell.dataset.sort ?? cell.textContent.trim()) : "";
  };
  const asNumber = (text) => {
    const cleaned = text.replace(/\./g, "").replace(",", ".").replace(/[^0-9.+-]/g, "");
    return cleaned && !Number.isNaN(Number(cleaned)) && /\d/.test(text) ? Number(cleaned) : null;
  };

  function makeSortable(table) {
    const head = table.tHead && table.tHead.rows[0];
    if (!head || !table.tBodies[0]) return;
    Array.from(head.cells).forEach((th, index) => {
      if (!th.textContent.trim()) return;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.title = table.dataset.sortLabel || "";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", () => {
        const ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.from(head.cells).forEach((other) => other.hasAttribute("aria-sort") && other.setAttribute("aria-sort", "none"));
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const body = table.tBodies[0];
        const rows = Array.from(body.rows);
        rows.sort((a, b) => {
          const x = cellText(a, index), y = cellText(b, index);
          const nx = asNumber(x), ny = asNumber(y);
          const order = nx !== null && ny !== null ? nx - ny : x.localeCompare(y, "id", { numeric: true });
          return ascending ? order : -order;
        });
        rows.forEach((row) => body.appendChild(row));
        announce(`${button.textContent.trim()}: ${ascending ? "↑" : "↓"}`);
      });
    });
  }

  function makeFilterable(table, index) {
    const body = table.tBodies[0];
    if (!body || body.rows.length < 2) return;
    const bar = document.createElement("div");
    bar.className = "filters listfilter";
    const search = document.createElement("input");
    search.type = "search";
    search.id = `cari-${index}`;
    const label = document.createElement("label");
    label.htmlFor = search.id;
    label.textContent = table.dataset.searchLabel || "Cari";
    label.appendChild(search);
    bar.appendChild(label);
    const choices = (table.dataset.filter || "").split(/\s+/).filter(Boolean).map(Number);
    const selects = choices.map((column) => {
      const heading = table.tHead.rows[0].cells[column];
      const select = document.createElement("select");
      select.id = `pilih-${index}-${column}`;
      const all = document.createElement("option");
      all.value = "";
      all.textContent = table.dataset.allLabel || "Semua";
      select.appendChild(all);
      const values = new Set(Array.from(body.rows).map((row) => cellText(row, column)).filter(Boolean));
      Array.from(values).sort((a, b) => a.localeCompare(b, "id", { numeric: true })).forEach((value) => {
        const option = document.createElement("option");
        option.value = value;
        option.textContent = value.length > 60 ? `${value.slice(0, 57)}…` : value;
        select.appendChild(option);
      });
      const wrap = document.createElement("label");
      wrap.htmlFor = select.id;
      wrap.textContent = heading ? heading.textContent.trim() : "";
      wrap.appendChild(select);
      bar.appendChild(wrap);
      return { column, select };
    });
    const count = document.createElement("p");
    count.className = "hint";
    count.setAttribute("role", "status");
    bar.appendChild(count);
    const total = body.rows.length;
    const shownText = table.dataset.shownLabel || "{shown} / {total}";
    const apply = () => {
      const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
      let shown = 0;
      Array.from(body.rows).forEach((row) => {
        const text = row.textContent.toLowerCase();
        const visible = words.every((word) => text.includes(word))
          && selects.every(({ column, select }) => !select.value || cellText(row, column) === select.value);
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      count.textContent = shownText.replace("{shown}", shown).replace("{total}", total);
    };
    search.addEventListener("input", apply);
    selects.forEach(({ select }) => select.addEventListener("change", apply));
    const holder = table.closest(".scroll") || table;
    holder.parentNode.insertBefore(bar, holder);
    apply();
  }

  document.querySelectorAll("table.sortable").forEach(makeSortable);
  document.querySelectorAll("table[data-filter]").forEach(makeFilterable);

  // A background run's progress (`[data-refresh="2"]`: the suggestion run's section): the page is fetched again
  // every so many seconds and the section replaced by its fresh copy, until the copy no longer asks to be
  // refreshed (the run ended); the new state is announced. Without this script the page links to itself.
  function keepFresh(section) {
    const seconds = Math.max(1, Number(section.dataset.refresh) || 2);
    window.setTimeout(async () => {
      try {
        const { response, page } = await fetchPage(window.location.href);
        const fresh = response.ok && page.querySelector(`#${section.id}`);
        const current = document.getElementById(section.id);
        if (!fresh || !current) return;
        const changed = fresh.dataset.state !== current.dataset.state;
        current.replaceWith(fresh);
        if (changed) announce(fresh.dataset.announce || "");
        if (fresh.dataset.refresh) keepFresh(fresh);
      } catch {
        keepFresh(section); // a dropped connection: try again at the next tick
      }
    }, seconds * 1000);
  }
  document.querySelectorAll("[data-refresh][id]").forEach(keepFresh);

  // A finding's fix link opens the item form at `#perbaiki` (the note saying what to fix) with the field marked
  // `autofocus`; browsers skip autofocus when the address names a fragment and move the focus to the fragment
  // once the page has loaded, so the field is focused after that, without scrolling the note out of view.
  // Without this script the note and the highlighted field are still there.
  const field = document.querySelector("form [autofocus]");
  if (field) {
    window.addEventListener("load", () => window.setTimeout(() => {
      if (document.activeElement !== field) field.focus({ preventScroll: window.location.hash !== "" });
    }, 0));
  }
})();
