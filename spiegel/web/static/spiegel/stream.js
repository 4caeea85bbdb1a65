/* The conversation page, streamed: the question appears while the language model writes it.
   Progressive enhancement on top of the HTMX form: without fetch streaming, or on any problem, the form is
   posted the ordinary way. What is shown while streaming is provisional (hidden from screen readers); the
   page then reloads the conversation, which shows (and announces) only the stored, checked question. */
(function () {
  "use strict";
  if (!window.fetch || !window.TextDecoder || !window.ReadableStream || !window.FormData) return;

  function reload(form) {
    var url = form.getAttribute("hx-post") || window.location.pathname;
    if (window.htmx) {
      window.htmx.ajax("GET", url, { target: "#chat", swap: "innerHTML" });
    } else {
      window.location.assign(url);
    }
  }

  function show(chat, html) {
    chat.innerHTML = html;
    if (window.htmx) window.htmx.process(chat);
  }

  function run(form, url, data) {
    var chat = document.getElementById("chat");
    var current = chat && chat.querySelector("section.current");
    var buttons = form.querySelectorAll("button");
    buttons.forEach(function (b) { b.disabled = true; });
    var line = document.createElement("p");
    line.className = "question streaming";
    line.setAttribute("aria-hidden", "true");
    line.setAttribute("data-testid", "streaming-question");
    fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "HX-Request": "true", "Accept": "text/event-stream" }
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("text/event-stream") !== 0 || !response.body) {
        return response.text().then(function (html) { show(chat, html); });
      }
      if (current) {
        // The leaver's answer (chat.js) stays; the old question and the waiting line give way to the new one.
        current.querySelectorAll(".question, .thinking").forEach(function (el) { el.remove(); });
        current.appendChild(line);
      }
      var reader = response.body.getReader();
      var decoder = new TextDecoder();
      var buffer = "";
      function handle(block) {
        var name = "message", payload = "";
        block.split("\n").forEach(function (row) {
          if (row.indexOf("event: ") === 0) name = row.slice(7);
          else if (row.indexOf("data: ") === 0) payload += row.slice(6);
        });
        var data = payload ? JSON.parse(payload) : {};
        if (name === "piece") line.textContent += data.text;
        else if (name === "done" && data.messages) line.textContent = data.messages.join(" ");
      }
      function pump() {
        return reader.read().then(function (step) {
          if (step.done) { reload(form); return; }
          buffer += decoder.decode(step.value, { stream: true });
          var cut;
          while ((cut = buffer.indexOf("\n\n")) >= 0) {
            handle(buffer.slice(0, cut));
            buffer = buffer.slice(cut + 2);
          }
          return pump();
        });
      }
      return pump();
    }).catch(function () { reload(form); });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var url = form && form.getAttribute && form.getAttribute("data-stream-url");
    if (!url) return;
    // Stopping early is an ordinary post (htmx), not streamed.
    if (event.submitter && event.submitter.name === "stop") return;
    var data = new FormData(form);
    if (event.submitter && event.submitter.name) data.append(event.submitter.name, event.submitter.value);
    event.preventDefault();
    event.stopImmediatePropagation();
    run(form, url, data);
  }, true);
})();
