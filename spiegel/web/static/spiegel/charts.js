// Renders each chart's Vega-Lite spec (embedded in the page as JSON) with the locally served vega-embed.
// Without JavaScript the data table under each chart carries the same figures.
(function () {
  function render() {
    if (typeof vegaEmbed === "undefined") { return; }
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-chart"));
      if (!source || el.dataset.rendered) { return; }
      el.dataset.rendered = "1";
      // Vega's expressions are interpreted, never compiled with Function(): no 'unsafe-eval' in the CSP. No
      // default style sheet is injected either (the few rules it had are in dashboard.css).
      var options = { actions: false, renderer: "svg", defaultStyle: false, tooltip: { disableDefaultStyle: true } };
      if (typeof vegaInterpreter !== "undefined") { options.ast = true; options.expr = vegaInterpreter.expressionInterpreter; }
      vegaEmbed(el, JSON.parse(source.textContent), options)
        .then(function () { el.dataset.ready = "1"; })
        .catch(function (err) { el.dataset.error = String(err); });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", render); } else { render(); }
})();
