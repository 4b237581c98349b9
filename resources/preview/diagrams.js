/* Postwright preview: draw diagram blocks with the mermaid build that ships with Postwright.
   Runs in the application's isolated world, as preview.js does (the page's own JavaScript is
   off). A block is <div class="pw-diagram" data-kind="mermaid"><pre class="pw-diagram-source">
   (editor/core/render/diagrams.py). mermaid is megabytes, so the window hands it over only
   when a page first has a diagram: this script asks with the report {type: "diagrams"}, the
   window evaluates the build in this world and calls pwDiagrams.ready(), or
   pwDiagrams.unavailable(reason) when it has none. Blocks arrive as patches (preview.js);
   they are seen here through a MutationObserver on the article, so a patch that replaces a
   block draws it again. SVG is cached by theme and source: a block replaced with the same
   source, or typing elsewhere, shows the cached drawing at once. */
(function () {
  "use strict";
  var body = document.getElementById("pw-body");
  if (!body || window.pwDiagrams) { return; }

  /* Chromium runs no timer callback in a frame whose scripts are off, not even in an isolated
     world: setTimeout's callbacks never come, and mermaid waits on them while it draws.
     scheduler.postTask does run there; it stands in for the timers of this world. */
  (function installTimers() {
    if (!window.scheduler || typeof window.scheduler.postTask !== "function") { return; }
    var timers = new Map();
    var next = 1;
    function later(id, callback, delay, args, repeat) {
      var control = new TaskController();
      timers.set(id, control);
      window.scheduler.postTask(function () {
        if (timers.get(id) !== control) { return; }
        if (repeat) { later(id, callback, delay, args, true); } else { timers.delete(id); }
        if (typeof callback === "function") { callback.apply(window, args); }
      }, { delay: Math.max(0, +delay || 0), signal: control.signal }).catch(function () {});
    }
    function start(repeat) {
      return function (callback, delay) {
        var id = next++;
        later(id, callback, delay, Array.prototype.slice.call(arguments, 2), repeat);
        return id;
      };
    }
    function stop(id) {
      var control = timers.get(id);
      if (control) { timers.delete(id); control.abort(); }
    }
    window.setTimeout = start(false);
    window.setInterval = start(true);
    window.clearTimeout = stop;
    window.clearInterval = stop;
  })();

  var CACHE_LIMIT = 200;
  var MAX_TEXT = 50000; /* mermaid's maxTextSize: longer sources are not drawn */
  var cache = new Map(); /* theme + "\n" + source -> {svg: ...} or {error: ...} */
  var queue = [];
  var state = "idle"; /* idle -> loading -> ready | unavailable */
  var reason = "";
  var drawing = false;
  var initialised = "";
  var serial = 0;

  function report(event) {
    var json = JSON.stringify(event);
    if (window.pwBridge && window.pwBridge.report) { window.pwBridge.report(json); }
    else { console.log("postwright:" + json); }
  }

  function theme() {
    return document.documentElement.getAttribute("data-theme") === "dark" ? "dark" : "light";
  }

  function child(diagram, name) {
    for (var el = diagram.firstElementChild; el; el = el.nextElementSibling) {
      if (el.classList.contains(name)) { return el; }
    }
    return null;
  }

  function made(diagram, name, before) {
    var el = child(diagram, name);
    if (!el) {
      el = document.createElement("div");
      el.className = name;
      diagram.insertBefore(el, before || child(diagram, "pw-diagram-source"));
    }
    return el;
  }

  function sourceOf(diagram) {
    var pre = child(diagram, "pw-diagram-source");
    return pre ? pre.textContent : "";
  }

  function keyOf(diagram) { return theme() + "\n" + sourceOf(diagram); }

  function note(diagram, title, text) {
    var box = made(diagram, "pw-diagram-note");
    box.textContent = "";
    var head = document.createElement("strong");
    head.textContent = title;
    box.appendChild(head);
    if (text) {
      var message = document.createElement("pre");
      message.className = "pw-diagram-message";
      message.textContent = text;
      box.appendChild(message);
    }
  }

  function show(diagram, drawn) {
    var old = child(diagram, "pw-diagram-note");
    if (drawn.svg !== undefined) {
      if (old) { old.remove(); }
      made(diagram, "pw-diagram-figure").innerHTML = drawn.svg;
      diagram.setAttribute("data-state", "drawn");
    } else {
      var figure = child(diagram, "pw-diagram-figure");
      if (figure) { figure.remove(); }
      note(diagram, "This diagram has an error, so it is shown as its source:", drawn.error);
      diagram.setAttribute("data-state", "error");
    }
  }

  function showUnavailable(diagram) {
    var figure = child(diagram, "pw-diagram-figure");
    if (figure) { figure.remove(); }
    note(diagram, "Diagram not drawn: " + reason + ".", "");
    diagram.setAttribute("data-state", "unavailable");
  }

  function remember(key, drawn) {
    if (cache.size >= CACHE_LIMIT) { cache.delete(cache.keys().next().value); }
    cache.set(key, drawn);
  }

  /* a diagram block appeared, or the theme changed: draw it from the cache or queue it;
     ``stale`` is the drawing it replaces, shown until the new one is ready */
  function want(diagram, stale) {
    var hit = cache.get(keyOf(diagram));
    if (hit) { show(diagram, hit); return; }
    if (state === "unavailable") { showUnavailable(diagram); return; }
    if (stale && !child(diagram, "pw-diagram-figure")) {
      diagram.insertBefore(stale, child(diagram, "pw-diagram-source"));
    }
    diagram.setAttribute("data-state", stale ? "redrawing" : "pending");
    queue.push(diagram);
    if (state === "idle") {
      state = "loading";
      report({ type: "diagrams" });
    } else if (state === "ready") {
      pump();
    }
  }

  function configure() {
    var wanted = theme();
    if (initialised === wanted) { return; }
    window.mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict", /* labels sanitised, no click callbacks or links to scripts */
      suppressErrorRendering: true, /* an error is shown here, not as mermaid's bomb icon */
      theme: wanted === "dark" ? "dark" : "default",
      logLevel: "fatal",
      maxTextSize: MAX_TEXT,
      fontFamily: "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", Arial, sans-serif"
    });
    initialised = wanted;
  }

  function message(error) {
    var text = error && error.message ? String(error.message) : String(error);
    return text.replace(/\s+$/, "");
  }

  function cleanUp(id) {
    /* mermaid measures in a scratch element under <body>; never leave one behind */
    ["d" + id, id].forEach(function (name) {
      var left = document.getElementById(name);
      if (left && !body.contains(left)) { left.remove(); }
    });
  }

  function draw(source) {
    if (source.length > MAX_TEXT) {
      /* mermaid would draw its own notice as if it were the diagram */
      return Promise.resolve({ error: "Maximum text size in diagram exceeded: " +
        source.length + " characters, mermaid draws at most " + MAX_TEXT + "." });
    }
    configure();
    var id = "pw-mermaid-" + (++serial);
    var done = function (drawn) { cleanUp(id); return drawn; };
    try {
      return Promise.resolve(window.mermaid.render(id, source)).then(
        function (out) { return done({ svg: out.svg }); },
        function (error) { return done({ error: message(error) }); }
      );
    } catch (error) {
      return Promise.resolve(done({ error: message(error) }));
    }
  }

  /* one drawing at a time (mermaid keeps state per render); blocks replaced meanwhile are
     skipped, so typing in a diagram draws only its latest source */
  function pump() {
    if (drawing) { return; }
    while (queue.length) {
      var diagram = queue.shift();
      if (!diagram.isConnected) { continue; }
      var key = keyOf(diagram);
      var hit = cache.get(key);
      if (hit) { show(diagram, hit); continue; }
      drawing = true;
      draw(sourceOf(diagram)).then(function (drawn) {
        drawing = false;
        remember(key, drawn);
        try {
          if (diagram.isConnected && keyOf(diagram) === key) { show(diagram, drawn); }
          else if (diagram.isConnected) { want(diagram); }
        } finally {
          pump();
        }
      });
      return;
    }
  }

  function diagramsIn(node) {
    if (node.nodeType !== 1) { return []; }
    var found = Array.prototype.slice.call(node.querySelectorAll(".pw-diagram"));
    if (node.classList.contains("pw-diagram")) { found.unshift(node); }
    return found;
  }

  /* patches replace whole blocks: a diagram removed and one added by the same patch keep
     the old drawing on screen until the new one is drawn */
  new MutationObserver(function (records) {
    for (var r = 0; r < records.length; r++) {
      var stale = [];
      var gone = records[r].removedNodes;
      for (var g = 0; g < gone.length; g++) {
        diagramsIn(gone[g]).forEach(function (old) {
          var figure = child(old, "pw-diagram-figure");
          if (figure) { stale.push(figure); }
        });
      }
      var added = records[r].addedNodes;
      for (var a = 0; a < added.length; a++) {
        diagramsIn(added[a]).forEach(function (diagram) {
          if (diagram.isConnected) { want(diagram, stale.shift()); }
        });
      }
    }
  }).observe(body, { childList: true });

  new MutationObserver(function () {
    if (state === "unavailable") { return; }
    diagramsIn(body).forEach(function (diagram) {
      want(diagram, child(diagram, "pw-diagram-figure"));
    });
  }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });

  window.pwDiagrams = {
    /* the window has evaluated the mermaid build in this world */
    ready: function () {
      if (!window.mermaid || typeof window.mermaid.render !== "function") {
        window.pwDiagrams.unavailable("the mermaid build did not load in the preview");
        return;
      }
      if (state === "ready") { return; }
      state = "ready";
      pump();
    },
    /* there is no mermaid build: say why on every diagram */
    unavailable: function (why) {
      state = "unavailable";
      reason = String(why);
      queue = [];
      diagramsIn(body).forEach(showUnavailable);
    },
    state: function () { return state; }
  };

  diagramsIn(body).forEach(function (diagram) { want(diagram); });
})();
