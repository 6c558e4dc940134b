// Plan outline: open the collapsed priority that holds a linked element, and open every
// priority before printing so that the printout carries the whole plan.
(function () {
    "use strict";
    function openTarget() {
        if (!location.hash) { return; }
        var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
        for (var node = target; node; node = node.parentElement) {
            if (node.tagName === "DETAILS") { node.open = true; }
        }
        if (target) { target.scrollIntoView(); }
    }
    window.addEventListener("hashchange", openTarget);
    document.addEventListener("DOMContentLoaded", openTarget);
    window.addEventListener("beforeprint", function () {
        document.querySelectorAll("details.plan-node").forEach(function (details) { details.open = true; });
    });
}());
