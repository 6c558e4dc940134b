/* "Follow news by e-mail": load the form (never part of the cached page: it carries a CSRF
   token) when the reader opens the disclosure. Without JavaScript the link in it opens the
   form as a page of its own. */
(function () {
    "use strict";

    document.addEventListener("toggle", function (event) {
        var details = event.target;
        if (!details.matches || !details.matches("details[data-follow]") || !details.open) { return; }
        var target = details.querySelector("[data-follow-target]");
        var link = details.querySelector("a[data-follow-link]");
        if (!target || !link || details.hasAttribute("data-loaded")) { return; }
        details.setAttribute("data-loaded", "");
        link.setAttribute("aria-busy", "true");
        fetch(link.href, { headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" })
            .then(function (response) {
                if (!response.ok) { throw new Error(response.status); }
                return response.text();
            })
            .then(function (html) {
                target.innerHTML = html;
                var field = target.querySelector("input[type=email], select");
                if (field) { field.focus(); }
            })
            .catch(function () {  // the link still opens the form's own page
                details.removeAttribute("data-loaded");
                link.removeAttribute("aria-busy");
            });
    }, true);
}());
