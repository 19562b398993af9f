// The review page's views, in the browser: the rule of src/view.rs
// applied to the page's markup (html/body.rs writes what it needs).
// A change's outcome is keep, accept or reject; an insertion rejected or
// a deletion accepted is gone with all it holds, a change kept is shown
// as a change, any other shows as plain text. Several States: the
// changes each State proposes are kept (data.keep, from view::proposes)
// and the others' rejected, and each State's remarks on a change left
// out stand as its notes (data-r, from view::is_remark), as `--view
// author=CODE` does for one. The view lives in the URL fragment:
// #view=all|accepted|original, #author=US or #author=US,CA.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("nojs");
  root.classList.add("js");
  var data = JSON.parse(document.getElementById("rp-data").textContent);
  var changes = data.changes;
  var KEEP = 0, ACCEPT = 1, REJECT = 2;
  var state = { view: "all", set: null };

  function all(selector, within) {
    return Array.prototype.slice.call((within || document).querySelectorAll(selector));
  }
  function ints(text) {
    return text.split(" ").map(Number);
  }

  var els = all("ins[data-c],del[data-c]").map(function (el) {
    return { el: el, c: +el.getAttribute("data-c") };
  });
  var ats = all(".at").map(function (el) {
    return {
      el: el,
      g: +el.getAttribute("data-g"),
      pieces: all(".ap", el).map(function (p) {
        var sep = p.querySelector(".sep");
        return {
          el: p,
          a: +p.getAttribute("data-a"),
          remark: p.hasAttribute("data-r"),
          sep: sep,
          between: sep && sep.textContent,
          notes: sep && sep.getAttribute("data-r")
        };
      })
    };
  });
  var nts = all(".nt").map(function (el) {
    return { el: el, a: +el.getAttribute("data-n") };
  });
  var gaps = all(".gap").map(function (el) {
    return { el: el, d: ints(el.getAttribute("data-d")) };
  });
  var sps = all(".sp");
  var containers = all(".bl");
  var numbered = all("p[data-k]");
  var refs = all("#text .fr[data-f]");
  var notesList = document.querySelector(".footnotes ul");
  var footnotes = all(".footnotes li[data-f]");

  function outcome(c) {
    if (state.set) {
      return data.keep[changes[c][3]].some(function (a) {
        return state.set[a];
      }) ? KEEP : REJECT;
    }
    return state.view === "accepted" ? ACCEPT : state.view === "original" ? REJECT : KEEP;
  }
  function removed(c) {
    var o = outcome(c);
    return changes[c][0] === 0 ? o === REJECT : o === ACCEPT;
  }
  function chainGone(c) {
    for (; c >= 0; c = changes[c][2]) {
      if (removed(c)) {
        return true;
      }
    }
    return false;
  }
  function toggle(el, cls, on) {
    if (el.classList.contains(cls) !== on) {
      el.classList.toggle(cls, on);
    }
  }
  function isAll() {
    return !state.set && state.view === "all";
  }

  // A group's attribution shows when one of its changes is kept and
  // nothing around that change is gone; of several States', only those
  // of the States shown. Where the States' view leaves the group out,
  // their remarks on it stand there as their notes (class rm), one note
  // each; the place itself goes with a change around it that is gone.
  function attributions() {
    ats.forEach(function (at) {
      var shown = data.groups[at.g].some(function (c) {
        return outcome(c) === KEEP && !chainGone(changes[c][2]);
      });
      var remarks = !shown && !!state.set && at.pieces.some(function (p) {
        return p.remark && state.set[p.a];
      });
      toggle(at.el, "gone", !shown && !remarks);
      toggle(at.el, "rm", remarks);
      if (!shown && !remarks) {
        return;
      }
      var any = at.pieces.some(function (p) {
        return !state.set || state.set[p.a];
      });
      var first = true;
      at.pieces.forEach(function (p) {
        var on = remarks
          ? p.remark && !!state.set[p.a]
          : !state.set || !any || !!state.set[p.a];
        toggle(p.el, "gone", !on);
        if (p.sep) {
          toggle(p.sep, "gone", first);
          var text = remarks ? p.notes : p.between;
          if (p.sep.textContent !== text) {
            p.sep.textContent = text;
          }
        }
        if (on) {
          first = false;
        }
      });
    });
  }

  function changesAndNotes() {
    els.forEach(function (e) {
      var gone = removed(e.c);
      toggle(e.el, "gone", gone);
      toggle(e.el, "x", !gone && outcome(e.c) !== KEEP);
    });
    attributions();
    nts.forEach(function (n) {
      var shown = state.set ? !!state.set[n.a] : state.view === "all";
      toggle(n.el, "gone", !shown);
    });
    gaps.forEach(function (g) {
      toggle(g.el, "gone", !g.d.some(function (d) {
        return outcome(d) === KEEP;
      }));
    });
  }

  var SKIP = /(^|\s)(gone|at|nt|gap|fr)(\s|$)/;
  // The first character of text shown after `node` in its block, as
  // view.rs's tidying sees runs: past what the view hides, footnote marks
  // and runs of spaces; an attribution or a note shown stops the search.
  function nextChar(node, block) {
    var walker = document.createTreeWalker(block, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        if (n.nodeType === 1) {
          if (/(^|\s)(at|nt)(\s|$)/.test(n.className) && !n.classList.contains("gone")) {
            // An attribution or a note shown stands between: no folding.
            return NodeFilter.FILTER_ACCEPT;
          }
          return SKIP.test(n.className) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP;
        }
        // A run of spaces only is folded into the space before it.
        return /\S/.test(n.data) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
      }
    });
    walker.currentNode = node;
    var next = walker.nextNode();
    while (next && node.contains(next)) {
      next = walker.nextNode();
    }
    return next && next.nodeType === 3 ? next.data.charAt(0) : "";
  }

  // What follows a space at once, when that settles it: text, or a
  // change shown that starts with text; else null (search further).
  function quickNext(sp) {
    var n = sp.nextSibling;
    if (n && n.nodeType === 3 && /\S/.test(n.data)) {
      return n.data.charAt(0);
    }
    if (n && (n.tagName === "INS" || n.tagName === "DEL") && !n.classList.contains("gone")) {
      var t = n.firstChild;
      if (t && t.nodeType === 3 && /\S/.test(t.data)) {
        return t.data.charAt(0);
      }
    }
    return null;
  }

  var blockOf = sps.map(function (sp) {
    return sp.closest(".p,.h,td,th,li") || sp.parentNode;
  });
  // A space before removed text is dropped when punctuation follows.
  function spaces() {
    var all = isAll();
    sps.forEach(function (sp, i) {
      var drop = false;
      if (!all && !sp.closest(".gone")) {
        var next = quickNext(sp);
        if (next === null) {
          next = nextChar(sp, blockOf[i]);
        }
        drop = next !== "" && ".,;:)".indexOf(next) >= 0;
      }
      toggle(sp, "gone", drop);
    });
  }

  // The spaces around attributions and between change groups, by the
  // rule of spacing::separates (data.attach, data.opens: its character
  // classes, read off it by the page's writer).
  var ATTACH = new RegExp("^" + data.attach, "u");
  var OPENS = new RegExp(data.opens + "$", "u");
  var QUIET = /(^|\s)(gone|at|nt|n|ls|fr)(\s|$)/;
  function walker(block) {
    return document.createTreeWalker(block, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        if (n.nodeType === 1) {
          return QUIET.test(n.className) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP;
        }
        return n.data.length ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
      }
    });
  }
  function fill(el, on) {
    var text = on ? " " : "";
    if (el.textContent !== text) {
      el.textContent = text;
    }
  }
  // After an attribution or a note shown: a space before a word, none
  // before punctuation, another attribution or the paragraph's end.
  var afters = all(".as").map(function (el) {
    return {
      el: el,
      aside: el.parentNode,
      block: el.closest(".p,.h,td,th,li") || el.parentNode,
      // As the writer set it, for every change shown.
      initial: el.textContent === " "
    };
  });
  function spaceAfter(a) {
    // Text right after it settles it at once.
    var sib = a.aside.nextSibling;
    if (sib && sib.nodeType === 3 && sib.data.length) {
      return !ATTACH.test(sib.data.charAt(0));
    }
    var w = document.createTreeWalker(a.block, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        if (n.nodeType === 1) {
          if (n.classList.contains("gone")) {
            return NodeFilter.FILTER_REJECT;
          }
          return /(^|\s)(at|nt|fr)(\s|$)/.test(n.className) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
        }
        return n.data.length ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
      }
    });
    w.currentNode = a.aside;
    var next = w.nextNode();
    while (next && a.aside.contains(next)) {
      next = w.nextNode();
    }
    if (!next) {
      return false;
    }
    var c = next.nodeType === 3 ? next.data.charAt(0) : next.classList.contains("fr") ? "[" : "";
    return c !== "" && !ATTACH.test(c);
  }
  // Two change groups' words that touch in a view part with a space.
  var parts = all(".pg").map(function (el) {
    return { el: el, g: +el.getAttribute("data-g"), block: el.closest(".p,.h,td,th,li") || el.parentNode };
  });
  function parted(p) {
    var w = walker(p.block);
    w.currentNode = p.el;
    var prev = w.previousNode();
    if (!prev || OPENS.test(prev.data)) {
      return false;
    }
    var change = prev.parentNode.closest("ins[data-c],del[data-c]");
    return !!change && p.block.contains(change) && changes[+change.getAttribute("data-c")][3] !== p.g;
  }
  function asides() {
    var clean = isAll();
    parts.forEach(function (p) {
      fill(p.el, !clean && !p.el.closest(".gone") && parted(p));
    });
    afters.forEach(function (a) {
      if (clean) {
        fill(a.el, a.initial);
      } else if (!a.aside.classList.contains("gone")) {
        fill(a.el, spaceAfter(a));
      }
    });
  }

  var HIDDEN = /(^|\s)(gone|n|at|gap|sp)(\s|$)/;
  // Whether a block shows any words (or a footnote mark, a standing note).
  function hasText(block) {
    if (!block.hasAttribute("data-e")) {
      return true;
    }
    var walker = document.createTreeWalker(block, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        if (n.nodeType === 1) {
          if (n.classList.contains("rm") && !n.classList.contains("gone")) {
            // A remark standing as a note, as view.rs counts a standing note.
            return NodeFilter.FILTER_ACCEPT;
          }
          if (HIDDEN.test(n.className) || (n.classList.contains("nt") && !n.classList.contains("st"))) {
            return NodeFilter.FILTER_REJECT;
          }
          return NodeFilter.FILTER_SKIP;
        }
        return /\S/.test(n.data) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
      }
    });
    return walker.nextNode() !== null;
  }

  // Paragraphs whose break is gone join the next one; a paragraph left
  // without words is gone; a heading inside removed text goes with it.
  function blocks() {
    containers.forEach(function (box) {
      var pending = [];
      function flush() {
        if (!pending.length) {
          return;
        }
        var empty = pending.some(function (p) {
          return p.hasAttribute("data-e");
        }) && !pending.some(hasText);
        pending.forEach(function (p, i) {
          toggle(p, "gone", empty);
          toggle(p, "jn", pending.length > 1);
          toggle(p, "jt", i > 0);
        });
        pending = [];
      }
      Array.prototype.forEach.call(box.children, function (b) {
        var m = b.getAttribute("data-m");
        var markGone = m !== null && chainGone(+m);
        if (b.classList.contains("p")) {
          pending.push(b);
          if (!markGone) {
            flush();
          }
        } else if (b.classList.contains("h")) {
          var gone = markGone && !hasText(b);
          toggle(b, "gone", gone);
          if (!gone) {
            flush();
          }
        } else {
          flush();
        }
      });
      flush();
    });
  }

  // A point every word of which the clean text removes goes with its
  // heading, as view.rs drops it; a view that shows changes keeps it.
  var pointSections = all("section.point");
  function points() {
    var clean = !state.set && state.view !== "all";
    pointSections.forEach(function (s) {
      var emptied = clean && !all(".p, .h, table", s).some(function (b) {
        return !b.classList.contains("gone") && hasText(b);
      });
      toggle(s, "gone", emptied);
    });
  }

  // The clean texts are numbered afresh; views that show changes keep
  // the numbers the changes refer to.
  function numbers() {
    var renumber = !state.set && state.view !== "all";
    var n = 0;
    numbered.forEach(function (p) {
      var label = p.querySelector(".n");
      var k = +p.getAttribute("data-k");
      if (renumber && !p.classList.contains("gone") && !p.classList.contains("jt")) {
        n += 1;
        k = n;
      }
      var text = data.number.replace("{}", String(k));
      if (label && label.textContent !== text) {
        label.textContent = text;
      }
    });
  }

  // Footnotes no reference shows are gone; the others are numbered again
  // in the order of their first reference.
  function notes() {
    var order = [];
    var seen = {};
    refs.forEach(function (r) {
      var f = +r.getAttribute("data-f");
      if (!seen[f] && !r.closest(".gone")) {
        seen[f] = true;
        order.push(f);
      }
    });
    var number = {};
    var k = 0;
    order.forEach(function (f) {
      if (data.footnotes[f] === null) {
        k += 1;
        number[f] = String(k);
      } else {
        number[f] = data.footnotes[f];
      }
    });
    refs.forEach(function (r) {
      var f = +r.getAttribute("data-f");
      var sup = r.firstChild;
      if (number[f] !== undefined && sup.textContent !== number[f]) {
        sup.textContent = number[f];
      }
    });
    footnotes.forEach(function (li) {
      var f = +li.getAttribute("data-f");
      toggle(li, "gone", !seen[f]);
      var mark = li.querySelector(".fm");
      if (seen[f] && mark.textContent !== number[f]) {
        mark.textContent = number[f];
      }
    });
    if (notesList) {
      order.forEach(function (f) {
        notesList.appendChild(footnotes[f]);
      });
    }
  }

  function spec() {
    if (state.set) {
      var codes = [];
      data.authors.forEach(function (code, i) {
        if (state.set[i]) {
          codes.push(encodeURIComponent(code));
        }
      });
      return "author=" + codes.join(",");
    }
    return "view=" + state.view;
  }

  function controls() {
    all("#views input[name=view]").forEach(function (r) {
      r.checked = !state.set && r.value === state.view;
    });
    all("#views input[name=author]").forEach(function (box) {
      box.checked = !!(state.set && state.set[+box.getAttribute("data-a")]);
    });
  }

  // The line that says which view is shown (a status for screen readers).
  var status = document.getElementById("shown");
  function say() {
    var what;
    if (state.set) {
      what = data.names.filter(function (name, i) {
        return state.set[i];
      }).join(", ");
    } else {
      what = data.shown[{ all: 1, accepted: 2, original: 3 }[state.view]];
    }
    var text = data.shown[0].replace("{}", what);
    if (status.textContent !== text) {
      status.textContent = text;
    }
  }

  function apply() {
    var start = performance.now();
    changesAndNotes();
    spaces();
    asides();
    blocks();
    points();
    numbers();
    notes();
    controls();
    say();
    root.setAttribute("data-view", spec());
    return performance.now() - start;
  }

  // `view=accepted`, `author=US,CA` (codes percent-encoded), or null for
  // any other fragment (`point-7`), which leaves the view as it is.
  function parse(text) {
    var h = text.replace(/^#/, "");
    var m = /^view=(all|accepted|original)$/.exec(h);
    if (m) {
      return { view: m[1], set: null };
    }
    if (h.indexOf("author=") !== 0) {
      return null;
    }
    var set = [];
    var any = false;
    h.slice(7).split(",").forEach(function (part) {
      var code;
      try {
        code = decodeURIComponent(part);
      } catch (e) {
        return;
      }
      var i = data.authors.indexOf(code);
      if (i >= 0) {
        set[i] = true;
        any = true;
      }
    });
    return any ? { view: "author", set: set } : null;
  }

  function show(text) {
    var next = parse(text);
    if (!next) {
      return -1;
    }
    state = next;
    return apply();
  }

  function chosen() {
    var set = [];
    var any = false;
    all("#views input[name=author]").forEach(function (box) {
      if (box.checked) {
        set[+box.getAttribute("data-a")] = true;
        any = true;
      }
    });
    return any ? { view: "author", set: set } : null;
  }

  document.getElementById("views").addEventListener("change", function (event) {
    var input = event.target;
    if (input.name === "view") {
      state = { view: input.value, set: null };
    } else {
      state = chosen() || { view: "all", set: null };
    }
    apply();
    history.replaceState(null, "", "#" + spec());
  });
  document.getElementById("views").addEventListener("submit", function (event) {
    event.preventDefault();
  });
  window.addEventListener("hashchange", function () {
    show(location.hash);
  });
  window.rapporteur = { show: show, spec: spec };
  if (show(location.hash) < 0) {
    apply();
  }
})();
