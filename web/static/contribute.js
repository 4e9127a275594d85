// The contribution form with JavaScript: a live preview of the description (rendered by the
// server's own Markdown renderer through the dry-run API), live overlap warnings, a filter for
// the country list, and rows added or removed in place. Without it the form works the same
// through full page loads; this file only makes it quicker.
(function () {
  "use strict";
  var form = document.getElementById("contribute-form");
  if (!form || !window.fetch || !window.URLSearchParams) return;

  var body = form.querySelector("textarea[name='body']");
  var preview = document.getElementById("preview-body");
  var overlaps = document.getElementById("overlaps");
  var overlapsList = document.getElementById("overlaps-list");
  var timer = null;
  var pending = null;

  function formParams() {
    var params = new URLSearchParams();
    var data = new FormData(form);
    data.forEach(function (value, name) {
      if (name !== "action") params.append(name, value);
    });
    return params;
  }

  function showOverlaps(list) {
    if (!overlaps || !overlapsList) return;
    overlapsList.textContent = "";
    if (!list || list.length === 0) {
      overlaps.hidden = true;
      return;
    }
    var ul = document.createElement("ul");
    ul.className = "overlap-list";
    list.forEach(function (m) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = m.url;
      a.textContent = m.title;
      var meta = document.createElement("span");
      meta.className = "overlap-meta";
      meta.textContent = " " + (form.dataset.msgScore || "{score}").replace("{score}", m.score.toFixed(2));
      li.appendChild(a);
      li.appendChild(meta);
      ul.appendChild(li);
    });
    overlapsList.appendChild(ul);
    overlaps.hidden = false;
  }

  // The server renders the Markdown exactly as it will publish it; its HTML is safe (raw HTML
  // and script links are removed by cmark), so it can be shown as it comes.
  function refresh() {
    if (pending) pending.abort();
    pending = new AbortController();
    fetch(form.dataset.previewUrl, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: formParams().toString(),
      signal: pending.signal
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (result) {
      if (!result) return;
      if (preview && typeof result.body_html === "string") {
        if (result.body_html.trim() === "") {
          preview.innerHTML = "";
          var p = document.createElement("p");
          p.className = "muted";
          p.textContent = form.dataset.msgPreviewEmpty || "";
          preview.appendChild(p);
        } else {
          preview.innerHTML = result.body_html;
        }
      }
      if (result.overlaps) showOverlaps(result.overlaps);
    }).catch(function () { /* offline or aborted: the Preview button still works */ });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 500);
  }

  if (body) body.addEventListener("input", schedule);
  ["title", "summary"].forEach(function (name) {
    var input = form.querySelector("[name='" + name + "']");
    if (input) input.addEventListener("change", schedule);
  });

  // Countries: a filter box over the long list.
  var filterBox = form.querySelector(".country-filter");
  if (filterBox) {
    filterBox.hidden = false;
    var filter = filterBox.querySelector("input");
    filter.addEventListener("input", function () {
      var q = filter.value.trim().toLowerCase();
      form.querySelectorAll(".countries .region").forEach(function (region) {
        var visible = 0;
        region.querySelectorAll("li").forEach(function (li) {
          var input = li.querySelector("input");
          var match = q === "" || li.textContent.toLowerCase().indexOf(q) >= 0 ||
                      input.value.toLowerCase() === q || input.checked;
          li.hidden = !match;
          if (match) visible++;
        });
        region.hidden = visible === 0;
      });
    });
    // Enter in the filter must not submit the form.
    filter.addEventListener("keydown", function (e) { if (e.key === "Enter") e.preventDefault(); });
  }

  // Rows: "Add" copies the last row with empty fields; "Remove" takes one away.
  function renumber(row, n) {
    row.dataset.row = String(n);
    var label = row.querySelector(".row-label");
    if (label) label.textContent = (form.dataset.msgRow || "{n}").replace("{n}", String(n));
    row.querySelectorAll("[name], [id], [for], [aria-describedby]").forEach(function (el) {
      ["name", "id", "for", "aria-describedby"].forEach(function (attr) {
        var value = el.getAttribute(attr);
        if (value) el.setAttribute(attr, value.replace(/\[\d+\]/, "[" + n + "]").replace(/-\d+-/, "-" + n + "-"));
      });
    });
  }

  function wireRemove(row) {
    var button = row.querySelector(".remove-row");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var list = row.parentNode;
      if (list.children.length > 1) {
        list.removeChild(row);
      } else {
        row.querySelectorAll("input, textarea, select").forEach(function (el) { el.value = ""; });
      }
      Array.prototype.forEach.call(list.children, function (r, i) { renumber(r, i + 1); });
      schedule();
    });
  }

  form.querySelectorAll("fieldset.rows").forEach(function (group) {
    var list = group.querySelector(".row-list");
    list.querySelectorAll(".row").forEach(wireRemove);
    var add = group.querySelector(".add-row");
    if (!add) return;
    add.addEventListener("click", function (e) {
      var last = list.lastElementChild;
      if (!last) return;
      e.preventDefault();
      var copy = last.cloneNode(true);
      copy.querySelectorAll(".field-problem").forEach(function (p) { p.parentNode.removeChild(p); });
      copy.querySelectorAll(".has-error").forEach(function (el) { el.classList.remove("has-error"); });
      copy.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
      copy.querySelectorAll("input, textarea").forEach(function (el) { el.value = ""; });
      copy.querySelectorAll("select").forEach(function (el) { el.selectedIndex = 0; });
      list.appendChild(copy);
      renumber(copy, list.children.length);
      wireRemove(copy);
      var first = copy.querySelector("input, textarea, select");
      if (first) first.focus();
    });
  });

  var summary = document.getElementById("problem-summary");
  if (summary) summary.focus();
})();
