// Selaras: partial page updates without a framework. Every form and link works without this script; with it,
// `data-swap="#id"` forms post in the background and replace only that element with the same element of the
// page the server answers with, and `data-expand` links open a tree node's children in place.
"use strict";
(function () {
  const status = () => document.getElementById("status-live");
  const closeAll = (root) => root.querySelectorAll("a[data-expand]").forEach((a) => a.setAttribute("aria-expanded", "false"));

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

  async function toggleExpand(link) {
    const item = link.closest("li");
    const open = item.querySelector(":scope > ul.tree");
    if (open) {
      open.hidden = !open.hidden;
      link.setAttribute("aria-expanded", String(!open.hidden));
      return;
    }
    const { response, page } = await fetchPage(link.href);
    const children = page.querySelector("#children");
    if (!response.ok || !children) { window.location.assign(link.href); return; }
    children.removeAttribute("id");
    closeAll(children);
    item.appendChild(children);
    link.setAttribute("aria-expanded", "true");
    announce(children.dataset.count || "");
  }

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.swap) return;
    event.preventDefault();
    submitSwap(form).catch(() => form.submit());
  });

  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[data-expand]") : null;
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    toggleExpand(link).catch(() => window.location.assign(link.href));
  });

  // "Back" on an error page needs the browser's history, so it shows only where this script runs
  // (the Content-Security-Policy refuses javascript: links).
  document.querySelectorAll("a[data-back]").forEach((back) => {
    back.hidden = false;
    back.addEventListener("click", (event) => { event.preventDefault(); window.history.back(); });
  });

  closeAll(document);
})();
