/* Postwright preview: patch blocks in place and report where the reader is.
   Offline and dependency-free. The window calls window.postwright.applyPatches(ops) with
   the ops of editor.core.render.diff_blocks (insert / replace / remove / lines / shift), and
   reads events from window.pwBridge.report(json) when a QWebChannel bridge is present, else
   from console messages prefixed "postwright:". Blocks are found through a map from their
   ids, so a patch costs the same on a long post as on a short one. */
(function () {
  "use strict";
  var body = document.getElementById("pw-body");
  var byId = null;

  function element(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    return template.content.firstElementChild;
  }

  function index() {
    if (byId === null) {
      byId = new Map();
      for (var child = body.firstElementChild; child; child = child.nextElementSibling) {
        var id = child.getAttribute("data-block");
        if (id !== null) { byId.set(id, child); }
      }
    }
    return byId;
  }

  function block(id) {
    var found = index().get(id);
    if (found && found.parentNode === body) { return found; }
    found = body.querySelector('[data-block="' + CSS.escape(id) + '"]');
    if (found) { byId.set(id, found); }
    return found;
  }

  function remember(el) {
    if (el) { index().set(el.getAttribute("data-block"), el); }
    return el;
  }

  function shift(after, delta) {
    var el = after != null ? block(after) : null;
    el = el ? el.nextElementSibling : body.firstElementChild;
    for (; el; el = el.nextElementSibling) {
      if (!el.hasAttribute("data-block")) { continue; }
      el.setAttribute("data-line-start", +el.getAttribute("data-line-start") + delta);
      el.setAttribute("data-line-end", +el.getAttribute("data-line-end") + delta);
    }
  }

  function applyPatches(ops) {
    for (var i = 0; i < ops.length; i++) {
      var op = ops[i];
      var target = op.id != null ? block(op.id) : null;
      if (op.op === "insert") {
        var anchor = op.after != null ? block(op.after) : null;
        var added = remember(element(op.html));
        if (anchor) { anchor.after(added); } else { body.prepend(added); }
      } else if (op.op === "replace" && target) {
        index().delete(op.id);
        target.replaceWith(remember(element(op.html)));
      } else if (op.op === "remove" && target) {
        index().delete(op.id);
        target.remove();
      } else if (op.op === "shift") {
        shift(op.after, op.delta);
      } else if (op.op === "lines" && target) {
        target.setAttribute("data-line-start", op.start);
        target.setAttribute("data-line-end", op.end);
      }
    }
  }

  function setHeader(html) {
    var header = document.querySelector(".pw-header");
    if (header) { header.replaceWith(element(html)); }
  }

  function setTheme(name) {
    document.documentElement.setAttribute("data-theme", name === "dark" ? "dark" : "light");
  }

  function blocks() {
    return body.querySelectorAll("[data-block]");
  }

  function scrollToLine(line) {
    var all = blocks();
    for (var i = 0; i < all.length; i++) {
      var start = +all[i].getAttribute("data-line-start");
      var end = +all[i].getAttribute("data-line-end");
      if (line <= end || i === all.length - 1) {
        var rect = all[i].getBoundingClientRect();
        var part = end > start ? Math.max(0, Math.min(1, (line - start) / (end - start))) : 0;
        window.scrollTo(0, window.scrollY + rect.top + part * rect.height);
        return;
      }
    }
  }

  function topLine() {
    var all = blocks();
    for (var i = 0; i < all.length; i++) {
      var rect = all[i].getBoundingClientRect();
      if (rect.bottom > 0) {
        var start = +all[i].getAttribute("data-line-start");
        var end = +all[i].getAttribute("data-line-end");
        var part = rect.height > 0 ? Math.max(0, -rect.top) / rect.height : 0;
        return Math.round(start + part * (end - start));
      }
    }
    return 1;
  }

  function report(event) {
    var json = JSON.stringify(event);
    if (window.pwBridge && window.pwBridge.report) { window.pwBridge.report(json); }
    else { console.log("postwright:" + json); }
  }

  var pending = false;
  window.addEventListener("scroll", function () {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      report({ type: "scroll", line: topLine() });
    });
  }, { passive: true });

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (link && link.getAttribute("href").charAt(0) !== "#") {
      event.preventDefault(); /* the window decides whether to open it */
      report({ type: "link", href: link.getAttribute("href") });
      return;
    }
    var hit = event.target.closest ? event.target.closest("[data-block]") : null;
    if (hit) { report({ type: "click", line: +hit.getAttribute("data-line-start") }); }
  });

  window.postwright = {
    applyPatches: applyPatches,
    setHeader: setHeader,
    setTheme: setTheme,
    scrollToLine: scrollToLine,
    topLine: topLine
  };
})();
