// Small behaviours of Spiegel's pages, without inline scripts or handlers (the pages send a strict
// Content-Security-Policy). Event delegation covers content that htmx or the stream swaps in later.
(function () {
  "use strict";

  // A progress bar's width comes from data-progress (an inline style attribute would break the CSP).
  function applyProgress(root) {
    if (!root || !root.querySelectorAll) { return; }
    var bars = root.matches && root.matches("[data-progress]") ? [root] : [];
    bars = bars.concat(Array.prototype.slice.call(root.querySelectorAll("[data-progress]")));
    bars.forEach(function (bar) {
      var value = Math.max(0, Math.min(100, parseInt(bar.getAttribute("data-progress"), 10) || 0));
      bar.style.width = value + "%";
    });
  }

  document.addEventListener("focusin", function (event) {
    var el = event.target;
    if (el && el.matches && el.matches("[data-select-on-focus]")) { el.select(); }
  });
  document.addEventListener("click", function (event) {
    var el = event.target;
    if (!el || !el.closest) { return; }
    var selectable = el.closest("[data-select-on-focus]");
    if (selectable) { selectable.select(); }
    var toggle = el.closest("[data-menu-toggle]");
    if (toggle) {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      toggle.closest(".topbar").classList.toggle("menu-open", open);
    }
    var copy = el.closest("[data-copy-from]");
    if (copy) {
      var source = document.getElementById(copy.getAttribute("data-copy-from"));
      if (source && navigator.clipboard) { navigator.clipboard.writeText(source.value); }
      if (copy.getAttribute("data-copied")) { copy.textContent = copy.getAttribute("data-copied"); }
    }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form && form.matches && form.matches("form[data-confirm]") && !window.confirm(form.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
  document.addEventListener("keydown", function (event) {
    var el = event.target;
    if (el && el.matches && el.matches("textarea[data-submit-on-ctrl-enter]") && event.key === "Enter" &&
        (event.ctrlKey || event.metaKey) && el.form) {
      event.preventDefault();
      el.form.requestSubmit();
    }
  });

  function start() {
    document.documentElement.classList.add("js");  // the phone menu folds only where this script runs
    applyProgress(document.body);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(function (node) { if (node.nodeType === 1) { applyProgress(node); } });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
