/* Milepost: filters, zoom and shareable URLs for the timelines.
 *
 * Progressive enhancement only: a timeline is complete HTML and CSS, drawn at build
 * time; without this script it still reads, links and prints. With it, each
 * `.mp-timeline` gets its toolbar (rendered hidden by the template, or built here from
 * the bars' data-* attributes if a custom template has none):
 *   - filters by owner, channel, status and goal: bars that do not match are hidden,
 *     lanes left empty are hidden, and the remaining bars are re-stacked in their rows;
 *   - zoom: "auto" (the build-time layout) or a month, a quarter or a year across the
 *     visible width of the track;
 *   - the state lives in the page's query string (?owner=…&status=…&zoom=…), so a
 *     filtered view can be shared; it is read on load and applies to every timeline on
 *     the page.
 * No framework; works with Material's instant navigation (document$) and without it.
 */
(function () {
  "use strict";

  // URL parameter -> the bar's data-* attribute holding its value(s) ("|"-separated lists)
  var FILTERS = { owner: "owner", channel: "channels", status: "status", goal: "goals" };
  var LISTS = { channels: true, goals: true };
  var ZOOMS = { month: 30.436875, quarter: 91.310625, year: 365.2425 }; // days across the visible track
  var ENGLISH = { toolbar: "Filter and zoom the timeline", all: "All", zoom: "Zoom", auto: "Auto", month: "Month", quarter: "Quarter", year: "Year", reset: "Show all", shown: "{shown} of {total} campaigns", owner: "Owner", channel: "Channel", status: "Status", goal: "Goal" };
  var timelines = [];
  var state = {};

  function valuesOf(bar, attribute) {
    var raw = bar.getAttribute("data-" + attribute) || "";
    if (!LISTS[attribute]) return [raw];
    return raw ? raw.split("|") : [];
  }

  function dayNumber(iso) {
    return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86400000;
  }

  /* ---- state <-> URL ---- */

  function readState() {
    var params = new URLSearchParams(window.location.search);
    var read = { zoom: ZOOMS.hasOwnProperty(params.get("zoom")) ? params.get("zoom") : "" };
    Object.keys(FILTERS).forEach(function (key) { read[key] = params.get(key) || ""; });
    return read;
  }

  function writeState() {
    var params = new URLSearchParams(window.location.search);
    Object.keys(state).forEach(function (key) {
      if (state[key]) params.set(key, state[key]);
      else params.delete(key);
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(window.history.state, "", url);
    }
  }

  /* ---- the toolbar ---- */

  function element(name, attributes, text) {
    var node = document.createElement(name);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // For a custom timeline.html without a toolbar: build one from the bars, in English.
  function buildToolbar(figure, bars) {
    var toolbar = element("div", { "class": "mp-toolbar", role: "group", "aria-label": ENGLISH.toolbar, "data-mp-shown": ENGLISH.shown });
    Object.keys(FILTERS).forEach(function (key) {
      var seen = {};
      bars.forEach(function (bar) { valuesOf(bar, FILTERS[key]).forEach(function (v) { if (v) seen[v] = true; }); });
      var values = Object.keys(seen).sort(function (a, b) { return a.localeCompare(b); });
      if (values.length < 2) return;
      var field = element("label", { "class": "mp-toolbar__field" });
      field.appendChild(element("span", { "class": "mp-toolbar__label" }, ENGLISH[key]));
      var select = element("select", { name: key, "data-mp-filter": key });
      select.appendChild(element("option", { value: "" }, ENGLISH.all));
      values.forEach(function (v) { select.appendChild(element("option", { value: v }, v)); });
      field.appendChild(select);
      toolbar.appendChild(field);
    });
    var zoom = element("span", { "class": "mp-toolbar__field" });
    zoom.appendChild(element("span", { "class": "mp-toolbar__label", "aria-hidden": "true" }, ENGLISH.zoom));
    var group = element("span", { "class": "mp-toolbar__zoom", role: "group", "aria-label": ENGLISH.zoom });
    ["", "month", "quarter", "year"].forEach(function (level) {
      group.appendChild(element("button", { type: "button", "data-mp-zoom": level, "aria-pressed": String(!level) }, ENGLISH[level || "auto"]));
    });
    zoom.appendChild(group);
    toolbar.appendChild(zoom);
    toolbar.appendChild(element("button", { type: "button", "class": "mp-toolbar__reset", "data-mp-reset": "" }, ENGLISH.reset));
    toolbar.appendChild(element("span", { "class": "mp-toolbar__count", role: "status" }));
    figure.insertBefore(toolbar, figure.querySelector(".mp-timeline__scroll"));
    return toolbar;
  }

  /* ---- one timeline ---- */

  function setup(figure) {
    var scroll = figure.querySelector(".mp-timeline__scroll");
    var body = figure.querySelector(".mp-timeline__body");
    if (!scroll || !body) return null;
    var lanes = Array.prototype.map.call(figure.querySelectorAll(".mp-lane__track"), function (track) {
      var bars = Array.prototype.slice.call(track.querySelectorAll(".mp-bar"));
      bars.forEach(function (bar) { bar.mpRow = bar.style.getPropertyValue("--mp-row"); });
      var label = track.previousElementSibling;
      return { track: track, label: label && label.classList.contains("mp-lane__label") ? label : null, rows: track.style.getPropertyValue("--mp-rows"), bars: bars };
    });
    var bars = [].concat.apply([], lanes.map(function (lane) { return lane.bars; }));
    var toolbar = figure.querySelector(".mp-toolbar") || buildToolbar(figure, bars);
    var days = +figure.getAttribute("data-days") || (figure.dataset.start && figure.dataset.end ? dayNumber(figure.dataset.end) - dayNumber(figure.dataset.start) + 1 : 0);
    var timeline = { figure: figure, scroll: scroll, body: body, lanes: lanes, bars: bars, toolbar: toolbar, days: days, zoom: "" };

    toolbar.addEventListener("change", function (event) {
      var key = event.target.getAttribute("data-mp-filter");
      if (!key) return;
      state[key] = event.target.value;
      update();
    });
    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      if (button.hasAttribute("data-mp-zoom")) {
        state.zoom = button.getAttribute("data-mp-zoom");
      } else if (button.hasAttribute("data-mp-reset")) {
        Object.keys(FILTERS).forEach(function (key) { state[key] = ""; });
        state.zoom = "";
      } else {
        return;
      }
      update();
    });
    ["focusout", "mouseout"].forEach(function (type) {
      figure.addEventListener(type, function (event) {
        var bar = event.target.closest && event.target.closest(".mp-bar");
        if (bar && !bar.contains(event.relatedTarget)) bar.classList.remove("mp-bar--quiet");
      });
    });
    if (!window.CSS || !CSS.supports("(anchor-scope: all) and (position-try-fallbacks: flip-block)")) {
      // No CSS anchor positioning: lift the tooltip out of the scrolling track so it is never clipped.
      ["mouseover", "focusin"].forEach(function (type) {
        figure.addEventListener(type, function (event) {
          var bar = event.target.closest && event.target.closest(".mp-bar");
          if (bar) placeTip(bar);
        });
      });
    }
    toolbar.hidden = false;
    return timeline;
  }

  function placeTip(bar) {
    var tip = bar.querySelector(".mp-tip");
    if (!tip) return;
    var box = bar.getBoundingClientRect();
    tip.style.position = "fixed";
    tip.style.left = Math.max(8, Math.min(box.left, window.innerWidth - tip.offsetWidth - 8)) + "px";
    var below = box.bottom + tip.offsetHeight <= window.innerHeight;
    tip.style.top = (below ? box.bottom : Math.max(0, box.top - tip.offsetHeight)) + "px";
  }

  function matches(bar) {
    return Object.keys(FILTERS).every(function (key) {
      return !state[key] || valuesOf(bar, FILTERS[key]).indexOf(state[key]) >= 0;
    });
  }

  // Rows for the visible bars, as the build does it: greedy interval partitioning, bars
  // in build order (by start, end, id), each in the row that freed up first.
  function restack(bars) {
    var ends = [];
    bars.forEach(function (bar) {
      var start = bar.getAttribute("data-start");
      var row = -1;
      for (var r = 0; r < ends.length; r++) {
        if (ends[r] < start && (row < 0 || ends[r] < ends[row])) row = r;
      }
      if (row < 0) { row = ends.length; ends.push(""); }
      ends[row] = bar.getAttribute("data-end");
      bar.style.setProperty("--mp-row", String(row));
    });
    return Math.max(ends.length, 1);
  }

  function filter(timeline) {
    var active = Object.keys(FILTERS).some(function (key) { return state[key]; });
    var shown = 0;
    timeline.lanes.forEach(function (lane) {
      var visible = lane.bars.filter(function (bar) {
        var keep = !active || matches(bar);
        if (bar.hidden === keep) bar.hidden = !keep;
        return keep;
      });
      shown += visible.length;
      var empty = active && !visible.length;
      lane.track.hidden = empty;
      if (lane.label) lane.label.hidden = empty;
      if (!active) {
        lane.bars.forEach(function (bar) { bar.style.setProperty("--mp-row", bar.mpRow); });
        lane.track.style.setProperty("--mp-rows", lane.rows);
      } else if (!empty) {
        lane.track.style.setProperty("--mp-rows", String(restack(visible)));
      }
    });
    timeline.figure.classList.toggle("mp-timeline--filtered", active);
    var count = timeline.toolbar.querySelector(".mp-toolbar__count");
    if (count) {
      var text = active ? (timeline.toolbar.getAttribute("data-mp-shown") || ENGLISH.shown).replace("{shown}", shown).replace("{total}", timeline.bars.length) : "";
      if (count.textContent !== text) count.textContent = text;
    }
  }

  function labelWidth(timeline) {
    var corner = timeline.body.querySelector(".mp-timeline__corner");
    return corner ? corner.getBoundingClientRect().width : 0;
  }

  // Zoom: the track gets a minimum width so that a month, a quarter or a year spans the
  // visible width; "auto" removes it. The date at the centre of the view stays there.
  function zoom(timeline, level, keepCentre) {
    var scroll = timeline.scroll;
    var label = labelWidth(timeline);
    var visible = Math.max(scroll.clientWidth - label, 1);
    var track = Math.max(scroll.scrollWidth - label, 1);
    var centre = (scroll.scrollLeft + visible / 2) / track;
    if (level && timeline.days) {
      timeline.body.style.setProperty("--mp-track-min", Math.round(timeline.days / ZOOMS[level] * visible) + "px");
    } else {
      timeline.body.style.removeProperty("--mp-track-min");
    }
    timeline.zoom = level;
    if (level) timeline.figure.setAttribute("data-zoom", level);
    else timeline.figure.removeAttribute("data-zoom");
    timeline.toolbar.querySelectorAll("[data-mp-zoom]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-mp-zoom") === level));
    });
    if (keepCentre) scroll.scrollLeft = centre * Math.max(scroll.scrollWidth - label, 1) - visible / 2;
    markTightLabels(timeline);
  }

  // Tick labels wider than their tick (weeks at the year zoom, say) are hidden, not cut;
  // a milestone label that would cover the one before it is left out (its diamond stays).
  function markTightLabels(timeline) {
    var ticks = timeline.body.querySelectorAll(".mp-tick");
    var tight = Array.prototype.map.call(ticks, function (tick) { return tick.scrollWidth > tick.clientWidth + 1; });
    ticks.forEach(function (tick, i) { tick.classList.toggle("mp-tick--tight", tight[i]); });
    var markers = Array.prototype.slice.call(timeline.body.querySelectorAll(".mp-marker"));
    markers.forEach(function (marker) { marker.classList.remove("mp-marker--tight"); });
    var boxes = markers.map(function (marker) {
      var label = marker.querySelector(".mp-marker__label");
      return label ? label.getBoundingClientRect() : null;
    });
    var right = -Infinity;
    markers.forEach(function (marker, i) {
      var box = boxes[i];
      if (!box) return;
      if (box.left < right + 4) marker.classList.add("mp-marker--tight");
      else right = box.right;
    });
  }

  // On load, a timeline wider than its box opens at today rather than at its first day.
  function showToday(timeline) {
    var scroll = timeline.scroll;
    var today = timeline.body.querySelector(".mp-today");
    if (!today || scroll.scrollWidth <= scroll.clientWidth) return;
    var label = labelWidth(timeline);
    var x = today.getBoundingClientRect().left - timeline.body.getBoundingClientRect().left - label;
    scroll.scrollLeft = Math.max(0, x - (scroll.clientWidth - label) / 4);
  }

  // A value from the URL that no select offers (a campaign since renamed, or a filter left out
  // because every bar shares one value) is dropped rather than emptying the timeline.
  function dropUnknownValues() {
    Object.keys(FILTERS).forEach(function (key) {
      if (!state[key]) return;
      var known = timelines.some(function (timeline) {
        var select = timeline.toolbar.querySelector('[data-mp-filter="' + key + '"]');
        return select && Array.prototype.some.call(select.options, function (option) { return option.value === state[key]; });
      });
      if (!known) state[key] = "";
    });
  }

  // After filtering, if none of the bars left is in view, scroll to the first of them.
  function revealBars(timeline) {
    var scroll = timeline.scroll;
    if (scroll.scrollWidth <= scroll.clientWidth) return;
    var view = scroll.getBoundingClientRect();
    var from = view.left + labelWidth(timeline);
    var first = null;
    var inView = timeline.bars.some(function (bar) {
      if (bar.hidden) return false;
      var box = bar.getBoundingClientRect();
      if (!first || box.left < first.left) first = box;
      return box.right > from && box.left < view.right;
    });
    if (!inView && first) scroll.scrollLeft += first.left - from - 16;
  }

  function syncControls(timeline) {
    timeline.toolbar.querySelectorAll("[data-mp-filter]").forEach(function (select) {
      var value = state[select.getAttribute("data-mp-filter")] || "";
      if (select.value !== value) select.value = value;
    });
  }

  function update(initial) {
    if (initial) dropUnknownValues();
    timelines.forEach(function (timeline) {
      syncControls(timeline);
      filter(timeline);
      if (initial || timeline.zoom !== state.zoom) zoom(timeline, state.zoom, !initial);
      if (initial) showToday(timeline);
      revealBars(timeline);
    });
    if (!initial) writeState();
  }

  function init() {
    state = readState();
    timelines = Array.prototype.map.call(document.querySelectorAll(".mp-timeline"), setup).filter(Boolean);
    if (timelines.length) update(true);
  }

  // WCAG 1.4.13: a tooltip shown on hover or focus can be dismissed without moving.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".mp-bar:hover, .mp-bar:focus").forEach(function (bar) { bar.classList.add("mp-bar--quiet"); });
  });

  var resizing = 0;
  window.addEventListener("resize", function () {
    window.cancelAnimationFrame(resizing);
    resizing = window.requestAnimationFrame(function () {
      timelines.forEach(function (timeline) {
        if (document.contains(timeline.figure)) zoom(timeline, timeline.zoom, true);
      });
    });
  });

  // Material's search dialog has no accessible name (axe: aria-dialog-name); give it one.
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]:not([aria-label]):not([aria-labelledby])");
    var input = document.querySelector(".md-search__input");
    if (dialog) dialog.setAttribute("aria-label", (input && (input.getAttribute("aria-label") || input.getAttribute("placeholder"))) || "Search");
  }

  // Lists with a filter form (lessons/): each select keeps the items whose data-NAME holds its value.
  function setupListFilters() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-mp-filter]"), function (form) {
      if (form.mpReady) return;
      form.mpReady = true;
      var items = Array.prototype.slice.call(document.querySelectorAll(form.getAttribute("data-mp-filter")));
      var count = form.querySelector("output");
      function apply() {
        var shown = 0;
        items.forEach(function (item) {
          var keep = Array.prototype.every.call(form.querySelectorAll("select"), function (select) {
            return !select.value || (item.getAttribute("data-" + select.name) || "").split("|").indexOf(select.value) >= 0;
          });
          item.hidden = !keep;
          if (keep) shown += 1;
        });
        if (count) count.textContent = form.getAttribute("data-mp-shown").replace("{shown}", shown).replace("{total}", items.length);
      }
      form.addEventListener("change", apply);
      form.hidden = false;
      apply();
    });
  }

  function start() {
    nameSearchDialog();
    init();
    setupListFilters();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start); // Material: every page, instant navigation included
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
