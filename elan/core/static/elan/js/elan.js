// SPDX-License-Identifier: EUPL-1.2
// Small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // Keep the CSRF token on htmx requests, since the cookie is HttpOnly.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (token) {
      event.detail.headers["X-CSRFToken"] = token.value;
    }
  });

  // After an htmx swap, move focus to the new content's heading so screen-reader and
  // keyboard users land where the change happened.
  document.addEventListener("htmx:afterSwap", function (event) {
    var heading = event.detail.target.querySelector("h1, h2, [data-focus-after-swap]");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
  });

  // A form submits once: a double click or a second Enter does not send it again.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset.submitted === "true") {
      event.preventDefault();
      return;
    }
    form.dataset.submitted = "true";
    window.setTimeout(function () { form.dataset.submitted = "false"; }, 5000);
  });
})();
