/* The brief page: figures form + full-text editor, live preview, located problems. */
(function () {
  "use strict";
  var form = document.getElementById("brief-form");
  if (!form || !window.bm) return;
  var el = bm.el;
  var textarea = document.getElementById("source");
  var sourceBox = document.getElementById("source-box");
  var status = document.getElementById("preview-status");
  var pagesBox = document.getElementById("pages");
  var styleSelect = document.getElementById("style");
  var problemsBox = document.getElementById("problems-box");
  var problemsList = document.getElementById("problems");
  var url = form.getAttribute("data-preview");
  var numberPattern = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;
  var notANumber = form.getAttribute("data-not-number");

  var editor = null;
  if (window.CodeMirror) {
    editor = CodeMirror.fromTextArea(textarea, {
      lineNumbers: true, mode: "yaml", indentUnit: 2, lineWrapping: true,
      readOnly: textarea.readOnly, screenReaderLabel: textarea.labels && textarea.labels[0] ?
        textarea.labels[0].textContent : "YAML",
      extraKeys: {"Tab": false, "Shift-Tab": false}  /* Tab moves on: usable by keyboard */
    });
    sourceBox.addEventListener("toggle", function () { if (sourceBox.open) editor.refresh(); });
  }
  function getText() { return editor ? editor.getValue() : textarea.value; }
  var settingText = false;
  function setText(value) {
    if (!editor) { textarea.value = value; return; }
    var cursor = editor.getCursor(), scroll = editor.getScrollInfo();
    settingText = true;
    editor.setValue(value);
    settingText = false;
    editor.setCursor(cursor);
    editor.scrollTo(scroll.left, scroll.top);
  }

  var inputs = Array.prototype.slice.call(form.querySelectorAll("input[data-path]"));
  function inputFor(path) {
    for (var i = 0; i < inputs.length; i++) if (inputs[i].getAttribute("data-path") === path) return inputs[i];
    return null;
  }
  function fieldError(input, message) {
    var box = document.getElementById(input.getAttribute("aria-describedby"));
    if (message) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
    if (box) box.textContent = message || "";
  }
  function check(input) {
    var kind = input.getAttribute("data-kind"), value = input.value.trim().replace(/[,，]/g, "");
    if (kind === "number" || (kind === "fill" && value !== "" && /^[-0-9]/.test(value))) {
      if (!numberPattern.test(value)) { fieldError(input, notANumber); return false; }
    }
    fieldError(input, "");
    return true;
  }

  /* ---- preview requests: one at a time, the newest wins ---- */
  var pending = {}, timer = null, inflight = false, again = false, startedAt = null;
  var savedNotice = document.querySelector(".notice.ok");
  function schedule(delay) {
    if (startedAt === null) startedAt = performance.now();
    if (savedNotice && delay > 0) { savedNotice.hidden = true; }
    clearTimeout(timer);
    timer = setTimeout(refresh, delay);
  }
  function refresh() {
    if (inflight) { again = true; return; }
    inflight = true;
    var changes = pending, sent = getText(), began = startedAt;
    pending = {};
    startedAt = null;
    status.textContent = status.getAttribute("data-working");
    status.className = "working";
    bm.postJSON(url, {text: sent, changes: changes, style: styleSelect ? styleSelect.value : ""})
      .then(function (answer) { show(answer[0], answer[1], sent, changes, began); })
      .catch(function () { status.textContent = status.getAttribute("data-failed"); status.className = "bad"; })
      .then(function () {
        inflight = false;
        if (again) { again = false; refresh(); }
      });
  }

  function show(code, answer, sent, changes, began) {
    if (code !== 200) {
      status.textContent = answer.message || status.getAttribute("data-failed");
      status.className = "bad";
      return;
    }
    if (answer.text !== null && answer.text !== undefined) {
      if (getText() === sent) setText(answer.text);
      else { for (var k in changes) if (!(k in pending)) pending[k] = changes[k]; schedule(50); }
    }
    (answer.fields || []).forEach(function (f) {
      var input = inputFor(f.path);
      if (!input || input === document.activeElement) return;
      var shown = f.value.indexOf("待填写") === 0 ? "" : f.value;
      if (input.value !== shown) { input.value = shown; fieldError(input, ""); }
    });
    (answer.refused || []).forEach(function (r) { var input = inputFor(r.path); if (input) fieldError(input, r.message); });
    showProblems(answer.problems || []);
    var failed = (answer.problems || []).some(function (p) { return p.severity !== "warning"; });
    if (failed || !answer.pages) {
      status.textContent = status.getAttribute("data-failed");
      status.className = "bad";
      pagesBox.setAttribute("data-state", "stale");
      return;
    }
    showPages(answer.pages, function () {
      status.textContent = status.getAttribute(answer.draft ? "data-draft" : "data-ready");
      status.className = "ok";
      pagesBox.setAttribute("data-state", "fresh");
      if (began !== null) pagesBox.setAttribute("data-ms", String(Math.round(performance.now() - began)));
      if (answer.seconds !== undefined) pagesBox.setAttribute("data-server", String(answer.seconds));
    });
  }

  function showPages(urls, done) {
    var images = urls.map(function (src, i) {
      var img = new Image();
      img.alt = pagesBox.getAttribute("data-alt").replace("{n}", String(i + 1));
      img.className = "page";
      img.src = src;
      return img;
    });
    var left = images.length;
    function one() {
      left -= 1;
      if (left > 0) return;
      while (pagesBox.firstChild) pagesBox.removeChild(pagesBox.firstChild);
      images.forEach(function (img) { pagesBox.appendChild(img); });
      pagesBox.setAttribute("data-key", urls.length ? urls[0].split("/")[3] : "");
      done();
    }
    if (!images.length) { left = 1; one(); return; }
    images.forEach(function (img) {
      if (img.complete) one(); else { img.addEventListener("load", one); img.addEventListener("error", one); }
    });
  }

  function showProblems(problems) {
    while (problemsList.firstChild) problemsList.removeChild(problemsList.firstChild);
    problems.forEach(function (p) {
      var item = el("li", p.severity || "error");
      var button = el("button", "jump");
      button.type = "button";
      button.setAttribute("data-line", p.line || "");
      button.setAttribute("data-column", p.column || "");
      button.setAttribute("data-path", p.path || "");
      var where = (p.file || "") + ":" + (p.line || "") + ":" + (p.column || "") + (p.path ? " " + p.path : "");
      button.appendChild(el("span", "where", where));
      button.appendChild(el("span", "what", p.message));
      item.appendChild(button);
      problemsList.appendChild(item);
    });
    problemsBox.hidden = problems.length === 0;
  }

  /* a located problem jumps to its field, or else to its line in the editor (marked) */
  var marked = null;
  problemsList.addEventListener("click", function (event) {
    var button = event.target.closest("button.jump");
    if (!button) return;
    var input = inputFor(button.getAttribute("data-path"));
    if (input) { input.focus(); input.select(); return; }
    var line = parseInt(button.getAttribute("data-line"), 10) || 1;
    var column = parseInt(button.getAttribute("data-column"), 10) || 1;
    sourceBox.open = true;
    if (editor) {
      editor.refresh();
      if (marked !== null) editor.removeLineClass(marked, "background", "error-line");
      marked = editor.addLineClass(line - 1, "background", "error-line");
      editor.focus();
      editor.setCursor({line: line - 1, ch: column - 1});
      editor.scrollIntoView(null, 120);
    } else {
      textarea.focus();
    }
  });

  inputs.forEach(function (input) {
    input.addEventListener("input", function () {
      if (!check(input)) return;
      pending[input.getAttribute("data-path")] = input.value;
      schedule(250);
    });
  });
  if (editor) editor.on("changes", function () { if (!settingText) schedule(400); });
  else textarea.addEventListener("input", function () { schedule(400); });
  if (styleSelect) styleSelect.addEventListener("change", function () { schedule(0); });
  schedule(0);
})();
