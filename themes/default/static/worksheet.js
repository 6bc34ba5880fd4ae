/* insikt — worksheets: answers stay with the reader.
   Without this file a worksheet can be read, filled in and printed (blank boxes).
   With it:
   1. answers are saved in the browser's localStorage as the reader types, under a key made
      of the site's title, the set's id and its version, and restored on the next visit;
   2. they can be exported as a Markdown file (questions and answers) or a JSON file, and
      imported again from the JSON file;
   3. they can be cleared, after a confirmation;
   4. text typed in a text area is copied into the box printed in its place;
   5. a print button, and every disclosure opened while printing (its text is part of the
      printed form), closed again afterwards.
   Nothing is ever sent over the network: files are made in the page and downloaded. */
(function () {
  "use strict";

  var FORMAT = "insikt-worksheet-answers";

  function init() {
    var form = document.getElementById("ws-form");
    if (!form) return;
    var storage = null;
    try {
      storage = window.localStorage;
      storage.getItem(form.dataset.storageKey);
    } catch (e) {
      storage = null; // storage switched off: the form still works, nothing is kept
    }
    var status = document.getElementById("ws-status");
    var tools = document.getElementById("ws-tools");
    var fileInput = document.getElementById("ws-import-file");
    var d = form.dataset;

    function say(text) {
      if (status) status.textContent = text;
    }

    /* name → value (string) or values (array, checkboxes); empty answers are left out. */
    function collect() {
      var answers = {};
      var fields = form.elements;
      for (var i = 0; i < fields.length; i++) {
        var f = fields[i];
        if (!f.name || f.type === "file") continue;
        if (f.type === "checkbox") {
          if (f.checked) (answers[f.name] = answers[f.name] || []).push(f.value);
        } else if (f.type === "radio") {
          if (f.checked) answers[f.name] = f.value;
        } else if (f.value !== "") {
          answers[f.name] = f.value;
        }
      }
      return answers;
    }

    function apply(answers) {
      var fields = form.elements;
      for (var i = 0; i < fields.length; i++) {
        var f = fields[i];
        if (!f.name || f.type === "file") continue;
        var v = Object.prototype.hasOwnProperty.call(answers, f.name) ? answers[f.name] : null;
        if (f.type === "checkbox") {
          f.checked = Array.isArray(v) && v.indexOf(f.value) >= 0;
        } else if (f.type === "radio") {
          f.checked = v === f.value;
        } else {
          f.value = typeof v === "string" ? v : "";
        }
      }
      mirrorAll();
    }

    function mirror(textarea) {
      var box = textarea.nextElementSibling;
      if (box && box.classList.contains("ws-print-answer")) box.textContent = textarea.value;
    }

    function mirrorAll() {
      var areas = form.querySelectorAll("textarea");
      for (var i = 0; i < areas.length; i++) mirror(areas[i]);
    }

    function save() {
      if (!storage) return;
      var answers = collect();
      try {
        if (Object.keys(answers).length === 0) {
          storage.removeItem(d.storageKey);
        } else {
          storage.setItem(d.storageKey, JSON.stringify({ saved: new Date().toISOString(), answers: answers }));
        }
        say(d.tSaved + " " + new Date().toLocaleTimeString(document.documentElement.lang, { hour: "2-digit", minute: "2-digit" }));
      } catch (e) {
        say(String(e && e.message ? e.message : e));
      }
    }

    function restore() {
      if (!storage) return;
      var raw = storage.getItem(d.storageKey);
      if (!raw) return;
      try {
        var stored = JSON.parse(raw);
        if (stored && stored.answers) apply(stored.answers);
      } catch (e) {
        /* a damaged entry is ignored, and replaced on the next save */
      }
    }

    function text(el) {
      return el ? el.textContent.replace(/\s+/g, " ").trim() : "";
    }

    /* The worksheet as Markdown: title, session fields, then every question and answer. */
    function markdown() {
      var answers = collect();
      var out = ["# " + d.title, ""];
      var exported = d.tExported + ": " + new Date().toISOString().slice(0, 10);
      out.push("*" + d.site + " · " + exported + "*", "");
      var none = d.tNoAnswer;
      var fieldLine = function (label, name) {
        var v = answers[name];
        return "- **" + label + ":** " + (v ? String(v).replace(/\s*\n\s*/g, "; ") : none);
      };
      var header = form.querySelectorAll(".ws-session .ws-field");
      if (header.length) {
        out.push("## " + d.tSession, "");
        for (var i = 0; i < header.length; i++) {
          var control = header[i].querySelector("input, textarea");
          out.push(fieldLine(text(header[i].querySelector("label")), control.name));
        }
        out.push("");
      }
      var block = function (value) {
        if (!value) return [none, ""];
        return [value.replace(/\r\n/g, "\n").split("\n").map(function (l) { return "> " + l; }).join("\n"), ""];
      };
      var sections = form.querySelectorAll(".ws-section");
      for (var s = 0; s < sections.length; s++) {
        out.push("## " + text(sections[s].querySelector(".ws-section-title")), "");
        var questions = sections[s].querySelectorAll(".ws-q");
        for (var q = 0; q < questions.length; q++) {
          var el = questions[q];
          var name = el.id.replace(/^q-/, "");
          if (el.classList.contains("ws-q-info")) continue;
          if (el.classList.contains("ws-q-group")) {
            out.push("### " + text(el.querySelector(".ws-q-text")), "");
            var subs = el.querySelectorAll(".ws-sub");
            for (var k = 0; k < subs.length; k++) {
              var area = subs[k].querySelector("textarea");
              out.push("**" + text(subs[k].querySelector(".ws-sub-text")) + "**", "");
              out.push.apply(out, block(answers[area.name]));
            }
            continue;
          }
          out.push("### " + text(el.querySelector(".ws-q-text")), "");
          var value = answers[name];
          var inputs = el.querySelectorAll("input[type=radio], input[type=checkbox]");
          if (inputs.length) {
            for (var j = 0; j < inputs.length; j++) {
              var label = text(el.querySelector("label[for='" + inputs[j].id + "']"));
              out.push("- [" + (inputs[j].checked ? "x" : " ") + "] " + label);
            }
            out.push("");
          } else {
            out.push.apply(out, block(value));
          }
        }
      }
      return out.join("\n").replace(/\n{3,}/g, "\n\n");
    }

    function json() {
      return JSON.stringify(
        {
          format: FORMAT,
          site: d.site,
          set: d.set,
          version: Number(d.version),
          title: d.title,
          exported: new Date().toISOString(),
          answers: collect(),
        },
        null,
        2
      ) + "\n";
    }

    function download(name, type, content) {
      var url = URL.createObjectURL(new Blob([content], { type: type }));
      var a = document.createElement("a");
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    }

    function fileName(ext) {
      return d.set + "-" + new Date().toISOString().slice(0, 10) + "." + ext;
    }

    function importFile(file) {
      file.text().then(function (content) {
        var data = JSON.parse(content);
        if (!data || data.format !== FORMAT || data.set !== d.set || typeof data.answers !== "object") {
          throw new Error("wrong file");
        }
        apply(data.answers);
        save();
        say(d.tImported);
      }).catch(function () {
        say(d.tImportFailed);
      });
    }

    form.addEventListener("input", function (e) {
      if (e.target.tagName === "TEXTAREA") mirror(e.target);
      save();
    });
    form.addEventListener("change", save);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
    });
    form.addEventListener("click", function (e) {
      var button = e.target.closest ? e.target.closest("button[data-action]") : null;
      if (!button) return;
      var action = button.getAttribute("data-action");
      if (action === "export-md") {
        download(fileName("md"), "text/markdown;charset=utf-8", markdown() + "\n");
      } else if (action === "export-json") {
        download(fileName("json"), "application/json;charset=utf-8", json());
      } else if (action === "import" && fileInput) {
        fileInput.click();
      } else if (action === "print") {
        window.print();
      } else if (action === "clear" && window.confirm(d.tConfirmClear)) {
        apply({});
        if (storage) storage.removeItem(d.storageKey);
        say(d.tCleared);
      }
    });
    if (fileInput) {
      fileInput.addEventListener("change", function () {
        if (fileInput.files && fileInput.files[0]) importFile(fileInput.files[0]);
        fileInput.value = "";
      });
    }

    var opened = [];
    window.addEventListener("beforeprint", function () {
      var all = document.querySelectorAll("details:not([open])");
      for (var i = 0; i < all.length; i++) {
        if (all[i].closest(".ws-tools")) continue;
        all[i].open = true;
        opened.push(all[i]);
      }
    });
    window.addEventListener("afterprint", function () {
      while (opened.length) opened.pop().open = false;
    });

    restore();
    mirrorAll();
    // A session box with something filled in is shown open.
    var session = document.querySelector(".ws-session-box");
    if (session && Array.prototype.some.call(session.querySelectorAll("input, textarea"), function (f) {
      return f.value !== "";
    })) {
      session.open = true;
    }
    if (tools) tools.hidden = false;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
