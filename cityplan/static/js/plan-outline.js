// Plan outline: a priority's measures and indicators shown in place (its view's part without
// the site's chrome) instead of opening its own view; an old link to an element of the plan
// page (#measure-<id>) taken to the element in its priority's view; a print button.
// Without JavaScript every link opens a page of its own that shows the same.
(function () {
    "use strict";

    var ELEMENT = /^(goal|objective|measure|indicator)-[0-9a-f-]+$/;

    function setOpen(link, open) {
        var priority = link.closest("[data-priority]");
        var label = link.querySelector("[data-label]");
        var other = link.getAttribute("data-other-text") || link.getAttribute("data-hide-text");
        priority.querySelector("[data-priority-detail]").hidden = !open;
        priority.querySelector("[data-priority-summary]").hidden = open;
        link.setAttribute("data-other-text", label.textContent);
        label.textContent = other;
        link.setAttribute("aria-expanded", open ? "true" : "false");
    }

    function toggle(link) {
        var priority = link.closest("[data-priority]");
        var detail = priority.querySelector("[data-priority-detail]");
        if (detail.childElementCount) {
            setOpen(link, detail.hidden);
            return;
        }
        link.setAttribute("aria-busy", "true");
        fetch(link.getAttribute("data-detail-url"), { credentials: "same-origin" }).then(function (response) {
            if (!response.ok) { throw new Error(response.status); }
            return response.text();
        }).then(function (html) {
            // The goals come back in full with the same ids: the summary gives its ids up.
            priority.querySelectorAll("[data-priority-summary] [id]").forEach(function (node) {
                node.removeAttribute("id");
            });
            detail.innerHTML = html;
            link.removeAttribute("aria-busy");
            setOpen(link, true);
        }).catch(function () {
            window.location.href = link.href;  // the priority's own view
        });
    }

    function followOldLink() {
        var id = decodeURIComponent(location.hash.slice(1));
        var outline = document.querySelector("[data-element-url]");
        if (outline && ELEMENT.test(id) && !document.getElementById(id)) {
            location.replace(outline.getAttribute("data-element-url") + "?id=" + encodeURIComponent(id));
        }
    }

    document.addEventListener("DOMContentLoaded", function () {
        document.querySelectorAll("[data-priority-detail-link]").forEach(function (link) {
            var detail = link.closest("[data-priority]").querySelector("[data-priority-detail]");
            link.setAttribute("aria-controls", detail.id);
            link.setAttribute("aria-expanded", "false");
            link.addEventListener("click", function (event) {
                if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button) { return; }
                event.preventDefault();
                toggle(link);
            });
        });
        document.querySelectorAll("[data-print]").forEach(function (button) {
            button.hidden = false;
            button.addEventListener("click", function () { window.print(); });
        });
        followOldLink();
    });
    window.addEventListener("hashchange", followOldLink);
}());
