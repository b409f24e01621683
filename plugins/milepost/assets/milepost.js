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
 *     the page;
 *   - filtered or zoomed, a title that does not fit its bar is written beside it, rows making
 *     room for it (unfiltered and unzoomed, the build placed titles and rows: site/labels.py);
 *   - hovering or focusing a bar highlights its chain of dependencies.
 * The month calendar (`.mp-cal`, calendar/) gets the same filters, read from and kept in the
 * same URL parameters: its entries and bars of campaigns carry the same data-* attributes, and
 * its links to other months carry the filter along.
 * Its words are the site's labels (i18n.LABELS), given by the template in data-mp-words;
 * a custom template without them gets the labels' keys.
 * No framework; works with Material's instant navigation (document$) and without it.
 */
(function () {
  "use strict";

  // URL parameter -> the bar's data-* attribute holding its value(s) ("|"-separated lists)
  var FILTERS = { owner: "owner", channel: "channels", status: "status", goal: "goals" };
  var LISTS = { channels: true, goals: true };
  var ZOOMS = { month: 30.436875, quarter: 91.310625, year: 365.2425 }; // days across the visible track
  var timelines = [];
  var calendars = [];
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

  function wordsOf(figure) {
    var words = {};
    try { words = JSON.parse(figure.getAttribute("data-mp-words") || "{}"); } catch (error) { words = {}; }
    return function (key) { return words[key] || key; };
  }

  // For a custom timeline.html without a toolbar: build one from the bars.
  function buildToolbar(figure, bars) {
    var word = wordsOf(figure);
    var toolbar = element("div", { "class": "mp-toolbar", role: "group", "aria-label": word("tl_toolbar"), "data-mp-shown": word("tl_shown") });
    Object.keys(FILTERS).forEach(function (key) {
      var seen = {};
      bars.forEach(function (bar) { valuesOf(bar, FILTERS[key]).forEach(function (v) { if (v) seen[v] = true; }); });
      var values = Object.keys(seen).sort(function (a, b) { return a.localeCompare(b); });
      if (values.length < 2) return;
      var field = element("label", { "class": "mp-toolbar__field" });
      field.appendChild(element("span", { "class": "mp-toolbar__label" }, word(key)));
      var select = element("select", { name: key, "data-mp-filter": key });
      select.appendChild(element("option", { value: "" }, word("tl_all")));
      values.forEach(function (v) { select.appendChild(element("option", { value: v }, v)); });
      field.appendChild(select);
      toolbar.appendChild(field);
    });
    var zoom = element("span", { "class": "mp-toolbar__field" });
    zoom.appendChild(element("span", { "class": "mp-toolbar__label", "aria-hidden": "true" }, word("tl_zoom")));
    var group = element("span", { "class": "mp-toolbar__zoom", role: "group", "aria-label": word("tl_zoom") });
    ["", "month", "quarter", "year"].forEach(function (level) {
      group.appendChild(element("button", { type: "button", "data-mp-zoom": level, "aria-pressed": String(!level) }, word("tl_" + (level || "auto"))));
    });
    zoom.appendChild(group);
    toolbar.appendChild(zoom);
    toolbar.appendChild(element("button", { type: "button", "class": "mp-toolbar__reset", "data-mp-reset": "" }, word("tl_reset")));
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
      bars.forEach(function (bar) {  // the build-time layout, holding at any width: restored by "Show all"
        bar.mpRow = bar.style.getPropertyValue("--mp-row");
        bar.mpOutside = bar.classList.contains("mp-bar--outside");
        bar.mpBefore = bar.classList.contains("mp-bar--before");
      });
      var label = track.previousElementSibling;
      return { track: track, label: label && label.classList.contains("mp-lane__label") ? label : null, rows: track.style.getPropertyValue("--mp-rows"), bars: bars };
    });
    var bars = [].concat.apply([], lanes.map(function (lane) { return lane.bars; }));
    var toolbar = figure.querySelector(".mp-toolbar") || buildToolbar(figure, bars);
    var days = +figure.getAttribute("data-days") || (figure.dataset.start && figure.dataset.end ? dayNumber(figure.dataset.end) - dayNumber(figure.dataset.start) + 1 : 0);
    var arrows = Array.prototype.slice.call(body.querySelectorAll("div.mp-dep"));
    var byId = {};
    bars.forEach(function (bar) { byId[bar.getAttribute("data-id")] = bar; });
    arrows.forEach(function (arrow) {
      arrow.mpFrom = byId[arrow.getAttribute("data-from")];
      arrow.mpTo = byId[arrow.getAttribute("data-to")];
      arrow.mpDown = arrow.getAttribute("data-down") === "true";  // the target is the lower end
      arrow.mpSameLane = !!(arrow.mpFrom && arrow.mpTo && arrow.mpFrom.parentNode === arrow.mpTo.parentNode);
      arrow.mpRows = [arrow.style.getPropertyValue("--mp-from-row"), arrow.style.getPropertyValue("--mp-to-row")];
    });
    var timeline = { figure: figure, scroll: scroll, body: body, lanes: lanes, bars: bars, toolbar: toolbar, days: days, zoom: "", arrows: arrows };
    if (arrows.length) watchChains(timeline);

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

  // Rows for the visible bars, as the build does it (greedy interval partitioning, bars in
  // build order, each in the row that freed up first), but on what each bar covers on screen:
  // itself and a title written beside it. `extents` holds [left, right] in px.
  function restack(bars, extents) {
    var ends = [];
    bars.forEach(function (bar, i) {
      var row = -1;
      for (var r = 0; r < ends.length; r++) {
        if (ends[r] <= extents[i][0] && (row < 0 || ends[r] < ends[row])) row = r;
      }
      if (row < 0) { row = ends.length; ends.push(0); }
      ends[row] = extents[i][1] + 3;
      bar.style.setProperty("--mp-row", String(row));
    });
    return Math.max(ends.length, 1);
  }

  // Titles that do not fit their bar go beside it (before it near the end of the track), then
  // each lane is re-stacked so that no title covers another bar, and the arrows follow their
  // bars. Reads first, then writes: one layout for the whole timeline.
  function layOut(timeline) {
    if (!timeline.zoom && !timeline.figure.classList.contains("mp-timeline--filtered")) return restore(timeline);
    var lanes = timeline.lanes.filter(function (lane) { return !lane.track.hidden; });
    lanes.forEach(function (lane) { (lane.visible || lane.bars).forEach(function (bar) { bar.classList.remove("mp-bar--outside", "mp-bar--before"); }); });
    var measured = lanes.map(function (lane) {
      var width = lane.track.clientWidth;
      return (lane.visible || lane.bars).map(function (bar) {
        var label = bar.querySelector(".mp-bar__label");
        var left = bar.offsetLeft, right = left + bar.offsetWidth;
        var need = label ? label.scrollWidth : 0;
        if (!label || need <= label.clientWidth + 1) return { bar: bar, extent: [left, right] };
        var beside = need + 8;
        var before = right + beside > width && left - beside >= 0;
        return { bar: bar, outside: true, before: before, extent: before ? [left - beside, right] : [left, right + beside] };
      });
    });
    lanes.forEach(function (lane, i) {
      var items = measured[i];
      items.forEach(function (item) {
        if (item.outside) item.bar.classList.add("mp-bar--outside");
        if (item.before) item.bar.classList.add("mp-bar--before");
      });
      var rows = restack(items.map(function (item) { return item.bar; }), items.map(function (item) { return item.extent; }));
      lane.track.style.setProperty("--mp-rows", String(rows));
    });
    timeline.arrows.forEach(function (arrow) {
      var from = arrow.mpFrom, to = arrow.mpTo;
      var shown = from && to && !from.hidden && !to.hidden;
      if (shown) {
        var rows = [from.style.getPropertyValue("--mp-row"), to.style.getPropertyValue("--mp-row")];
        var pair = arrow.mpDown ? rows : [rows[1], rows[0]];  // the upper end's row, then the lower's
        if (arrow.mpSameLane && +pair[0] > +pair[1]) shown = false;  // re-stacking swapped them in their lane: the route no longer fits
        arrow.style.setProperty("--mp-from-row", pair[0]);
        arrow.style.setProperty("--mp-to-row", pair[1]);
      }
      if (arrow.hidden === shown) arrow.hidden = !shown;
    });
  }

  // Unfiltered and unzoomed, the layout drawn at build time: its titles fit at any width, and the
  // dependency arrows are routed around its bars and titles.
  function restore(timeline) {
    timeline.lanes.forEach(function (lane) {
      lane.track.style.setProperty("--mp-rows", lane.rows);
      lane.bars.forEach(function (bar) {
        bar.style.setProperty("--mp-row", bar.mpRow);
        bar.classList.toggle("mp-bar--outside", bar.mpOutside);
        bar.classList.toggle("mp-bar--before", bar.mpBefore);
      });
    });
    timeline.arrows.forEach(function (arrow) {
      arrow.style.setProperty("--mp-from-row", arrow.mpRows[0]);
      arrow.style.setProperty("--mp-to-row", arrow.mpRows[1]);
      if (arrow.hidden) arrow.hidden = false;
    });
    // The build placed titles for the narrowest track: on a wider one, a title beside its bar
    // that fits inside goes back in. Its bar then covers less, so nothing it kept clear is met.
    var beside = timeline.bars.filter(function (bar) { return bar.mpOutside; });
    beside.forEach(function (bar) { bar.classList.remove("mp-bar--outside", "mp-bar--before"); });
    var cut = beside.filter(function (bar) {
      var label = bar.querySelector(".mp-bar__label");
      return label && label.scrollWidth > label.clientWidth + 1;
    });
    cut.forEach(function (bar) {
      bar.classList.add("mp-bar--outside");
      if (bar.mpBefore) bar.classList.add("mp-bar--before");
    });
  }

  // Hovering or focusing a bar highlights its chain: what it waits for and what waits for it.
  function watchChains(timeline) {
    var links = {};
    timeline.arrows.forEach(function (arrow) {
      var a = arrow.getAttribute("data-from"), b = arrow.getAttribute("data-to");
      (links[a] = links[a] || { up: [], down: [] }).down.push(b);
      (links[b] = links[b] || { up: [], down: [] }).up.push(a);
    });
    function walk(id, way, seen) {
      if (seen[id]) return;
      seen[id] = true;
      ((links[id] || {})[way] || []).forEach(function (next) { walk(next, way, seen); });
    }
    function show(bar) {
      var id = bar && bar.getAttribute("data-id");
      var chain = {};
      if (id && links[id]) { walk(id, "up", chain); delete chain[id]; walk(id, "down", chain); }
      var on = id && links[id];
      timeline.figure.classList.toggle("mp-timeline--chain", !!on);
      timeline.bars.forEach(function (b) { b.classList.toggle("mp-bar--chain", !!on && !!chain[b.getAttribute("data-id")] && b !== bar); });
      timeline.arrows.forEach(function (arrow) { arrow.classList.toggle("mp-dep--on", !!on && !!chain[arrow.getAttribute("data-from")] && !!chain[arrow.getAttribute("data-to")]); });
    }
    ["mouseover", "focusin"].forEach(function (type) {
      timeline.figure.addEventListener(type, function (event) { show(event.target.closest && event.target.closest(".mp-bar")); });
    });
    ["mouseleave", "focusout"].forEach(function (type) {
      timeline.figure.addEventListener(type, function () { show(null); });
    });
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
      lane.visible = visible;
    });
    timeline.figure.classList.toggle("mp-timeline--filtered", active);
    var count = timeline.toolbar.querySelector(".mp-toolbar__count");
    if (count) {
      var text = active ? (timeline.toolbar.getAttribute("data-mp-shown") || "{shown} / {total}").replace("{shown}", shown).replace("{total}", timeline.bars.length) : "";
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
    layOut(timeline);
    if (keepCentre && level && todayX(timeline) !== null) {
      scroll.scrollLeft = todayX(timeline) - visible / 2;  // a zoom opens on today
    } else if (keepCentre) {
      scroll.scrollLeft = centre * Math.max(scroll.scrollWidth - label, 1) - visible / 2;
    }
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

  // Today's distance from the start of the track, in px, or null without a today marker.
  function todayX(timeline) {
    var today = timeline.body.querySelector(".mp-today");
    if (!today) return null;
    return today.getBoundingClientRect().left - timeline.body.getBoundingClientRect().left - labelWidth(timeline);
  }

  // On load, a timeline wider than its box opens with today in the middle rather than at its first day.
  function showToday(timeline) {
    var scroll = timeline.scroll;
    var x = todayX(timeline);
    if (x === null || scroll.scrollWidth <= scroll.clientWidth) return;
    scroll.scrollLeft = Math.max(0, x - (scroll.clientWidth - labelWidth(timeline)) / 2);
  }

  // A value from the URL that no select offers (a campaign since renamed, or a filter left out
  // because every bar shares one value) is dropped rather than emptying the timeline.
  function dropUnknownValues() {
    Object.keys(FILTERS).forEach(function (key) {
      if (!state[key]) return;
      var known = timelines.concat(calendars).some(function (timeline) {
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
      else layOut(timeline);
      if (initial) showToday(timeline);
      revealBars(timeline);
    });
    calendars.forEach(function (calendar) {
      syncControls(calendar);
      filterCalendar(calendar);
    });
    if (!initial) writeState();
  }

  /* ---- the month calendar ---- */

  function setupCalendar(root) {
    var toolbar = root.querySelector(".mp-toolbar");
    if (!toolbar) return null;
    var calendar = {
      toolbar: toolbar,
      items: Array.prototype.slice.call(root.querySelectorAll("[data-status]")),  // entries and bars of campaigns
      days: Array.prototype.slice.call(root.querySelectorAll(".mp-cal__day")),
      links: Array.prototype.slice.call(root.querySelectorAll("a[data-mp-keep-query]")),
    };
    calendar.links.forEach(function (link) { link.mpHref = link.getAttribute("href"); });
    toolbar.addEventListener("change", function (event) {
      var key = event.target.getAttribute("data-mp-filter");
      if (!key) return;
      state[key] = event.target.value;
      update();
    });
    toolbar.addEventListener("click", function (event) {
      if (!event.target.closest("[data-mp-reset]")) return;
      Object.keys(FILTERS).forEach(function (key) { state[key] = ""; });
      update();
    });
    toolbar.hidden = false;
    return calendar;
  }

  // Entries of campaigns that do not match are hidden; a day left with none is marked, so that the
  // agenda (a phone's view) leaves it out; links to other months keep the filter.
  function filterCalendar(calendar) {
    var active = Object.keys(FILTERS).some(function (key) { return state[key]; });
    var shown = 0;
    calendar.items.forEach(function (item) {
      var keep = !active || matches(item);
      if (item.hidden === keep) item.hidden = !keep;
      if (keep) shown += 1;
    });
    calendar.days.forEach(function (day) {
      var entries = day.querySelectorAll(".mp-cal__entries > li");
      var left = Array.prototype.some.call(entries, function (entry) { return !entry.hidden; });
      day.classList.toggle("mp-cal__day--unmatched", active && entries.length > 0 && !left && !day.querySelector(".mp-cal__count"));
    });
    var count = calendar.toolbar.querySelector(".mp-toolbar__count");
    var text = active ? (calendar.toolbar.getAttribute("data-mp-shown") || "{shown} / {total}").replace("{shown}", shown).replace("{total}", calendar.items.length) : "";
    if (count && count.textContent !== text) count.textContent = text;
    var params = new URLSearchParams();
    Object.keys(FILTERS).forEach(function (key) { if (state[key]) params.set(key, state[key]); });
    var query = params.toString();
    calendar.links.forEach(function (link) {
      var parts = link.mpHref.split("#");
      link.setAttribute("href", parts[0] + (query ? "?" + query : "") + (parts.length > 1 ? "#" + parts[1] : ""));
    });
  }

  function init() {
    state = readState();
    timelines = Array.prototype.map.call(document.querySelectorAll(".mp-timeline"), setup).filter(Boolean);
    calendars = Array.prototype.map.call(document.querySelectorAll(".mp-cal"), setupCalendar).filter(Boolean);
    if (timelines.length || calendars.length) update(true);
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

  // The Print button of each timeline: it needs this script, so it is hidden without it.
  function setupPrint() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-mp-print]"), function (button) {
      if (button.mpReady) return;
      button.mpReady = true;
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function start() {
    nameSearchDialog();
    init();
    setupListFilters();
    setupPrint();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start); // Material: every page, instant navigation included
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

/* Milepost: the threshold filter of variance/ (the `baseline` option). Rows carry their slip in
 * data-days; the field hides those that moved by no more days than it says (in either
 * direction), and keeps its value in the URL (?slip=N). Without this script every row shows. */
(function () {
  "use strict";

  function setup() {
    var field = document.querySelector("[data-mp-threshold]");
    if (!field) return;
    var rows = document.querySelectorAll(".mp-variance tbody tr[data-days]");
    var apply = function () {
      var over = Math.max(+field.value || 0, 0);
      rows.forEach(function (row) { row.hidden = Math.abs(+row.getAttribute("data-days")) <= over && over > 0; });
      var url = new URL(window.location.href);
      if (over > 0) url.searchParams.set("slip", String(over)); else url.searchParams.delete("slip");
      window.history.replaceState(window.history.state, "", url);
    };
    field.value = new URLSearchParams(window.location.search).get("slip") || field.value;
    field.closest("[hidden]") && field.closest("[hidden]").removeAttribute("hidden");
    field.addEventListener("input", apply);
    apply();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setup);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
