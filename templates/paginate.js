// Page breaks of a printed speaker script, decided before printing so that a paragraph that
// goes on over a page says so at the top of the next page ("(continued)"). The page is laid
// out at the printed width; each row that would cross the bottom of its page starts the next
// one instead, or, where a row may break (compact density, or the flowing layouts), is cut
// between two sentences and its rest moved to a copy that starts the next page. A row is
// never cut inside a sentence or a cue. Without JavaScript the script prints all the same,
// with the browser's own breaks and no marks.
(function () {
  "use strict";
  var main = document.querySelector("main");
  if (!main || !main.dataset.pageHeight) {
    return;
  }
  var MM = 96 / 25.4;
  // Room left for rounding between screen and print layout, in millimetres.
  var SAFETY_MM = 3;
  var pageHeight = (parseFloat(main.dataset.pageHeight) - SAFETY_MM) * MM;
  var cutRows = main.dataset.density === "compact";
  var label = main.dataset.continued || "";

  function top(el) {
    return el.getBoundingClientRect().top + window.scrollY;
  }
  function bottom(el) {
    return el.getBoundingClientRect().bottom + window.scrollY;
  }
  function outerTop(el) {
    return top(el) - (parseFloat(window.getComputedStyle(el).marginTop) || 0);
  }
  function isRow(el) {
    return el.classList.contains("row");
  }
  // Starts a page at `el`; returns where that page starts.
  function startPage(el) {
    el.style.breakBefore = "page";
    el.classList.add("page-start");
    if (isRow(el) && !el.classList.contains("first") && !el.querySelector(".continued")) {
      var mark = document.createElement("p");
      mark.className = "continued";
      mark.lang = main.dataset.continuedLang || "";
      mark.textContent = label;
      el.insertBefore(mark, el.firstChild);
    }
    return outerTop(el);
  }
  // Cuts `row` after the last sentence of each cell that ends above `limit`, and moves the
  // rest to a copy placed after it. Every cell that has text keeps at least its first item,
  // so both languages start on the same page. Returns the copy, or null.
  function cut(row, limit) {
    var cells = Array.prototype.filter.call(row.children, function (c) {
      return c.classList.contains("cell");
    });
    var cuts = cells.map(function (cell) {
      var items = Array.prototype.slice.call(cell.children);
      var at = items.findIndex(function (item) {
        return bottom(item) > limit;
      });
      return { cell: cell, items: items, at: at < 0 ? items.length : at };
    });
    var keepsEach = cuts.every(function (c) {
      return c.items.length === 0 || c.at > 0;
    });
    var movesSome = cuts.some(function (c) {
      return c.at < c.items.length;
    });
    if (!keepsEach || !movesSome) {
      return null;
    }
    var copy = row.cloneNode(false);
    copy.classList.remove("first");
    cuts.forEach(function (c) {
      var cell = c.cell.cloneNode(false);
      c.items.slice(c.at).forEach(function (item) {
        cell.appendChild(item);
      });
      copy.appendChild(cell);
    });
    row.parentNode.insertBefore(copy, row.nextSibling);
    return copy;
  }

  var first = document.body.firstElementChild;
  var pageTop = first ? outerTop(first) : 0;
  var el = main.firstElementChild;
  while (el) {
    var limit = pageTop + pageHeight;
    if (bottom(el) <= limit) {
      el = el.nextElementSibling;
      continue;
    }
    var alone = outerTop(el) <= pageTop + 1;
    if (!isRow(el)) {
      // The end mark goes over with the last row rather than alone.
      var previous = el.previousElementSibling;
      if (previous && !previous.classList.contains("page-start")) {
        pageTop = startPage(previous);
        el = previous;
      } else {
        pageTop = alone ? pageTop + pageHeight : startPage(el);
        el = el.nextElementSibling;
      }
      continue;
    }
    var copy = (cutRows || el.classList.contains("flow")) ? cut(el, limit) : null;
    if (copy) {
      pageTop = startPage(copy);
      el = copy;
    } else if (alone) {
      // Taller than a page: it takes what it needs.
      pageTop = limit;
      el = el.nextElementSibling;
    } else {
      pageTop = startPage(el);
    }
  }
})();
