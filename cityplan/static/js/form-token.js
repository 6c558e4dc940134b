/* The forms that scripts load into a cached page (comments, following) carry the CSRF
   token of the response that brought them. A first visit that loads two of them at once
   (the page's comment form and a section's) gets a new CSRF cookie from each response, and
   the browser keeps only the last: the other form's token would be refused and what the
   reader typed lost. So on submitting, a form of this site sends the token of the cookie
   the browser holds (Django accepts the cookie's unmasked secret as the token). */
(function () {
    "use strict";

    var COOKIE = /(?:^|;\s*)csrftoken=([^;]+)/;  // Django's default CSRF_COOKIE_NAME

    document.addEventListener("submit", function (event) {
        var form = event.target;
        var field = form.querySelector && form.querySelector("input[name=csrfmiddlewaretoken]");
        var cookie = document.cookie.match(COOKIE);
        if (field && cookie && form.method.toLowerCase() === "post") {
            field.value = decodeURIComponent(cookie[1]);
        }
    }, true);
}());
