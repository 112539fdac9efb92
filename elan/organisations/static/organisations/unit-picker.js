// SPDX-License-Identifier: EUPL-1.2
// The unit picker (elan/organisations/widgets.py) filters in place: typing in its search box
// sends the form as a search step in the background (the same request its Search button sends
// without JavaScript, which saves nothing) and swaps in the status line and the units found.
// The page works without this file.
(function () {
  "use strict";

  var DELAY = 300;

  function enhance(picker) {
    var form = picker.closest("form");
    var query = picker.querySelector("[data-unit-picker-query]");
    var button = picker.querySelector("[data-unit-picker-search]");
    var status = document.getElementById(picker.dataset.status);
    var results = document.getElementById(picker.dataset.results);
    if (!form || !query || !button || !status || !results || !window.fetch) {
      return;
    }
    var timer = null;
    var latest = 0;
    var lastQuery = query.value;

    function search() {
      window.clearTimeout(timer);
      lastQuery = query.value;
      var asked = ++latest;
      var data = new FormData(form);
      data.append(button.name, button.value);
      results.setAttribute("aria-busy", "true");
      window.fetch(form.getAttribute("action") || window.location.href, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-Requested-With": "unit-picker" }
      }).then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.text();
      }).then(function (html) {
        if (asked !== latest) {
          return; // an answer to an older search: a newer one is on its way
        }
        var page = new DOMParser().parseFromString(html, "text/html");
        var newStatus = page.getElementById(status.id);
        var newResults = page.getElementById(results.id);
        if (newStatus && newResults) {
          results.innerHTML = newResults.innerHTML;
          // Only the text changes, so that the live region announces it.
          status.textContent = newStatus.textContent;
        }
      }).catch(function () {
        // The Search button still works: nothing to do.
      }).then(function () {
        if (asked === latest) {
          results.removeAttribute("aria-busy");
        }
      });
    }

    query.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        if (query.value !== lastQuery) {
          search();
        }
      }, DELAY);
    });
    query.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault(); // Enter here searches; it does not send the whole form
        search();
      }
    });
    button.addEventListener("click", function (event) {
      event.preventDefault();
      search();
    });
  }

  document.querySelectorAll("[data-unit-picker]").forEach(enhance);
})();
