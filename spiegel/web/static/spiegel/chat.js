/* The conversation page while a reply is worked out: the leaver's answer stays in view and a waiting line
   ("The interviewer is reading your answer…") shows until the reply replaces them. A button with
   data-confirm (stopping early) asks first. Registered before stream.js (script order), so it runs first
   for the streamed page too. No inline script: the pages send a strict Content-Security-Policy. */
(function () {
  "use strict";

  function showWaiting(form) {
    var current = document.querySelector("#chat section.current");
    if (!current) return;
    var text = form.elements.text ? form.elements.text.value.trim() : "";
    var waiting = current.querySelector(".thinking");
    current.querySelectorAll(".you-said").forEach(function (el) { el.remove(); });
    if (text) {
      var mine = document.createElement("p");
      mine.className = "msg msg-leaver you-said";
      var words = document.createElement("span");
      words.setAttribute("data-testid", "my-answer");
      words.textContent = text;
      mine.appendChild(words);
      current.insertBefore(mine, waiting);
    }
    if (waiting) {
      // after the answer, so the question it answers is still read above it
      current.appendChild(waiting);
      waiting.hidden = false;
    }
    if (form.elements.text) form.elements.text.readOnly = true;
    form.classList.add("waiting");
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || !form.matches || !form.matches("form.answer")) return;
    var submitter = event.submitter;
    var question = submitter && submitter.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
      return;
    }
    showWaiting(form);
  }, true);
})();
