// The co-pilot page beside a conversation a person holds (issue 14). One notes field that keeps the focus;
// every note carries the current topic. Notes are saved as they are typed: each change goes into a queue in
// this browser's storage first and is sent from there, again until the server has it, so a closed tab, a
// reload or a dropped connection loses nothing. A note leaves the browser's storage once the server has it.
(function () {
  "use strict";

  var root = document.querySelector(".copilot");
  var bootEl = document.getElementById("copilot-boot");
  if (!root || !bootEl) { return; }
  var boot = JSON.parse(bootEl.textContent);
  var url = root.getAttribute("data-notes-url");
  var storeKey = "spiegel-copilot-" + root.getAttribute("data-case");
  var csrf = (document.cookie.match(/(?:^|; )csrftoken=([^;]+)/) || [])[1] || "";
  var field = document.querySelector("[data-note-field]");
  var list = document.querySelector("[data-note-list]");
  var topicButtons = Array.prototype.slice.call(document.querySelectorAll("[data-topic]"));
  var saveState = document.querySelector("[data-save-state]");

  // ---------------------------------------------------------------------------------- state and storage
  var notes = [];          // [{client_id, text, topic, kind}] in order
  var pending = {};        // client_id -> true while the server does not have its latest text
  var current = null;      // the note being typed
  var topic = "";
  var mode = "note";       // "note" or "quote" for the note being typed
  var sending = false;
  var refused = "";

  function load() {
    try { return JSON.parse(window.localStorage.getItem(storeKey) || "null"); } catch (e) { return null; }
  }
  function store() {
    var keep = notes.filter(function (n) { return pending[n.client_id]; });
    try {
      window.localStorage.setItem(storeKey, JSON.stringify({
        notes: keep, current: current ? current.client_id : null, topic: topic, mode: mode
      }));
    } catch (e) { /* storage full or off: the server copy still goes out */ }
  }
  function newId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return "n" + Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  // ---------------------------------------------------------------------------------------- sending
  function setState(kind, detail) {
    if (!saveState) { return; }
    saveState.textContent = saveState.getAttribute("data-" + kind) + (detail ? " " + detail : "");
    saveState.className = "save-state " + kind;
  }
  var timer = null;
  function schedule(delay) {
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(flush, delay);
  }
  function flush() {
    timer = null;
    if (sending) { return; }
    var next = notes.filter(function (n) { return pending[n.client_id]; })[0];
    if (!next) { setState("saved"); return; }
    sending = true;
    setState("saving");
    var sent = JSON.stringify({ client_id: next.client_id, text: next.text, topic: next.topic, kind: next.kind });
    fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: sent
    }).then(function (response) {
      return response.json().then(function (body) { return { status: response.status, body: body }; });
    }).then(function (result) {
      sending = false;
      if (result.status === 200) {
        var now = JSON.stringify({ client_id: next.client_id, text: next.text, topic: next.topic, kind: next.kind });
        if (now === sent) { delete pending[next.client_id]; }
        store();
        show(result.body.suggestions);
        schedule(0);
      } else if (result.status >= 400 && result.status < 500 && result.status !== 408 && result.status !== 429) {
        // Refused for good (closed, not agreed, too long): say why, keep the text here, stop retrying it.
        delete pending[next.client_id];
        var errors = result.body && result.body.errors ? result.body.errors : {};
        var words = Object.keys(errors).map(function (k) { return errors[k].join(" "); }).join(" ");
        refused = words;
        setState("refused", words);
        store();
      } else {
        setState("offline");
        schedule(3000);
      }
    }).catch(function () {
      sending = false;
      setState("offline");
      schedule(3000);
    });
  }
  window.addEventListener("online", function () { schedule(0); });

  // ------------------------------------------------------------------------------------------ notes
  function startNote() {
    current = { client_id: newId(), text: "", topic: topic, kind: mode };
  }
  function touch(note) {
    if (notes.indexOf(note) < 0) { notes.push(note); }
    pending[note.client_id] = true;
    store();
    render();
    schedule(400);
  }
  function commit() {
    if (current && current.text.trim()) {
      current.text = current.text.replace(/\s+$/, "");
      touch(current);
    }
    mode = "note";
    startNote();
    field.value = "";
    showMode();
    store();
  }
  function mark(kind) {
    if (current && current.text.trim()) { commit(); }
    var note = { client_id: newId(), text: "", topic: topic, kind: kind };
    touch(note);
    if (kind === "skip") { moveTopic(1); }
    field.focus();
  }

  function topicLabel(id) {
    var b = topicButtons.filter(function (x) { return x.getAttribute("data-topic") === id; })[0];
    return b ? b.querySelector(".topic-label").textContent : "";
  }
  function render() {
    list.textContent = "";
    notes.slice().reverse().forEach(function (n) {
      // the note being typed is in the field, not yet in the list
      if (n === current || (!n.text.trim() && n.kind !== "refusal" && n.kind !== "skip")) { return; }
      var li = document.createElement("li");
      li.className = "note kind-" + n.kind + (pending[n.client_id] ? " pending" : "");
      var tag = document.createElement("span");
      tag.className = "note-topic";
      tag.textContent = topicLabel(n.topic || "_story");
      li.appendChild(tag);
      if (n.kind !== "note") {
        var kind = document.createElement("span");
        kind.className = "badge";
        kind.textContent = root.getAttribute("data-label-" + n.kind);
        li.appendChild(kind);
      }
      var text = document.createElement("span");
      text.className = "note-text";
      text.textContent = n.text;
      li.appendChild(text);
      list.appendChild(li);
    });
  }

  // ----------------------------------------------------------------------------------------- topics
  function setTopic(id) {
    topic = id === "_story" ? "" : id;
    topicButtons.forEach(function (b) {
      var on = (b.getAttribute("data-topic") === (topic || "_story"));
      b.setAttribute("aria-pressed", on ? "true" : "false");
    });
    var b = topicButtons.filter(function (x) { return x.getAttribute("data-topic") === (topic || "_story"); })[0];
    document.querySelector("[data-current-topic]").textContent = b ? b.querySelector(".topic-label").textContent : "";
    document.querySelector("[data-current-question]").textContent = b ? b.getAttribute("title") : "";
    if (current) {
      current.topic = topic;
      if (current.text.trim()) { touch(current); }
    }
    store();
  }
  function moveTopic(step) {
    var ids = topicButtons.map(function (b) { return b.getAttribute("data-topic"); });
    var at = ids.indexOf(topic || "_story");
    var next = Math.max(0, Math.min(ids.length - 1, at + step));
    setTopic(ids[next]);
  }
  topicButtons.forEach(function (b) {
    b.addEventListener("click", function () { setTopic(b.getAttribute("data-topic")); field.focus(); });
  });

  function showMode() {
    var el = document.querySelector("[data-note-mode]");
    el.textContent = mode === "quote" ? "“ " + root.getAttribute("data-label-quote") + " ”" : "";
    field.classList.toggle("quote", mode === "quote");
  }
  function toggleQuote() {
    mode = mode === "quote" ? "note" : "quote";
    if (current) {
      current.kind = mode;
      if (current.text.trim()) { touch(current); }
    }
    showMode();
    store();
  }

  // ------------------------------------------------------------------------------------ suggestions
  function fill(listEl, items) {
    listEl.textContent = "";
    if (!items.length && listEl.getAttribute("data-empty")) {
      var none = document.createElement("li");
      none.className = "empty";
      none.textContent = listEl.getAttribute("data-empty");
      listEl.appendChild(none);
    }
    items.forEach(function (text) {
      var li = document.createElement("li");
      li.textContent = text;
      listEl.appendChild(li);
    });
  }
  function show(s) {
    if (!s) { return; }
    var title = document.querySelector("[data-next-title]");
    var kind = s.next_kind || "empty";
    title.textContent = title.getAttribute("data-" + kind) || title.getAttribute("data-move_on");
    var first = (s.topics || [])[0];
    document.querySelector("[data-next]").textContent = s.next_question || (first ? first.question : "");
    fill(document.querySelector("[data-threads]"), s.threads || []);
    var labels = {};
    (s.topics || []).forEach(function (t) { labels[t.id] = t.label; });
    fill(document.querySelector("[data-uncovered]"), (s.not_covered || []).map(function (id) { return labels[id] || id; }));
    (s.topics || []).forEach(function (t) {
      var b = topicButtons.filter(function (x) { return x.getAttribute("data-topic") === t.id; })[0];
      if (!b) { return; }
      b.className = "topic status-" + t.status;
      b.querySelector("[data-topic-state]").textContent = t.notes ? String(t.notes) : "";
    });
    var box = document.querySelector("[data-warning]");
    var w = s.current_warning;
    if (w) {
      var head = document.querySelector("[data-warning-title]");
      head.textContent = head.getAttribute("data-" + w.kind) || head.getAttribute("data-disclosure");
      document.querySelector("[data-warning-text]").textContent = w.handling;
      box.hidden = false;
    } else {
      box.hidden = true;
    }
    // the handling to read out is the suggestion itself: it is not shown twice
    document.querySelector(".suggest-box").hidden = Boolean(w);
  }

  // ------------------------------------------------------------------------------------------- keys
  field.addEventListener("input", function () {
    if (!current) { startNote(); }
    current.text = field.value;
    current.topic = topic;
    current.kind = mode;
    touch(current);
  });
  field.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      commit();
      schedule(0);
    }
  });
  document.addEventListener("keydown", function (event) {
    if (!event.altKey || event.ctrlKey || event.metaKey) { return; }
    var key = (event.key || "").toLowerCase();
    var code = event.code || "";
    if (key === "arrowup" || key === "arrowdown") {
      event.preventDefault();
      moveTopic(key === "arrowup" ? -1 : 1);
    } else if (code === "KeyQ" || key === "q") {
      event.preventDefault();
      toggleQuote();
    } else if (code === "KeyR" || key === "r") {
      event.preventDefault();
      mark("refusal");
    } else if (code === "KeyS" || key === "s") {
      event.preventDefault();
      mark("skip");
    } else { return; }
    field.focus();
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-action]"), function (b) {
    b.addEventListener("click", function () {
      var action = b.getAttribute("data-action");
      if (action === "quote") { toggleQuote(); } else { mark(action); }
      field.focus();
    });
  });
  // The notes field keeps the focus: typing anywhere on the page goes into the notes.
  document.addEventListener("click", function (event) {
    var el = event.target;
    if (el && el.closest && !el.closest("a, button, input, textarea, select, summary, form")) { field.focus(); }
  });

  // ------------------------------------------------------------------------------------------- clock
  var clock = document.querySelector("[data-clock]");
  var began = boot.started ? Date.parse(boot.started) : Date.now();
  function tick() {
    var seconds = Math.max(0, Math.floor((Date.now() - began) / 1000));
    var m = Math.floor(seconds / 60);
    var sec = seconds % 60;
    clock.textContent = m + ":" + (sec < 10 ? "0" : "") + sec;
    clock.classList.toggle("over", m >= (boot.minutes || 45));
  }
  window.setInterval(tick, 1000);

  // -------------------------------------------------------------------------------------------- boot
  notes = boot.notes.slice();
  var saved = load();
  var resume = null;
  if (saved && saved.notes) {
    // What this browser still had to send wins over the server's copy of the same note.
    saved.notes.forEach(function (local) {
      var at = -1;
      notes.forEach(function (n, i) { if (n.client_id === local.client_id) { at = i; } });
      if (at >= 0) { notes[at] = local; } else { notes.push(local); }
      pending[local.client_id] = true;
    });
    if (saved.current) { resume = notes.filter(function (n) { return n.client_id === saved.current; })[0] || null; }
  }
  var last = notes[notes.length - 1];
  setTopic(saved && typeof saved.topic === "string" ? (saved.topic || "_story") : (last ? (last.topic || "_story") : "_story"));
  if (resume && resume.text) {
    current = resume;
    mode = resume.kind === "quote" ? "quote" : "note";
    field.value = resume.text;
  } else {
    startNote();
  }
  showMode();
  render();
  show(boot.suggestions);
  tick();
  if (!boot.open) { field.disabled = true; }
  field.focus();
  schedule(0);
})();
