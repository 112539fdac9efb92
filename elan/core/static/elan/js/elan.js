// SPDX-License-Identifier: EUPL-1.2
// Small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

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
