// Renders each chart's Vega-Lite spec (embedded in the page as JSON) with the locally served vega-embed.
// Without JavaScript the data table under each chart carries the same figures.
(function () {
  function render() {
    if (typeof vegaEmbed === "undefined") { return; }
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-chart"));
      if (!source || el.dataset.rendered) { return; }
      el.dataset.rendered = "1";
      vegaEmbed(el, JSON.parse(source.textContent), { actions: false, renderer: "svg" })
        .then(function () { el.dataset.ready = "1"; })
        .catch(function (err) { el.dataset.error = String(err); });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", render); } else { render(); }
})();
