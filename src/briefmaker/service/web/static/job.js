/* A batch job's page: progress of the whole job and of each unit, failures located, the zip at the end. */
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box || !window.bm) return;
  var el = bm.el;
  var labels = JSON.parse(box.getAttribute("data-labels"));
  var summary = document.getElementById("job-summary");
  var bar = document.getElementById("job-progress");
  var body = document.getElementById("job-units");
  var zip = document.getElementById("job-zip");

  function where(p) { return (p.file || "") + ":" + (p.line || "") + ":" + (p.column || "") + " " + (p.path || ""); }

  function row(unit, index) {
    var tr = el("tr");
    tr.setAttribute("data-unit", String(index));
    tr.setAttribute("data-state", unit.state);
    tr.appendChild(el("th", null, unit.name || unit.label)).setAttribute("scope", "row");
    var cell = el("td"), progress = el("progress");
    progress.max = 1;
    if (unit.state !== "waiting") progress.value = 1;
    progress.setAttribute("aria-label", unit.name || unit.label);
    cell.appendChild(progress);
    tr.appendChild(cell);
    var outcome = el("td", "outcome", labels[unit.state] || unit.state);
    var list = el("ul", "unit-problems");
    (unit.problems || []).forEach(function (p) {
      var li = el("li");
      li.appendChild(el("span", "where", where(p)));
      li.appendChild(document.createTextNode(" " + p.message));
      list.appendChild(li);
    });
    outcome.appendChild(list);
    tr.appendChild(outcome);
    return tr;
  }

  function show(job) {
    summary.textContent = summary.getAttribute("data-template").replace("{done}", job.done)
      .replace("{total}", job.total).replace("{built}", job.built).replace("{failed}", job.failed);
    bar.max = job.total || 1;
    bar.value = job.done;
    while (body.firstChild) body.removeChild(body.firstChild);
    job.units.forEach(function (u, i) { body.appendChild(row(u, i)); });
    box.setAttribute("data-state", job.state);
    if (job.state !== "queued" && job.state !== "running") zip.hidden = false;
  }

  function poll() {
    bm.getJSON(box.getAttribute("data-status")).then(function (answer) {
      if (answer[0] === 200) show(answer[1]);
      var state = box.getAttribute("data-state");
      if (state === "queued" || state === "running") setTimeout(poll, 500);
    }, function () { setTimeout(poll, 2000); });
  }
  var state = box.getAttribute("data-state");
  if (state === "queued" || state === "running") setTimeout(poll, 300);
})();
